import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Reading events back out: paging through them for exports, and which sources a store holds.
class EventReadingTests: StoreContractTestCase {
    func testForEachEventVisitsEveryEventInStoreOrderAcrossPages() throws {
        let store = try makeCommunityStore()
        var seen: [Event] = []
        try store.forEachEvent(pageSize: 5) { seen.append($0) }
        XCTAssertEqual(seen.map(\.externalID), Community.events.map(\.externalID))
        // Pages of exactly the page size must not drop or repeat the boundary event.
        var exact: [String] = []
        try store.forEachEvent(pageSize: Community.events.count) { exact.append($0.externalID) }
        XCTAssertEqual(exact, Community.events.map(\.externalID))
        var single: [String] = []
        try store.forEachEvent(pageSize: 1) { single.append($0.externalID) }
        XCTAssertEqual(single, Community.events.map(\.externalID))
    }

    func testForEachEventFiltersByGroup() throws {
        let store = try makeCommunityStore()
        var ids: [String] = []
        try store.forEachEvent(groupID: "g2", pageSize: 1) { ids.append($0.externalID) }
        XCTAssertEqual(ids, ["b01", "b02"])
        var none = 0
        try store.forEachEvent(groupID: "missing") { _ in none += 1 }
        XCTAssertEqual(none, 0)
    }

    func testForEachEventReturnsTheStoredFields() throws {
        let store = try makeStore()
        let original = Event(
            source: "wechat", externalID: "x1", groupID: "g1", timestamp: Date(timeIntervalSince1970: 1_795_388_405.25),
            kind: .redpacketClaim, memberID: "u1", memberName: "小李", text: "谢谢老板", actorID: "owner", via: .qr,
            replyTo: "x0", amount: Money(fen: 288), campaignID: "rp1")
        try store.append([original])
        var read: [Event] = []
        try store.forEachEvent { read.append($0) }
        // Exports also carry the group's settings, so re-ingesting them recreates the group as it was.
        var expected = original
        expected.groupName = "g1"
        expected.groupPlatform = .other
        expected.groupTimeZoneID = "Asia/Shanghai"
        XCTAssertEqual(read, [expected])
    }

    func testForEachEventStopsWhenTheBodyThrows() throws {
        struct Stop: Error {}
        let store = try makeCommunityStore()
        var count = 0
        XCTAssertThrowsError(try store.forEachEvent(pageSize: 4) { _ in
            count += 1
            if count == 6 { throw Stop() }
        })
        XCTAssertEqual(count, 6)
    }

    func testForeignSources() throws {
        let store = try makeStore()
        XCTAssertEqual(try store.foreignSources(besides: ["demo"]), [])
        try store.append([
            event("1", .message, "u1", "2026-11-23T08:00:00+08:00", source: "demo", text: "a"),
            event("2", .message, "u1", "2026-11-23T08:01:00+08:00", source: "wechat-export", text: "b"),
            event("3", .message, "u1", "2026-11-23T08:02:00+08:00", source: "tg-bot", text: "c"),
            event("4", .message, "u1", "2026-11-23T08:03:00+08:00", source: "tg-bot", text: "d"),
        ])
        XCTAssertEqual(try store.foreignSources(besides: ["demo"]), ["tg-bot", "wechat-export"])
        XCTAssertEqual(try store.foreignSources(besides: ["demo", "tg-bot", "wechat-export"]), [])
        XCTAssertEqual(try store.foreignSources(besides: []), ["demo", "tg-bot", "wechat-export"])
    }
}
