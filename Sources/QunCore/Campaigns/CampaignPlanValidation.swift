import Foundation

/// Something wrong with a plan, for `campaign new` and the dashboard's form to show before saving.
public struct PlanProblem: Codable, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

extension CampaignPlan {
    /// The placeholders qundeck fills for each purpose (besides `{campaign}`, `{theme}`, `{hook}`, `{group}`).
    public static func filledPlaceholders(for purpose: MessagePurpose, type: CampaignType) -> Set<String> {
        var names: Set<String> = ["campaign", "theme", "hook", "group", "time"]
        switch purpose {
        case .push, .redPacket, .preview: names.formUnion(["product", "price", "prize"])
        case .welcome: names.formUnion(["name", "rules", "format"])
        case .winners: names.formUnion(["name", "prize", "count", "product"])
        case .reminder, .announcement, .reward: names.formUnion(["day", "days", "reward", "count", "prize", "name"])
        }
        if type == .redPacket { names.remove("price") }
        return names
    }

    /// Problems that would make the campaign misbehave; empty when it can be scheduled.
    public func problems() -> [PlanProblem] {
        var out: [PlanProblem] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { out.append(PlanProblem("name", "is empty")) }
        if groupIDs.isEmpty { out.append(PlanProblem("groups", "no target group")) }
        if Set(groupIDs).count != groupIDs.count { out.append(PlanProblem("groups", "a group is listed twice")) }
        if budget.fen < 0 { out.append(PlanProblem("budget", "is negative")) }
        if goal.target <= 0 { out.append(PlanProblem("goal", "target must be positive")) }
        if !rules.fits.contains(type) { out.append(PlanProblem("rules", "do not fit a \(type.rawValue) campaign")) }

        if let s = schedule.startsAt, let e = schedule.endsAt, e < s { out.append(PlanProblem("schedule", "ends before it starts")) }
        switch schedule.recurrence {
        case let .hourly(_, minute) where !(0...59).contains(minute): out.append(PlanProblem("schedule", "minute \(minute) is not 0–59"))
        case let .everyNDays(n, _, _) where n < 1: out.append(PlanProblem("schedule", "every \(n) days: n must be at least 1"))
        case let .onJoin(delay) where delay < 0: out.append(PlanProblem("schedule", "negative delay"))
        case let .once(at) where !schedule.inBounds(at): out.append(PlanProblem("schedule", "the run is outside the start/end"))
        default: break
        }

        switch rules {
        case let .redPacket(r):
            if r.slots < 1 { out.append(PlanProblem("slots", "at least 1")) }
            if r.amount.fen < Int64(max(1, r.slots)) { out.append(PlanProblem("amount", "\(r.amount) cannot give \(r.slots) slots at least ¥0.01 each")) }
        case let .flashSale(r):
            if r.products.isEmpty { out.append(PlanProblem("products", "a flash sale needs at least one product")) }
            if let a = r.packetAmount, a.fen > 0, a.fen < Int64(max(1, r.packetSlots)) {
                out.append(PlanProblem("packet", "\(a) cannot give \(r.packetSlots) slots at least ¥0.01 each"))
            }
            if case .hourly = schedule.recurrence {} else { out.append(PlanProblem("schedule", "a flash sale runs hourly inside a window")) }
        case let .preview(r):
            if r.products.isEmpty { out.append(PlanProblem("products", "a preview needs at least one product")) }
        case let .checkinChallenge(r):
            if r.requiredDays < 1 { out.append(PlanProblem("days", "at least 1")) }
            if let s = schedule.startsAt, let e = schedule.endsAt, e.timeIntervalSince(s) < Double(r.requiredDays - 1) * 86_400 {
                out.append(PlanProblem("schedule", "shorter than the \(r.requiredDays) days the challenge needs"))
            }
        case let .referral(r):
            if r.requiredInvites < 1 { out.append(PlanProblem("invites", "at least 1")) }
            if r.qualifyingDays < 0 { out.append(PlanProblem("qualifying days", "is negative")) }
        case let .lottery(r):
            if r.winners < 1 { out.append(PlanProblem("winners", "at least 1")) }
            if case .once = schedule.recurrence {} else { out.append(PlanProblem("schedule", "a lottery is drawn once, at an instant")) }
        case .welcome:
            if case .onJoin = schedule.recurrence {} else { out.append(PlanProblem("schedule", "a welcome runs on join")) }
        case let .firstOrder(r):
            if r.ordersRewarded < 1 { out.append(PlanProblem("orders rewarded", "at least 1")) }
        case .gathering:
            break
        }

        for purpose in MessagePurpose.allCases {
            guard let template = messages[purpose] else { continue }
            let unknown = MessageTemplate.placeholders(in: template).filter { !Self.filledPlaceholders(for: purpose, type: type).contains($0) }
            if !unknown.isEmpty {
                out.append(PlanProblem("message \(purpose.rawValue)", "qundeck does not fill " + unknown.map { "{\($0)}" }.joined(separator: ", ")))
            }
        }
        return out
    }

