import Foundation
import QunCore
import QunStore

/// What an operator does to single outbox items on PostgreSQL (SQLite's `OutboxAdmin`), each audited.
extension PostgresStore {
    /// Sends a failed, unknown or cancelled item again.
    public func retryOutboxItem(id: Int64, actor: String, now: Date) throws {
        try change(id, .retry, actor: actor, now: now) { s in
            try s.execute(
                "UPDATE outbox SET state = 'pending', next_attempt_at = NULL, claimed_by = NULL, updated_at = $1 WHERE id = $2",
                [.double(now.timeIntervalSince1970), .int(id)])
            return "queued again"
        }
    }

    /// Stops an item that has not gone out: pending, held, or claimed with no request started yet.
    public func cancelOutboxItem(id: Int64, actor: String, now: Date) throws {
        try change(id, .cancel, actor: actor, now: now) { s in
            let changed = try s.execute(
                """
                UPDATE outbox SET state = 'cancelled', claimed_by = NULL, lease_until = NULL, updated_at = $1
                WHERE id = $2 AND (state != 'claimed' OR attempt_started_at IS NULL)
                """, [.double(now.timeIntervalSince1970), .int(id)])
            guard changed == 1 else { throw StoreError.invalid("outbox item \(id) is being sent right now; wait for its answer") }
            return "cancelled"
        }
    }

    /// Settles an `unknown` item: the operator checked the group and says whether it was done.
    public func resolveOutboxItem(id: Int64, sent: Bool, actor: String, now: Date) throws {
        try change(id, .resolve, actor: actor, now: now) { s in
            try s.execute(
                "UPDATE outbox SET state = $1, last_error = $2, updated_at = $3 WHERE id = $4",
                [.text(sent ? "sent" : "failed"), sent ? .null : .text("not sent (checked by \(actor)); `qundeck outbox retry \(id)` sends it again"),
                 .double(now.timeIntervalSince1970), .int(id)])
            return sent ? "resolved as sent" : "resolved as not sent"
        }
    }

    /// Reads the item locked (a connector's claim or another operator waits), checks its state, applies
    /// `body` and audits what it did.
    private func change(_ id: Int64, _ change: OutboxOperatorChange, actor: String, now: Date, _ body: (PostgresSession) throws -> String) throws {
        try write { s in
            let item = try change.check(try s.queryOne("SELECT * FROM outbox WHERE id = $1 FOR UPDATE", [.int(id)]).map(OutboxItem.init(stored:)), id: id)
            let outcome = try body(s)
            try PostgresAuditWrites.record(change.auditDraft(of: item, outcome: outcome, actor: actor, now: now), in: s)
        }
    }
}
