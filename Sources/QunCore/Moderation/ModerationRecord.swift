import Foundation

/// How a moderation decision is written down, the same on every store: its audit entry (with the state before,
/// for undo) and the outbox commands keyed by that entry.
extension ModerationOutcome {
    public func auditDraft(
        of action: ModerationAction, on item: ModerationCase, actor: String, reason: String?, before: ModerationSnapshot, now: Date
    ) throws -> AuditDraft {
        // Sorted keys: the same snapshot is the same text on every store and every run.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return AuditDraft(
            at: now, actor: actor, action: action.name, groupID: item.groupID, memberID: item.memberID, caseID: item.id,
            reason: reason ?? resolution, rule: item.rule, evidence: item.evidence,
            before: String(decoding: try encoder.encode(before), as: UTF8.self))
    }
}

extension OutboxDraft {
    /// A decision's commands, keyed by its audit entry so a retried transaction cannot queue them twice.
    public static func commands(_ commands: [OutboxCommand], of auditID: Int64, groupID: String, now: Date) -> [OutboxDraft] {
        commands.enumerated().map { i, command in
            OutboxDraft(idempotencyKey: "audit-\(auditID)-\(i)-\(command.verb)", groupID: groupID, command: command, dueAt: now, auditID: auditID)
        }
    }
}

extension SampleLabel {
    /// The actor recorded for actions a rule took on its own at ingest.
    public static let automaticActor = ModerationStep.automaticActor

    /// What a decision on a flagged message teaches the classifier, if anything. Delete, remove and
    /// ban-as-spam say "spam"; approve (dismiss) says "ham"; a plain ban, kick, mute or warning is about the
    /// member, not the message. Only people teach: a rule's own action would have the model grade itself.
    public init?(taughtBy action: ModerationAction) {
        switch action {
        case .delete, .reject, .banAsSpam: self = .spam
        case .approve: self = .ham
        case .ban, .kick, .warn, .mute, .escalate, .claim: return nil
        }
    }

    public init?(taughtBy action: ModerationAction, on item: ModerationCase, actor: String) {
        guard actor != Self.automaticActor, item.kind == .flaggedMessage else { return nil }
        self.init(taughtBy: action)
    }
}

extension PlatformID {
    /// A stored message's id on its platform. Telegram events are keyed "<chat>:<message id>" (Bot API and
    /// Desktop export alike); other platforms' keys are their own ids already.
    public static func message(source: String, externalID: String) -> PlatformID {
        if source.hasPrefix("telegram"), let colon = externalID.lastIndex(of: ":"), let n = Int64(externalID[externalID.index(after: colon)...]) {
            return .number(n)
        }
        return .text(externalID)
    }
}