    /// What the plan will spend if it runs as planned, for comparing with the budget: red packets per slot
    /// over the scheduled slots (manual drops: none until triggered), prizes, and rewards at the goal.
    public func estimatedSpend(zones: [String: TimeZone] = [:]) -> Money {
        func slotCount() -> Int {
            guard schedule.hasClockSlots, let start = schedule.startsAt ?? Optional(createdAt), let end = schedule.endsAt ?? {
                if case let .once(at) = schedule.recurrence { return at }
                return nil
            }() else { return 0 }
            return groupIDs.reduce(0) { sum, g in
                sum + schedule.slots(campaignID: id, groupID: g, from: start.addingTimeInterval(-1), through: end, in: Self.zone(g, zones)).count
            }
        }
        switch rules {
        case let .redPacket(r): return Money(fen: r.amount.fen * Int64(slotCount()))
        case let .flashSale(r): return Money(fen: (r.packetAmount?.fen ?? 0) * Int64(slotCount()))
        case let .lottery(r): return Money(fen: r.prizeValue.fen * Int64(r.winners))
        case let .checkinChallenge(r) where goal.metric == .completions: return Money(fen: r.reward.fen * Int64(goal.target))
        case let .referral(r) where goal.metric == .invites:
            let rewards = r.requiredInvites > 0 ? goal.target / r.requiredInvites : 0
            return Money(fen: r.reward.fen * Int64(rewards) + r.perInviteReward.fen * Int64(goal.target))
        case let .firstOrder(r) where goal.metric == .firstOrders: return Money(fen: r.reward.fen * Int64(goal.target))
        default: return .zero
        }
    }
}

/// A `--at` value the CLI could not use.
public struct ScheduleInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

extension CampaignSchedule {
    /// Applies a `--at` value:
    /// - "HH:mm": the local time of a daily / every-N-days schedule; for an hourly one, the minute;
    ///   for once / manual, the next such local time after `now` (in `zone`) as a once-only run;
    /// - "YYYY-MM-DD HH:mm" (or with "T"): local in `zone`; once / manual become once at it, recurring ones
    ///   start at it;
    /// - an ISO 8601 instant with offset ("2026-12-12T20:00:00+08:00"): as above, without the zone.
    public func applying(at text: String, zone: TimeZone, now: Date) throws -> CampaignSchedule {
        var out = self
        if let time = LocalTime(text) {
            switch recurrence {
            case .daily: out.recurrence = .daily(at: time)
            case let .everyNDays(n, _, anchor): out.recurrence = .everyNDays(n: n, at: time, anchor: anchor)
            case let .hourly(window, _): out.recurrence = .hourly(window: window, minute: time.minute)
            case .once, .manual:
                var day = LocalDay(now, in: zone)
                var instant = LocalClock.instant(of: time, on: day, in: zone)
                if instant <= now {
                    day = day.adding(days: 1)
                    instant = LocalClock.instant(of: time, on: day, in: zone)
                }
                out.recurrence = .once(at: instant)
            case .onJoin:
                throw ScheduleInputError(description: "a welcome runs on join; --at does not apply")
            }
            return out
        }
        let instant: Date
        if let local = LocalDateTime(iso: text) {
            instant = LocalClock.resolve(local, in: zone).instant
        } else if let date = ISO8601DateFormatter().date(from: text) {
            instant = date
        } else {
            throw ScheduleInputError(description: "--at \(text): expected HH:mm, YYYY-MM-DD HH:mm or an ISO 8601 time")
        }
        switch recurrence {
        case .once, .manual: out.recurrence = .once(at: instant)
        case .onJoin: throw ScheduleInputError(description: "a welcome runs on join; --at does not apply")
        default: out.startsAt = instant
        }
        if let end = out.endsAt, let start = out.startsAt, end < start { out.endsAt = nil }
        return out
    }
}
