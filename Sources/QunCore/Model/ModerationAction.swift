import Foundation

/// What an admin does to a queue item. Each writes an audit entry and, where the platform must act, an
/// outbox item; every one can be undone.
public enum ModerationAction: Hashable, Sendable {
    /// Join request: let them in. Flagged message or report: nothing wrong, dismiss.
    case approve
    /// Join request: turn it down. Flagged message: remove the message.
    case reject
    case warn
    case mute(seconds: TimeInterval)
    case kick
    /// Ban the member; teaches the classifier nothing (the member may be bad while this message is fine).
    case ban
    /// Ban the member and teach the classifier that the flagged message is spam.
    case banAsSpam
    /// Delete the flagged message on the platform.
    case delete
    case escalate
    case claim

    public static let defaultMute: TimeInterval = 3600

    public var name: String {
        switch self {
        case .approve: return "approve"
        case .reject: return "reject"
        case .warn: return "warn"
        case .mute: return "mute"
        case .kick: return "kick"
        case .ban: return "ban"
        case .banAsSpam: return "ban-as-spam"
        case .delete: return "delete"
        case .escalate: return "escalate"
        case .claim: return "claim"
        }
    }

    /// Parses the CLI's `--action` names; `mute` takes its duration separately.
    public init?(name: String, muteSeconds: TimeInterval? = nil) {
        switch name {
        case "approve": self = .approve
        case "reject", "remove": self = .reject
        case "warn": self = .warn
        case "mute": self = .mute(seconds: muteSeconds ?? Self.defaultMute)
        case "kick": self = .kick
        case "ban": self = .ban
        case "ban-as-spam", "spam": self = .banAsSpam
        case "delete": self = .delete
        case "escalate": self = .escalate
        case "claim": self = .claim
        default: return nil
        }
    }

    public static let names = ["approve", "reject", "warn", "mute", "kick", "ban", "ban-as-spam", "delete", "escalate", "claim"]

    /// Whether the item leaves the queue afterwards.
    public var resolves: Bool {
        switch self {
        case .escalate, .claim: return false
        default: return true
        }
    }
}

/// A group's penalty scale (警告 → 禁言 → 移出 → 拉黑): active warnings expire after `warningLifetime`;
/// reaching a step's count of active warnings applies its penalty on top of the warning.
public struct PenaltyLadder: Codable, Hashable, Sendable {
    public enum Penalty: Codable, Hashable, Sendable {
        case mute(seconds: TimeInterval)
        case kick
        case ban
    }

    public struct Step: Codable, Hashable, Sendable {
        public var warnings: Int
        public var penalty: Penalty
        public init(warnings: Int, penalty: Penalty) {
            self.warnings = warnings
            self.penalty = penalty
        }
    }

    public var warningLifetime: TimeInterval
    public var steps: [Step]

    public init(warningLifetime: TimeInterval = 30 * 86_400, steps: [Step]) {
        self.warningLifetime = warningLifetime
        self.steps = steps.sorted { $0.warnings < $1.warnings }
    }

    /// 2 warnings: muted 1 h; 3: muted 24 h; 4: removed; 5: banned. Warnings last 30 days.
    public static let standard = PenaltyLadder(steps: [
        Step(warnings: 2, penalty: .mute(seconds: 3600)),
        Step(warnings: 3, penalty: .mute(seconds: 86_400)),
        Step(warnings: 4, penalty: .kick),
        Step(warnings: 5, penalty: .ban),
    ])

    /// The penalty for a member who now has `activeWarnings` warnings in force (counting the new one).
    public func penalty(forActiveWarnings activeWarnings: Int) -> Penalty? {
        steps.last { activeWarnings >= $0.warnings }?.penalty
    }

    /// What the next warning would bring, for the member view.
    public func nextPenalty(afterActiveWarnings activeWarnings: Int) -> Penalty? {
        penalty(forActiveWarnings: activeWarnings + 1)
    }

    public static func describe(_ penalty: Penalty) -> String {
        switch penalty {
        case let .mute(seconds): return "mute \(DurationText.format(seconds))"
        case .kick: return "kick"
        case .ban: return "ban"
        }
    }
}

/// "90s", "15m", "1h", "2d", "1w" both ways.
public enum DurationText {
    public static func parse(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let scale = units[unit], let n = Double(text.dropLast()), n > 0, n.isFinite else { return nil }
        return n * scale
    }

    public static func format(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        if s % 604_800 == 0 { return "\(s / 604_800)w" }
        if s % 86_400 == 0 { return "\(s / 86_400)d" }
        if s % 3600 == 0 { return "\(s / 3600)h" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }
}
