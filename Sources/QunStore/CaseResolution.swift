import Foundation
import GRDB
import QunCore

extension SQLiteStore {
    /// Closes every open queue item raised before `cutoff`, with an audit entry each, in one transaction.
    /// The demo uses it so its history looks like a queue admins have been working, not a month of backlog.
    @discardableResult
    public func resolveCases(createdBefore cutoff: Date, resolution: String, actor: String, now: Date) throws -> Int {
        try pool.write { db in
            let cases = try Row.fetchAll(
                db, sql: "SELECT id, group_id, member_id, rule, evidence FROM moderation_cases WHERE status != 'resolved' AND created_at < ?",
                arguments: [cutoff.timeIntervalSince1970])
            for row in cases {
                let id: Int64 = row["id"]
                try db.execute(
                    sql: "UPDATE moderation_cases SET status = 'resolved', resolution = ?, resolved_at = ?, version = version + 1 WHERE id = ?",
                    arguments: [resolution, now.timeIntervalSince1970, id])
                try AuditWrites.record(
                    AuditDraft(at: now, actor: actor, action: "resolve", groupID: row["group_id"], memberID: row["member_id"], caseID: id,
                               reason: resolution, rule: row["rule"], evidence: row["evidence"]), in: db)
            }
            return cases.count
        }
    }
}
