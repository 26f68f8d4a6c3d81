import Foundation
import QunCore
import QunStore

/// The Moderation pane's reads on PostgreSQL (SQLite's `moderationQueue` and `context`): the same order,
/// the same rows.
extension PostgresStore {
    /// Open and escalated items: escalated first, then by severity, repeat offenders, age.
    public func moderationQueue(limit: Int) throws -> [ModerationQueueRow] {
        try read { s in
            try s.query(
                """
                WITH top AS (
                    SELECT c.* FROM moderation_cases c
                    WHERE c.status <> 'resolved'
                    ORDER BY c.status = 'escalated' DESC, c.severity DESC, c.prior_cases DESC, c.created_at ASC, c.id ASC
                    LIMIT $1)
                SELECT top.*, m.nickname, m.display_name, e.text AS message_text, g.name AS group_name
                FROM top
                -- One key look-up per shown row; as plain joins the planner hashed the whole members table.
                LEFT JOIN LATERAL (
                    SELECT nickname, display_name FROM members
                    WHERE members.group_id = top.group_id AND members.member_id = top.member_id LIMIT 1) m ON true
                LEFT JOIN LATERAL (
                    SELECT text FROM events WHERE events.source = top.event_source AND events.external_id = top.event_external_id
                    LIMIT 1) e ON true
                LEFT JOIN groups g ON g.id = top.group_id
                ORDER BY top.status = 'escalated' DESC, top.severity DESC, top.prior_cases DESC, top.created_at ASC, top.id ASC
                """, [.int(Int64(limit))]
            ).map { row in
                let item = try ModerationCase(stored: row)
                return ModerationQueueRow(
                    item: item, groupName: try row.optionalString("group_name") ?? item.groupID,
                    memberName: try row.optionalString("nickname") ?? row.optionalString("display_name") ?? item.memberID,
                    priorCases: try row.int("prior_cases"), messageText: try row.optionalString("message_text"))
            }
        }
    }

    /// Messages around a queue item's event, for the detail view: `before` earlier ones, the event, `after` later ones.
    public func context(of item: ModerationCase, before: Int, after: Int) throws -> [ContextMessage] {
        guard let source = item.eventSource, let externalID = item.eventExternalID else { return [] }
        return try read { s in
            guard let subject = try s.queryOne("SELECT seq, ts FROM events WHERE source = $1 AND external_id = $2", [.text(source), .text(externalID)])
            else { return [] }
            let seq = try subject.int64("seq")
            let position: [PGValue] = [.text(item.groupID), .double(try subject.double("ts")), .int(seq)]
            let select = """
                SELECT e.seq, e.ts, e.member_id, e.kind, e.text, coalesce(m.nickname, m.display_name, e.member_id) AS shown FROM events e
                LEFT JOIN members m ON m.group_id = e.group_id AND m.member_id = e.member_id
                """
            let earlier = try s.query(
                select + " WHERE e.group_id = $1 AND (e.ts, e.seq) < ($2, $3) ORDER BY e.ts DESC, e.seq DESC LIMIT $4",
                position + [.int(Int64(before))])
            let fromSubject = try s.query(
                select + " WHERE e.group_id = $1 AND (e.ts, e.seq) >= ($2, $3) ORDER BY e.ts ASC, e.seq ASC LIMIT $4",
                position + [.int(Int64(after + 1))])
            return try (earlier.reversed() + fromSubject).map { row in
                ContextMessage(
                    timestamp: try row.date("ts"), memberID: try row.string("member_id"), memberName: try row.string("shown"),
                    kind: EventKind(rawValue: try row.string("kind")) ?? .message, text: try row.optionalString("text"),
                    isSubject: try row.int64("seq") == seq)
            }
        }
    }
}
