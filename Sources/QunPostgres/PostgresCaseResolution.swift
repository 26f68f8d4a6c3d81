import Foundation
import QunCore

extension PostgresStore {
    /// Closes every open queue item raised before `cutoff`, with an audit entry each, in one transaction
    /// (SQLite's `resolveCases`, which the demo uses).
    @discardableResult
    public func resolveCases(createdBefore cutoff: Date, resolution: String, actor: String, now: Date) throws -> Int {
        try write { s in
            let closed = try s.query(
                """
                UPDATE moderation_cases SET status = 'resolved', resolution = $1, resolved_at = $2, version = version + 1
                WHERE status != 'resolved' AND created_at < $3
                RETURNING id, group_id, member_id, rule, evidence
                """, [.text(resolution), .double(now.timeIntervalSince1970), .double(cutoff.timeIntervalSince1970)])
            let drafts = try closed.sorted { try $0.int64("id") < $1.int64("id") }.map { row in
                AuditDraft(
                    at: now, actor: actor, action: "resolve", groupID: try row.string("group_id"), memberID: try row.string("member_id"),
                    caseID: try row.int64("id"), reason: resolution, rule: try row.optionalString("rule"), evidence: try row.optionalString("evidence"))
            }
            try PostgresAuditWrites.record(all: drafts, in: s)
            return closed.count
        }
    }
}
