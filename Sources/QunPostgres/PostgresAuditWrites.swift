import QunCore

/// The one place audit entries are written on PostgreSQL (SQLite's `AuditWrites`).
enum PostgresAuditWrites {
    /// Inserts the entry in the session's transaction; returns its id.
    @discardableResult
    static func record(_ draft: AuditDraft, in session: PostgresSession) throws -> Int64 {
        let row = try session.queryOne(
            """
            INSERT INTO audit_log (at, actor, action, group_id, member_id, case_id, campaign_id, reason, rule, evidence, before, undoes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
            """,
            [.double(draft.at.timeIntervalSince1970), .text(draft.actor), .text(draft.action), PGValue(draft.groupID), PGValue(draft.memberID),
             PGValue(draft.caseID), PGValue(draft.campaignID), PGValue(draft.reason), PGValue(draft.rule), PGValue(draft.evidence),
             PGValue(draft.before), PGValue(draft.undoes)])
        guard let row else { throw PostgresStoreError.missingColumn("id") }
        return try row.int64("id")
    }

    /// Inserts many entries in one statement, in order (a bulk close of the queue); returns their ids.
    @discardableResult
    static func record(all drafts: [AuditDraft], in session: PostgresSession) throws -> [Int64] {
        guard !drafts.isEmpty else { return [] }
        return try session.query(
            """
            INSERT INTO audit_log (at, actor, action, group_id, member_id, case_id, campaign_id, reason, rule, evidence, before, undoes)
            SELECT * FROM unnest($1::double precision[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::bigint[])
            RETURNING id
            """,
            [.doubleArray(drafts.map { $0.at.timeIntervalSince1970 }), .textArray(drafts.map(\.actor)), .textArray(drafts.map(\.action)),
             .textArray(drafts.map(\.groupID)), .textArray(drafts.map(\.memberID)), .intArray(drafts.map(\.caseID)),
             .textArray(drafts.map(\.campaignID)), .textArray(drafts.map(\.reason)), .textArray(drafts.map(\.rule)),
             .textArray(drafts.map(\.evidence)), .textArray(drafts.map(\.before)), .intArray(drafts.map(\.undoes))]
        ).map { try $0.int64("id") }.sorted()
    }
}
