import Foundation
import GRDB
import QunCore

/// What an operator does to single outbox items (`qundeck outbox retry|cancel|resolve`), each audited.
extension SQLiteStore {
    /// Sends a failed, unknown or cancelled item again (a new attempt as soon as a connector claims it).
    public func retryOutboxItem(id: Int64, actor: String, now: Date = Date()) throws {
        try change(id, .retry, actor: actor, now: now) { db in
            try db.execute(
                sql: "UPDATE outbox SET state = 'pending', next_attempt_at = NULL, claimed_by = NULL, updated_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id])
            return "queued again"
        }
    }

    /// Stops an item that has not gone out: pending, held, or claimed with no request started yet.
    public func cancelOutboxItem(id: Int64, actor: String, now: Date = Date()) throws {
        try change(id, .cancel, actor: actor, now: now) { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'cancelled', claimed_by = NULL, lease_until = NULL, updated_at = ?
                    WHERE id = ? AND (state != 'claimed' OR attempt_started_at IS NULL)
                    """, arguments: [now.timeIntervalSince1970, id])
            guard db.changesCount == 1 else {
                throw StoreError.invalid("outbox item \(id) is being sent right now; wait for its answer")
            }
            return "cancelled"
        }
    }

    /// Settles an `unknown` item: the operator checked the group and says whether it was done.
    public func resolveOutboxItem(id: Int64, sent: Bool, actor: String, now: Date = Date()) throws {
        try change(id, .resolve, actor: actor, now: now) { db in
            try db.execute(
                sql: "UPDATE outbox SET state = ?, last_error = ?, updated_at = ? WHERE id = ?",
                arguments: [sent ? "sent" : "failed", sent ? nil : "not sent (checked by \(actor)); `qundeck outbox retry \(id)` sends it again",
                            now.timeIntervalSince1970, id])
            return sent ? "resolved as sent" : "resolved as not sent"
        }
    }

    private func change(_ id: Int64, _ change: OutboxOperatorChange, actor: String, now: Date, _ body: (Database) throws -> String) throws {
        try pool.write { db in
            let item = try change.check(try OutboxItem.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]), id: id)
            let outcome = try body(db)
            try AuditWrites.record(change.auditDraft(of: item, outcome: outcome, actor: actor, now: now), in: db)
        }
    }
}
