import Foundation

/// A lifecycle move that is not allowed, naming both states.
public struct CampaignTransitionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var from: CampaignStatus
    public var to: CampaignStatus
    /// Why, when the table alone does not say it ("only a paused campaign can be resumed").
    public var note: String?

    public init(from: CampaignStatus, to: CampaignStatus, note: String? = nil) {
        self.from = from
        self.to = to
        self.note = note
    }

    public var description: String {
        if let note { return "cannot move a campaign from \(from.rawValue) to \(to.rawValue): \(note)" }
        if from == to { return "campaign is already \(from.rawValue)" }
        let allowed = CampaignLifecycle.allowedTargets(from: from).map(\.rawValue).sorted()
        let options = allowed.isEmpty ? "\(from.rawValue) is final" : "from \(from.rawValue) it can go to \(allowed.joined(separator: ", "))"
        return "cannot move a campaign from \(from.rawValue) to \(to.rawValue): \(options)"
    }
}

/// An allowed move, with what the audit log should say about it. The store writes the audit row
/// (actor, time, campaign id) — `action` and `describe` give it the rest.
public struct CampaignTransition: Hashable, Sendable {
    public var from: CampaignStatus
    public var to: CampaignStatus

    /// The audit `action`: "campaign schedule", "campaign start", "campaign pause", "campaign resume",
    /// "campaign complete", "campaign cancel", "campaign unschedule".
    public var action: String {
        switch (from, to) {
        case (.paused, .scheduled): return "campaign resume"
        case (_, .scheduled): return "campaign schedule"
        case (.paused, .running): return "campaign resume"
        case (_, .running): return "campaign start"
        case (_, .paused): return "campaign pause"
        case (_, .completed): return "campaign complete"
        case (_, .cancelled): return "campaign cancel"
        case (_, .draft): return "campaign unschedule"
        }
    }

    /// "campaign flash-1111 「爆品秒杀」: running → paused (budget: ¥600.00 spent of ¥600.00)"
    public func describe(campaignID: String, name: String? = nil, reason: String? = nil) -> String {
        let label = name.map { " 「\($0)」" } ?? ""
        let why = reason.map { " (\($0))" } ?? ""
        return "campaign \(campaignID)\(label): \(from.rawValue) → \(to.rawValue)\(why)"
    }
}

/// The campaign lifecycle: draft → scheduled → running → paused → completed | cancelled.
///
/// | from | to |
/// |---|---|
/// | draft | scheduled, running, cancelled |
/// | scheduled | running, paused, draft, cancelled |
/// | running | paused, completed, cancelled |
/// | paused | running, scheduled, completed, cancelled |
/// | completed, cancelled | — (final) |
public enum CampaignLifecycle {
    public static let allowedTransitions: [CampaignStatus: Set<CampaignStatus>] = [
        .draft: [.scheduled, .running, .cancelled],
        .scheduled: [.running, .paused, .draft, .cancelled],
        .running: [.paused, .completed, .cancelled],
        .paused: [.running, .scheduled, .completed, .cancelled],
        .completed: [],
        .cancelled: [],
    ]

    /// Every allowed (from, to) pair, in a stable order.
    public static var allTransitions: [(from: CampaignStatus, to: CampaignStatus)] {
        CampaignStatus.allCases.flatMap { from in
            CampaignStatus.allCases.filter { allowedTransitions[from, default: []].contains($0) }.map { (from: from, to: $0) }
        }
    }

    public static func allowedTargets(from: CampaignStatus) -> Set<CampaignStatus> { allowedTransitions[from, default: []] }

    public static func canTransition(from: CampaignStatus, to: CampaignStatus) -> Bool {
        allowedTargets(from: from).contains(to)
    }

    /// Validates a move; throws naming both states when it is not allowed (including "already paused").
    public static func transition(from: CampaignStatus, to: CampaignStatus) throws -> CampaignTransition {
        guard canTransition(from: from, to: to) else { throw CampaignTransitionError(from: from, to: to) }
        return CampaignTransition(from: from, to: to)
    }

