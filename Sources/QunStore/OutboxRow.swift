import Foundation
import GRDB
import QunCore

/// Outbox rows as `OutboxItem`s: the one decoding every reader uses.
extension OutboxItem: FetchableRecord {
    public init(row: Row) throws {
        let commandJSON: String = row["command"]
        let command: OutboxCommand
        do {
            command = try OutboxCommand(json: commandJSON)
        } catch {
            throw StoreError.invalid("outbox item \(row["id"] as Int64): field command: \(error)")
        }
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        self.init(
            id: row["id"], idempotencyKey: row["idempotency_key"], groupID: row["group_id"], command: command,
            state: OutboxState(rawValue: row["state"]) ?? .pending, attempts: row["attempts"], lastError: row["last_error"],
            response: row["response"], claimedBy: row["claimed_by"], leaseUntil: date("lease_until"), nextAttemptAt: date("next_attempt_at"),
            auditID: row["audit_id"], campaignID: row["campaign_id"], purpose: row["purpose"], createdAt: date("created_at")!, dueAt: date("due_at")!,
            updatedAt: date("updated_at")!)
    }
}
