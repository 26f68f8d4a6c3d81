import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Opening a store: a new one is empty, and a second handle opened from its address (another process,
/// a restart) finds everything the first one wrote.
class StoreOpeningTests: StoreContractTestCase {
    func testAFreshStoreIsEmptyAndSaysWhatItIs() throws {
        let store = try makeStore()
        XCTAssertTrue(try store.isEmpty)
        XCTAssertEqual(try store.eventCount(), 0)
        XCTAssertEqual(try store.groups(), [])
        XCTAssertEqual(store.backend, type(of: self).backend.rawValue)
        XCTAssertFalse(store.address.isEmpty)
        try store.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        XCTAssertEqual(try store.eventCount(), 1)
        XCTAssertFalse(try store.isEmpty)
    }

    func testReopeningKeepsTheData() throws {
        let first = try makeStore()
        try first.append(Community.events, now: Community.now)
        try first.saveCampaign(Community.redPacketCampaign)
        let membersBefore = try first.members(groupID: "g1")

        // A second open runs the backend's migrations again; they must change nothing.
        let reopened = try openAnother(first)
        XCTAssertEqual(try reopened.eventCount(), Community.events.count)
        XCTAssertEqual(try reopened.members(groupID: "g1"), membersBefore)
        XCTAssertEqual(try reopened.campaigns().map(\.campaign.id), ["rp1"])
        XCTAssertEqual(Set(try reopened.groups().map(\.id)), ["g1", "g2"])

        // Appending through the reopened store works and is seen by the first handle.
        try reopened.append([event("later", .message, "alice", "2026-11-23T22:00:00+08:00", text: "晚安")])
        XCTAssertEqual(try first.eventCount(), Community.events.count + 1)
    }
}
