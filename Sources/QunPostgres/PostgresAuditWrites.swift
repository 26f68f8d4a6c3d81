import QunCore

/// The one place audit entries are written in PostgreSQL (as `AuditWrites` is in SQLite).
enum PostgresAuditWrites {
    /// Inserts the entry; returns its id.
    @discardableResult
    static func record(_ draft: AuditDraft, in s: PostgresSession) throws -> Int64 {
        let row = try s.queryOne(
            """
            INSERT INTO audit_log (at, actor, action, group_id, member_id, case_id, campaign_id, reason, rule, evidence, before, undoes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
            """,
            [
                .double(draft.at.timeIntervalSince1970), .text(draft.actor), .text(draft.action), PGValue(draft.groupID), PGValue(draft.memberID),
                PGValue(draft.caseID), PGValue(draft.campaignID), PGValue(draft.reason), PGValue(draft.rule), PGValue(draft.evidence),
                PGValue(draft.before), PGValue(draft.undoes),
            ])
        guard let row else { throw PostgresStoreError.missingColumn("id") }
        return try row.int64("id")
    }
}
