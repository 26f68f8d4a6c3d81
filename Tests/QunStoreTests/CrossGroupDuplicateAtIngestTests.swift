import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Ingest remembers each member's recent posts across groups and flags the same text in a third group.
class CrossGroupDuplicateAtIngestTests: StoreContractTestCase {
    let now = at("2026-11-23T21:30:00+08:00")
    /// Reads as ordinary chat, so that only the repetition across groups can flag it.
    let text = "大家好，我是三号楼新搬来的，请多关照"

    func testTheSameTextInThreeGroupsWithinMinutesIsQueuedOnTheThird() throws {
        let store = try makeStore()
        try store.append([
            event("a1", .message, "roamer", "2026-11-23T10:00:00+08:00", group: "g1", text: text),
            event("a2", .message, "roamer", "2026-11-23T10:02:00+08:00", group: "g2", text: text + "！"),
        ], now: now)
        XCTAssertEqual(try store.moderationQueue().count, 0, "two groups are not yet a run, and the text alone is fine")
        try store.append([event("a3", .message, "roamer", "2026-11-23T10:04:00+08:00", group: "g3", text: text)], now: now)
        let item = try XCTUnwrap(store.moderationQueue().first?.item)
        XCTAssertEqual(item.rule, "cross_group_duplicate")
        XCTAssertEqual(item.eventExternalID, "a3")
    }

    func testOtherMembersAndSlowRepeatsAreNot() throws {
        let store = try makeStore()
        try store.append([
            event("b1", .message, "x", "2026-11-23T10:00:00+08:00", group: "g1", text: text),
            event("b2", .message, "y", "2026-11-23T10:01:00+08:00", group: "g2", text: text),
            event("b3", .message, "z", "2026-11-23T10:02:00+08:00", group: "g3", text: text),
            event("c1", .message, "slow", "2026-11-23T10:00:00+08:00", group: "g1", text: text),
            event("c2", .message, "slow", "2026-11-23T10:30:00+08:00", group: "g2", text: text),
            event("c3", .message, "slow", "2026-11-23T11:00:00+08:00", group: "g3", text: text),
        ], now: now)
        XCTAssertEqual(try store.moderationQueue().count, 0)
    }
}
