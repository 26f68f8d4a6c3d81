import Foundation
import XCTest

@testable import QunStore
@testable import QunTUI

final class CampaignSchedulerTests: XCTestCase {
    func testTwoDashboardsOnOneStoreNeverBothSchedule() throws {
        let store = try SQLiteStore.temporary()
        let first = CampaignScheduler(store: store, interval: 30, holder: "dashboard-1")
        let second = CampaignScheduler(store: try SQLiteStore(url: URL(fileURLWithPath: store.path)), interval: 30, holder: "dashboard-2")
        let now = Date()
        XCTAssertTrue(first.tick(now: now))
        XCTAssertFalse(second.tick(now: now.addingTimeInterval(1)), "the second waits while the first holds the lease")
        XCTAssertTrue(first.tick(now: now.addingTimeInterval(30)), "the holder keeps scheduling")
        XCTAssertFalse(second.tick(now: now.addingTimeInterval(60)))
        // The first dashboard was killed: its lease (three intervals) runs out and the second takes over.
        XCTAssertTrue(second.tick(now: now.addingTimeInterval(30 + 91)))
        XCTAssertEqual(try store.leaseHolder(CampaignScheduler.leaseName, now: now.addingTimeInterval(122)), "dashboard-2")
    }

    func testStoppingGivesTheLeaseUpAtOnce() throws {
        let store = try SQLiteStore.temporary()
        let scheduler = CampaignScheduler(store: store, interval: 30, holder: "dashboard-1")
        scheduler.start()
        let deadline = Date().addingTimeInterval(5)
        while try store.leaseHolder(CampaignScheduler.leaseName) == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertEqual(try store.leaseHolder(CampaignScheduler.leaseName), "dashboard-1")
        scheduler.stop()
        XCTAssertNil(try store.leaseHolder(CampaignScheduler.leaseName))
    }
}
