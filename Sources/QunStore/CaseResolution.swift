import Foundation
import GRDB
import QunCore

extension SQLiteStore {
    /// Closes every open queue item raised before `cutoff`, with an audit entry each, in one transaction.
    /// The demo uses it so its history looks like a queue admins have been working, not a month of backlog.
    @discardableResult
    public func resolveCases(createdBefore cutoff: Date, resolution: String, actor: String, now: Date) throws -> Int {
        try pool.write { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM moderation_cases WHERE status != 'resolved' AND created_at < ?",
                arguments: [cutoff.timeIntervalSince1970])
            for id in ids {
                try db.execute(
                    sql: "UPDATE moderation_cases SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?",
                    arguments: [resolution, now.timeIntervalSince1970, id])
                try db.execute(
                    sql: """
                        INSERT INTO audit_log (at, actor, action, group_id, member_id, case_id, reason, rule, evidence)
                        SELECT ?, ?, 'resolve', group_id, member_id, id, ?, rule, evidence FROM moderation_cases WHERE id = ?
                        """,
                    arguments: [now.timeIntervalSince1970, actor, resolution, id])
            }
            return ids.count
        }
    }
}
