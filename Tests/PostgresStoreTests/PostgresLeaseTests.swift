import Foundation
import QunPostgres
import QunStore
import XCTest

/// The scheduler's lease on PostgreSQL: one holder at a time across processes, as on SQLite.
final class PostgresLeaseTests: XCTestCase {
    var store: PostgresStore!

    override func setUpWithError() throws {
        store = try PostgresStore.temporary(name: "leases")
    }

    override func tearDownWithError() throws {
        try store?.dropSchema()
    }

    func testOneHolderUntilTheLeaseExpiresOrIsReleased() throws {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "a", ttl: 60, now: t0))
        XCTAssertFalse(try store.acquireLease("scheduler", holder: "b", ttl: 60, now: t0.addingTimeInterval(30)))
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "a", ttl: 60, now: t0.addingTimeInterval(30)), "the holder renews")
        XCTAssertEqual(try store.leaseHolder("scheduler", now: t0.addingTimeInterval(89)), "a")
        XCTAssertNil(try store.leaseHolder("scheduler", now: t0.addingTimeInterval(90)))
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "b", ttl: 60, now: t0.addingTimeInterval(90)), "expired: it passes on")
        try store.releaseLease("scheduler", holder: "a")
        XCTAssertEqual(try store.leaseHolder("scheduler", now: t0.addingTimeInterval(100)), "b", "only the holder can release it")
        try store.releaseLease("scheduler", holder: "b")
        XCTAssertTrue(try store.acquireLease("scheduler", holder: "c", ttl: 60, now: t0.addingTimeInterval(100)))
    }

    func testProcessesRacingForTheLeaseGetOneWinnerEachRound() throws {
        let stores = try (0..<4).map { _ in try PostgresStore(address: store.postgresAddress) }
        for round in 0..<10 {
            let now = Date(timeIntervalSince1970: 1_800_000_000 + Double(round) * 1_000)
            let winners = Collected<String>()
            DispatchQueue.concurrentPerform(iterations: stores.count) { i in
                if (try? stores[i].acquireLease("scheduler", holder: "p\(i)", ttl: 60, now: now)) == true { winners.add("p\(i)") }
            }
            XCTAssertEqual(winners.all.count, 1, "round \(round): \(winners.all)")
            XCTAssertEqual(try store.leaseHolder("scheduler", now: now), winners.all.first)
        }
    }
}
