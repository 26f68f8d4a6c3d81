import Foundation
import QunCore

/// Admins' decisions on flagged messages as classifier samples, in the decision's own transaction, as
/// SQLite's `ClassifierLearning` records them; `SampleLabel(taughtBy:on:actor:)` decides what is taught.
enum PostgresClassifierLearning {
    static func learn(
        fromCase item: ModerationCase, action: ModerationAction, actor: String, auditID: Int64, now: Date, in s: PostgresSession
    ) throws {
        guard let label = SampleLabel(taughtBy: action, on: item, actor: actor), let source = item.eventSource,
            let externalID = item.eventExternalID,
            let text = try s.scalar("SELECT text FROM events WHERE source = $1 AND external_id = $2", [.text(source), .text(externalID)], as: String.self),
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return }
        try s.execute(
            """
            INSERT INTO classifier_samples (label, source, text, group_id, member_id, case_id, audit_id, added_at)
            VALUES ($1, 'admin', $2, $3, $4, $5, $6, $7)
            """,
            [.text(label.rawValue), .text(text), .text(item.groupID), .text(item.memberID), .int(item.id), .int(auditID),
             .double(now.timeIntervalSince1970)])
    }

    /// Called when audit entry `undone` is undone by `undoAuditID`: its samples are taken back, and a message
    /// learned as spam is learned as ham (the admin said the removal was a mistake).
    static func unlearn(undoing undone: Int64, undoAuditID: Int64, now: Date, in s: PostgresSession) throws {
        let ts = now.timeIntervalSince1970
        try s.execute(
            """
            WITH taken AS (
                UPDATE classifier_samples SET removed_at = $1 WHERE audit_id = $2 AND removed_at IS NULL
                RETURNING id, label, text, group_id, member_id, case_id)
            INSERT INTO classifier_samples (label, source, text, group_id, member_id, case_id, audit_id, added_at)
            SELECT 'ham', 'admin', text, group_id, member_id, case_id, $3, $1 FROM taken WHERE label = 'spam' ORDER BY id
            """, [.double(ts), .int(undone), .int(undoAuditID)])
    }
}
