import Foundation
import QunStore

/// Named leases (the campaign scheduler's) shared by every process on the store: one holder at a time until its
/// lease expires or it lets go.
extension PostgresStore: LeaseRegistry {
    /// Takes the lease, or renews it when `holder` already has it, until `now + ttl`. False while another holder's
    /// lease has not expired. One statement decides, so processes racing for a free or expired lease get one winner:
    /// the conflicting row is only overwritten by its own holder or once it has expired.
    public func acquireLease(_ name: String, holder: String, ttl: TimeInterval, now: Date = Date()) throws -> Bool {
        let at = now.timeIntervalSince1970
        return try write { s in
            try s.execute(
                """
                INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
                """,
                [.text(name), .text(holder), .double(at + ttl), .double(at)]) == 1
        }
    }

    /// Gives the lease up at once (a clean exit), so another process need not wait for it to expire.
    public func releaseLease(_ name: String, holder: String) throws {
        try write { s in
            _ = try s.execute("DELETE FROM leases WHERE name = $1 AND holder = $2", [.text(name), .text(holder)])
        }
    }

    /// Who holds the lease now, if anyone.
    public func leaseHolder(_ name: String, now: Date = Date()) throws -> String? {
        try read { s in
            try s.scalar("SELECT holder FROM leases WHERE name = $1 AND expires_at > $2", [.text(name), .double(now.timeIntervalSince1970)], as: String.self)
        }
    }
}
