import Foundation
import GRDB
import QunCore

/// Turns admins' decisions on flagged messages into classifier samples, in the decision's own transaction.
///
/// Delete, remove and ban-as-spam of a flagged message say "this is spam"; approve (dismiss) says "this is
/// fine". A plain ban, a kick, a mute or a warning says something about the member, not the message, and
/// teaches nothing. Undoing a decision takes its sample back; undoing a spam decision also records the
/// message as ham — the admin has said the removal was a mistake.
///
/// Only people teach: a rule's own automatic delete or mute (actor `rules`) would have the model learn
/// what the rules already know, and grade itself.
public enum ClassifierLearning {
    public static let automaticActor = ModerationStep.automaticActor

    /// What a decision on a flagged message teaches, if anything.
    public static func label(for action: ModerationAction) -> SampleLabel? { SampleLabel(taughtBy: action) }

    /// Each message's label from its decisions (oldest first): the latest decision that teaches wins.
    public static func decisions(_ rows: [(message: String, action: String)]) -> [String: SampleLabel] {
        var decisions: [String: SampleLabel] = [:]
        for row in rows {
            guard let action = ModerationAction(name: row.action), let label = label(for: action) else { continue }
            decisions[row.message] = label
        }
        return decisions
    }

    static func learn(
        fromCase item: ModerationCase, action: ModerationAction, actor: String, auditID: Int64, now: Date, in db: Database
    ) throws {
        guard let label = SampleLabel(taughtBy: action, on: item, actor: actor), let text = try messageText(of: item, in: db) else { return }
        try insert(label: label, text: text, item: item, auditID: auditID, now: now, in: db)
    }

    /// Called when audit entry `undone` is undone by `undoAuditID`.
    static func unlearn(undoing undone: Int64, undoAuditID: Int64, now: Date, in db: Database) throws {
        let learned = try Row.fetchAll(
            db, sql: "SELECT id, label, text, group_id, member_id, case_id FROM classifier_samples WHERE audit_id = ? AND removed_at IS NULL",
            arguments: [undone])
        guard !learned.isEmpty else { return }
        try db.execute(
            sql: "UPDATE classifier_samples SET removed_at = ? WHERE audit_id = ? AND removed_at IS NULL",
            arguments: [now.timeIntervalSince1970, undone])
        for row in learned where (row["label"] as String) == SampleLabel.spam.rawValue {
            try db.execute(
                sql: """
                    INSERT INTO classifier_samples (label, source, text, group_id, member_id, case_id, audit_id, added_at)
                    VALUES ('ham', 'admin', ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [row["text"] as String, row["group_id"] as String?, row["member_id"] as String?, row["case_id"] as Int64?,
                            undoAuditID, now.timeIntervalSince1970])
        }
    }

    private static func messageText(of item: ModerationCase, in db: Database) throws -> String? {
        guard let source = item.eventSource, let externalID = item.eventExternalID else { return nil }
        let text = try String.fetchOne(
            db, sql: "SELECT text FROM events WHERE source = ? AND external_id = ?", arguments: [source, externalID])
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    private static func insert(label: SampleLabel, text: String, item: ModerationCase, auditID: Int64, now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO classifier_samples (label, source, text, group_id, member_id, case_id, audit_id, added_at)
                VALUES (?, 'admin', ?, ?, ?, ?, ?, ?)
                """,
            arguments: [label.rawValue, text, item.groupID, item.memberID, item.id, auditID, now.timeIntervalSince1970])
    }
}
