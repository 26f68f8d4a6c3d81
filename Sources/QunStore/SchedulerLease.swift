import Foundation
import GRDB

/// A named lease in the store: who may run a job that must not run twice at once (the campaign scheduler,
/// which two dashboards on one store would otherwise both run). A holder renews it well before it
/// expires; a holder that dies simply stops renewing, and the lease passes on once it has expired.
extension SQLiteStore {
    /// Takes the lease, or renews it when `holder` already has it, until `now + ttl`. False while another
    /// holder's lease has not expired.
    public func acquireLease(_ name: String, holder: String, ttl: TimeInterval, now: Date = Date()) throws -> Bool {
        try pool.write { db in
            let at = now.timeIntervalSince1970
            if let row = try Row.fetchOne(db, sql: "SELECT holder, expires_at FROM leases WHERE name = ?", arguments: [name]) {
                let current: String = row["holder"]
                let expiresAt: Double = row["expires_at"]
                if current != holder && expiresAt > at { return false }
            }
            try db.execute(
                sql: """
                    INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                    """,
                arguments: [name, holder, at + ttl])
            return true
        }
    }

    /// Gives the lease up at once (a clean exit), so another process need not wait for it to expire.
    public func releaseLease(_ name: String, holder: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM leases WHERE name = ? AND holder = ?", arguments: [name, holder])
        }
    }

    /// Who holds the lease now, if anyone.
    public func leaseHolder(_ name: String, now: Date = Date()) throws -> String? {
        try pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT holder FROM leases WHERE name = ? AND expires_at > ?", arguments: [name, now.timeIntervalSince1970])
        }
    }
}
