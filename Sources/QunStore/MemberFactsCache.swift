import Foundation
import GRDB
import GRDBSQLite

/// The member facts (role, join time, last message) one ingest batch read, kept for the next batch so a
/// member seen yesterday is not looked up again today. Valid only while nothing but this cache's own
/// batches wrote to the store: another connection's commit changes `PRAGMA data_version`, and any other
/// write on this connection changes `total_changes()`; either empties it.
final class MemberFactsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var facts: [MemberBatch.Key: MemberBatch.Facts] = [:]
    private var stamp: Stamp?
    /// Past this many members the cache starts over rather than grow without bound (~100 bytes each).
    static let capacity = 300_000

    private struct Stamp: Equatable {
        var dataVersion: Int
        var totalChanges: Int
    }

    /// The facts to start a batch with: what the last batch left, if the store has not changed since.
    func checkOut(_ db: Database) throws -> [MemberBatch.Key: MemberBatch.Facts] {
        let now = try Self.stamp(db)
        return lock.withLock {
            defer {
                facts = [:]
                stamp = nil
            }
            return stamp == now && facts.count <= Self.capacity ? facts : [:]
        }
    }

    /// Keeps the facts after a batch's last write; call `committed()` once the transaction committed.
    func checkIn(_ facts: [MemberBatch.Key: MemberBatch.Facts], _ db: Database) throws -> () -> Void {
        let after = try Self.stamp(db)
        return { [self] in
            lock.withLock {
                self.facts = facts
                stamp = after
            }
        }
    }

    private static func stamp(_ db: Database) throws -> Stamp {
        Stamp(
            dataVersion: try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0,
            totalChanges: Int(sqlite3_total_changes(db.sqliteConnection)))
    }
}
