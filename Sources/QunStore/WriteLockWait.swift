import Foundation
import GRDB

/// How a connection waits for the write lock another connection holds. SQLite's own busy timeout backs off
/// to a try every 100 ms, while a bulk load gives the lock back only for a moment between two transactions:
/// a moderator's key in the dashboard could miss several of those gaps in a row and wait three or four
/// transactions. Trying every millisecond, with the bulk writer pausing a little longer than that between
/// transactions (`WriteLockHandOver`, inside `append(pulling:)`), the waiter gets in at the next gap.
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

/// Between back-to-back appends (a bulk load, a follower working through a backlog, an import): leaves the
/// write lock free long enough for a writer waiting in another process to take it. An append that starts
/// sooner than that after the previous one committed waits out the rest of the gap first, so callers need
/// not know about the lock, and an append after a pause pays nothing.
final class WriteLockHandOver: @unchecked Sendable {
    private let lock = NSLock()
    private var lastCommit: DispatchTime?

    /// Before an append takes the write lock.
    func waitForGap() {
        guard let last = lock.withLock({ lastCommit }) else { return }
        let elapsedMicroseconds = (DispatchTime.now().uptimeNanoseconds - last.uptimeNanoseconds) / 1_000
        let gap = UInt64(WriteLockWait.handOverMicroseconds)
        if elapsedMicroseconds < gap { usleep(useconds_t(gap - elapsedMicroseconds)) }
    }

    /// After an append committed (or failed: its transaction is over either way).
    func transactionEnded() {
        lock.withLock { lastCommit = DispatchTime.now() }
    }
}
