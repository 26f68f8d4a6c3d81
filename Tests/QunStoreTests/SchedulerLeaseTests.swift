import Foundation
import XCTest

import QunStore
import StoreTestSupport

/// Two dashboards on one store never both run the campaign scheduler: the one holding the lease does.
class SchedulerLeaseTests: StoreContractTestCase {
    func testOnlyOneHolderAtATimeUntilTheLeaseExpiresOrIsReleased() throws {
        let store = try makeStore()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "dash-A", ttl: 90, now: t0))
        XCTAssertFalse(try store.acquireLease("scheduler", holder: "dash-B", ttl: 90, now: t0.addingTimeInterval(30)), "A's lease is live")
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "dash-A", ttl: 90, now: t0.addingTimeInterval(30)), "A renews")
        XCTAssertFalse(try store.acquireLease("scheduler", holder: "dash-B", ttl: 90, now: t0.addingTimeInterval(100)), "renewed until 120")
        XCTAssertEqual(try store.leaseHolder("scheduler", now: t0.addingTimeInterval(100)), "dash-A")
        // A died without releasing: once the lease has run out, B takes over.
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "dash-B", ttl: 90, now: t0.addingTimeInterval(121)))
        XCTAssertFalse(try store.acquireLease("scheduler", holder: "dash-A", ttl: 90, now: t0.addingTimeInterval(122)))
        try store.releaseLease("scheduler", holder: "dash-B")
        XCTAssertNil(try store.leaseHolder("scheduler", now: t0.addingTimeInterval(123)))
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "dash-A", ttl: 90, now: t0.addingTimeInterval(123)), "released: free at once")
    }

    func testTwoProcessesRacingForTheLeaseGetOneWinner() throws {
        let store = try makeStore()
        let other = try openAnother(store)
        let now = Date()
        let results = LockedFlags([Bool](repeating: false, count: 2))
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let won = (try? (i == 0 ? store : other).acquireLease("scheduler", holder: "p\(i)", ttl: 60, now: now)) ?? false
            results.set(i, won)
        }
        XCTAssertEqual(results.values.filter { $0 }.count, 1)
    }
}

private final class LockedFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Bool]
    init(_ values: [Bool]) { storage = values }
    func set(_ i: Int, _ value: Bool) { lock.withLock { storage[i] = value } }
    var values: [Bool] { lock.withLock { storage } }
}
