import GRDB
import QunCore

/// The one place audit entries are written.
enum AuditWrites {
    /// Inserts the entry; returns its id.
    @discardableResult
    static func record(_ draft: AuditDraft, in db: Database) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (at, actor, action, group_id, member_id, case_id, campaign_id, reason, rule, evidence, before, undoes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                draft.at.timeIntervalSince1970, draft.actor, draft.action, draft.groupID, draft.memberID, draft.caseID, draft.campaignID,
                draft.reason, draft.rule, draft.evidence, draft.before, draft.undoes,
            ])
        return db.lastInsertedRowID
    }
}