    public static func isFinal(_ status: CampaignStatus) -> Bool { allowedTargets(from: status).isEmpty }

    /// True while the scheduler should post this campaign's slots.
    public static func isLive(_ status: CampaignStatus) -> Bool { status == .scheduled || status == .running }

    // MARK: commands

    /// What `p` (pause/resume), `x` (cancel) and the CLI verbs ask for.
    public enum Command: String, Codable, Hashable, Sendable, CaseIterable {
        case schedule, start, pause, resume, complete, cancel
    }

    /// The move `command` makes from `current`. Resume goes back to `running` once the campaign has started
    /// (`startsAt` passed or not set) and to `scheduled` before that.
    public static func transition(for command: Command, from current: CampaignStatus, startsAt: Date?, now: Date) throws -> CampaignTransition {
        let target: CampaignStatus
        switch command {
        case .schedule: target = .scheduled
        case .start: target = .running
        case .pause: target = .paused
        case .resume:
            guard current == .paused else {
                if current == .running || current == .scheduled { throw CampaignTransitionError(from: current, to: current) }
                throw CampaignTransitionError(from: current, to: .running, note: "only a paused campaign can be resumed")
            }
            target = (startsAt.map { $0 <= now } ?? true) ? .running : .scheduled
        case .complete: target = .completed
        case .cancel: target = .cancelled
        }
        return try transition(from: current, to: target)
    }

    /// Checks that "trigger now" may post (draft, scheduled or running); returns the move to `running` it
    /// implies when the campaign had not started, nil when it is already running.
    public static func transitionForTrigger(from current: CampaignStatus) throws -> CampaignTransition? {
        switch current {
        case .running: return nil
        case .draft, .scheduled: return try transition(from: current, to: .running)
        case .paused: throw CampaignTransitionError(from: .paused, to: .running, note: "resume it before triggering")
        case .completed, .cancelled: throw CampaignTransitionError(from: current, to: .running)
        }
    }

    /// The move the scheduler makes on its own at `now`, if any: scheduled → running once `startsAt` has passed
    /// (or the first slot is due); running → completed once `endsAt` has passed, or a once-only campaign's
    /// instant has passed and `hasUnpostedSlots` is false.
    public static func automaticTransition(status: CampaignStatus, schedule: CampaignSchedule, now: Date, hasUnpostedSlots: Bool = false) -> CampaignTransition? {
        switch status {
        case .scheduled:
            let start: Date? = {
                if let s = schedule.startsAt { return s }
                if case let .once(at) = schedule.recurrence { return at }
                return nil
            }()
            if let start, start > now { return nil }
            return CampaignTransition(from: .scheduled, to: .running)
        case .running:
            if let end = schedule.endsAt, end < now, !hasUnpostedSlots { return CampaignTransition(from: .running, to: .completed) }
            if case let .once(at) = schedule.recurrence, at <= now, !hasUnpostedSlots {
                return CampaignTransition(from: .running, to: .completed)
            }
            return nil
        default:
            return nil
        }
    }
}

extension CampaignTransition {
    /// What the move does to the campaign's unsent outbox items: a pause holds the pending ones, a resume releases
    /// the held ones, a cancel cancels both (and so frees the budget their red packets reserved).
    public var outboxChange: (from: [OutboxState], to: OutboxState)? {
        switch to {
        case .paused: return ([.pending], .held)
        case .cancelled: return ([.pending, .held], .cancelled)
        default: return from == .paused ? ([.held], .pending) : nil
        }
    }
}

extension OutboxState {
    /// States in which a red packet counts as dropped or about to be: it reserves budget and claims match it.
    public static let redPacketLive: [OutboxState] = [.pending, .held, .claimed, .sent, .unknown]
}
