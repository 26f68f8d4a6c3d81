import Foundation
import QunCore

/// What a moderation action did, as the status line says it. A warning names its number and, when it
/// reached a step of the group's penalty ladder, the penalty that followed: "warn #2 → muted 1h (ladder)"
/// rather than a bare queue number.
public struct ActionReport: Equatable, Sendable {
    /// One warned member: which warning this is, and the ladder's penalty if it reached a step.
    public struct Warning: Equatable, Sendable {
        public var memberName: String
        public var number: Int
        public var penalty: PenaltyLadder.Penalty?
        public init(memberName: String, number: Int, penalty: PenaltyLadder.Penalty?) {
            self.memberName = memberName
            self.number = number
            self.penalty = penalty
        }
    }

    public var action: ModerationAction
    public var caseIDs: [Int64]
    public var lastAuditID: Int64?
    public var warnings: [Warning] = []

    public init(action: ModerationAction, caseIDs: [Int64], lastAuditID: Int64?, warnings: [Warning] = []) {
        self.action = action
        self.caseIDs = caseIDs
        self.lastAuditID = lastAuditID
        self.warnings = warnings
    }

    public func text(_ language: Language) -> String {
        let zh = language == .zh
        var parts: [String] = []
        if action == .warn, warnings.count == 1, let warning = warnings.first {
            var what = (zh ? "警告 #" : "warn #") + "\(warning.number)"
            if let penalty = warning.penalty { what += " → " + Self.done(penalty, language) + (zh ? "（阶梯）" : " (ladder)") }
            parts += [what, warning.memberName]
        } else {
            let verb = zh ? ActionLabels.verb(action, language) : action.name
            parts.append(verb + (caseIDs.count == 1 ? " #\(caseIDs[0])" : zh ? " \(caseIDs.count) 项" : " \(caseIDs.count) items"))
            let stepped = warnings.filter { $0.penalty != nil }
            if !stepped.isEmpty {
                parts.append((zh ? "阶梯：" : "ladder: ") + stepped.map { "\($0.memberName) → " + Self.done($0.penalty!, language) }.joined(separator: ", "))
            }
        }
        if let lastAuditID { parts.append((zh ? "审计 " : "audit ") + "\(lastAuditID)") }
        parts.append(zh ? "u 撤销" : "u undo")
        return parts.joined(separator: " · ")
    }

    /// "muted 1h", "kicked", "banned".
    static func done(_ penalty: PenaltyLadder.Penalty, _ language: Language) -> String {
        let zh = language == .zh
        switch penalty {
        case let .mute(seconds): return (zh ? "禁言 " : "muted ") + DurationText.format(seconds)
        case .kick: return zh ? "踢出" : "kicked"
        case .ban: return zh ? "拉黑" : "banned"
        }
    }
}
