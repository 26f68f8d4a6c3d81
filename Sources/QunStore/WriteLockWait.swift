import Foundation
import GRDB

/// How a connection waits for the write lock another connection holds. SQLite's own busy timeout backs off
/// to a try every 100 ms, while a bulk load gives the lock back only for a moment between two transactions:
/// a moderator's key in the dashboard could miss several of those gaps in a row and wait three or four
/// transactions. Trying every millisecond, with the bulk writer pausing a little longer than that between
/// transactions (`SQLiteStore.handOverWriteLock`), the waiter gets in at the next gap.
enum WriteLockWait {
    /// Gives up after about this long, as SQLite's 15-s busy timeout did.
    static let limitSeconds = 15.0
    static let tryEveryMicroseconds: useconds_t = 1_000
    /// Longer than `tryEveryMicroseconds`, so a waiter polling at that pace sees the lock free.
    static let handOverMicroseconds: useconds_t = 3_000

    static let retry: Database.BusyCallback = { tries in
        guard Double(tries) * Double(tryEveryMicroseconds) / 1_000_000 < limitSeconds else { return false }
        usleep(tryEveryMicroseconds)
        return true
    }
}

extension SQLiteStore {
    /// Between back-to-back write transactions (a bulk load, a follower working through a backlog): leaves
    /// the write lock free long enough for a writer waiting in another process to take it.
    public func handOverWriteLock() {
        usleep(WriteLockWait.handOverMicroseconds)
    }
}
