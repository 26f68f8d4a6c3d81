import Foundation
import QunCore

/// Outbox listings on PostgreSQL (SQLite's `OutboxReads`; the pane's counts live with the other pane reads).
extension PostgresStore {
    /// Newest first; `states` empty means every state.
    public func outbox(states: Set<OutboxState>, groupID: String?, limit: Int) throws -> [OutboxItem] {
        try read { s in
            try s.query(
                """
                SELECT * FROM outbox WHERE ($1::text[] IS NULL OR state = ANY($1::text[])) AND ($2::text IS NULL OR group_id = $2)
                ORDER BY id DESC LIMIT $3
                """,
                [states.isEmpty ? .null : .textArray(states.map(\.rawValue).sorted()), PGValue(groupID), .int(Int64(limit))]
            ).map(OutboxItem.init(stored:))
        }
    }

    public func outboxItem(id: Int64) throws -> OutboxItem? {
        try read { s in try s.queryOne("SELECT * FROM outbox WHERE id = $1", [.int(id)]).map(OutboxItem.init(stored:)) }
    }

    /// The items a moderation action (its audit entry) queued.
    public func outbox(auditID: Int64) throws -> [OutboxItem] {
        try read { s in try s.query("SELECT * FROM outbox WHERE audit_id = $1 ORDER BY id", [.int(auditID)]).map(OutboxItem.init(stored:)) }
    }
}
