import Foundation
import QunCore

extension PostgresStore {
    /// The one place this backend writes audit entries (as SQLite's `AuditWrites`); returns the entry's id.
    @discardableResult
    static func recordAudit(_ draft: AuditDraft, in s: PostgresSession) throws -> Int64 {
        let id = try s.scalar(
            """
            INSERT INTO audit_log (at, actor, action, group_id, member_id, case_id, campaign_id, reason, rule, evidence, before, undoes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
            """,
            [
                .double(draft.at.timeIntervalSince1970), .text(draft.actor), .text(draft.action), PGValue(draft.groupID),
                PGValue(draft.memberID), PGValue(draft.caseID), PGValue(draft.campaignID), PGValue(draft.reason), PGValue(draft.rule),
                PGValue(draft.evidence), PGValue(draft.before), PGValue(draft.undoes),
            ], as: Int64.self)
        guard let id else { throw PostgresStoreError.missingColumn("id") }
        return id
    }
}
