import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Ingest feeds the member's previous message to the split-contact check.
class SplitContactAtIngestTests: StoreContractTestCase {
    let now = at("2026-11-23T21:30:00+08:00")

    func testAnIdSplitOverTwoMessagesOpensAnAdCaseOnTheSecond() throws {
        let store = try makeStore()
        try store.append([
            event("m1", .message, "sly", "2026-11-23T10:00:00+08:00", text: "我的扣扣"),
            event("m2", .message, "sly", "2026-11-23T10:00:20+08:00", text: "2837465910"),
        ], now: now)
        let item = try XCTUnwrap(try store.moderationQueue().first?.item)
        XCTAssertEqual(item.rule, "ad")
        XCTAssertEqual(item.eventExternalID, "m2")
        XCTAssertTrue(item.reason.contains("split over two messages"), item.reason)
    }

    func testHalvesFromDifferentMembersOrFarApartAreNotJoined() throws {
        let store = try makeStore()
        try store.append([
            event("m1", .message, "a", "2026-11-23T10:00:00+08:00", text: "我的扣扣"),
            event("m2", .message, "b", "2026-11-23T10:00:20+08:00", text: "2837465910"),
            event("m3", .message, "c", "2026-11-23T10:00:00+08:00", text: "我的扣扣"),
            event("m4", .message, "c", "2026-11-23T10:30:00+08:00", text: "2837465910"),
        ], now: now)
        XCTAssertEqual(try store.moderationQueue().filter { $0.item.rule == "ad" }.count, 0)
    }
}
