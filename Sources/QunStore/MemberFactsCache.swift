import Foundation
import GRDB
import GRDBSQLite
import QunCore

/// The member facts (role, join time, last message, check-in streak) one ingest transaction read or
/// applied, kept for the next so a member seen yesterday is not looked up again today. Valid only while
/// nothing but this cache's own transactions wrote to the store: another connection's commit changes
/// `PRAGMA data_version`, and any other write on this connection changes `total_changes()`; either empties it.
final class MemberFactsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var facts: [MemberKey: MemberFacts] = [:]
    private var stamp: Stamp?
    /// Past this many members the cache starts over rather than grow without bound (~100 bytes each).
    static let capacity = 300_000

    struct Stamp: Equatable {
        var dataVersion: Int
        var totalChanges: Int
    }

    /// The facts to start a batch with: what the last batch left, if the store has not changed since.
    func checkOut(_ db: Database) throws -> [MemberKey: MemberFacts] {
        let now = try Self.stamp(db)
        return lock.withLock {
            defer {
                facts = [:]
                stamp = nil
            }
            return stamp == now && facts.count <= Self.capacity ? facts : [:]
        }
    }

    /// Keeps a committed batch's facts, stamped (`stamp(_:)`) after its last write.
    func keep(_ facts: [MemberKey: MemberFacts], stampedAt after: Stamp) {
        lock.withLock {
            self.facts = facts
            stamp = after
        }
    }

    /// The store's state as this connection sees it: take it after a batch's last write.
    static func stamp(_ db: Database) throws -> Stamp {
        Stamp(
            dataVersion: try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0,
            totalChanges: Int(sqlite3_total_changes(db.sqliteConnection)))
    }
}
