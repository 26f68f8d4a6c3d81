import Foundation
import XCTest

import QunCore
@testable import QunStore
import StoreTestSupport

/// A bulk load runs write transactions back to back. Another process's writer (a moderator's key in the
/// dashboard) must get the lock at the next gap between them, not wait for the whole load.
final class WriteLockHandOverTests: XCTestCase {
    private let now = at("2026-11-23T12:00:00+08:00")

    func testAWaitingWriterGetsInBetweenBackToBackTransactions() throws {
        let (bulk, url) = try makeSQLiteStore()
        let other = try SQLiteStore(url: url)
        let transactions = 30
        let progress = Progress()
        let now = self.now

        let writer = Thread {
            for i in 0..<transactions {
                var pending: AppendChunk? = AppendChunk(events: [
                    event("bulk\(i)", .message, "u1", "2026-11-23T08:00:00+08:00", text: "第\(i)条"),
                ])
                _ = try? bulk.append(pulling: {
                    // Hold the lock a while, as a transaction of many events does.
                    Thread.sleep(forTimeInterval: 0.03)
                    defer { pending = nil }
                    return pending
                }, now: now)
                // No pause here: the next append leaves the gap by itself.
                progress.committed()
            }
        }
        writer.start()
        while progress.count < 2 { Thread.sleep(forTimeInterval: 0.01) }
        try other.append([event("moderator", .message, "admin", "2026-11-23T08:00:00+08:00", text: "收到")], now: now)
        let committedBefore = progress.count
        while progress.count < transactions { Thread.sleep(forTimeInterval: 0.01) }

        XCTAssertLessThan(committedBefore, 10, "the other writer waited for \(committedBefore) of \(transactions) transactions")
        XCTAssertEqual(try other.eventCount(), transactions + 1)
    }
}

private final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    func committed() { lock.withLock { done += 1 } }
    var count: Int { lock.withLock { done } }
}
