import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Re-importing a feed (a restart, an overlapping export) must not count anything twice:
/// events are unique on (source, external id) and derived rows change only for new events.
class AppendIdempotencyTests: StoreContractTestCase {
    /// Everything the panes read, so "unchanged" means unchanged everywhere.
    struct Snapshot: Equatable {
        var eventCount: Int
        var memberCount: Int
        var members: [Member]
        var stats: [GroupStats]
        var activity: [GroupActivity]
        var checkinRates: [GroupCheckinRate]
        var queue: [ModerationQueueRow]
        var campaigns: [CampaignRow]
    }

    func snapshot(_ store: any QundeckStore) throws -> Snapshot {
        Snapshot(
            eventCount: try store.eventCount(), memberCount: try store.memberCount(),
            members: try store.members(groupID: "g1") + store.members(groupID: "g2"),
            stats: try store.stats(now: Community.now), activity: try store.activity(now: Community.now),
            checkinRates: try store.checkinRates(now: Community.now), queue: try store.moderationQueue(),
            campaigns: try store.campaigns())
    }

    func testAppendingTheSameEventsTwiceInsertsNothingTheSecondTime() throws {
        let store = try makeStore()
        try store.saveCampaign(Community.redPacketCampaign)
        let first = try store.append(Community.events, now: Community.now)
        XCTAssertEqual(first.inserted, Community.events.count)
        XCTAssertEqual(first.duplicates, 0)
        XCTAssertEqual(first.flagged, 2, "the 加微信 ad and the t.cn link")
        let before = try snapshot(store)

        let second = try store.append(Community.events, now: Community.now.addingTimeInterval(60))
        XCTAssertEqual(second, AppendResult(inserted: 0, duplicates: Community.events.count, flagged: 0))
        XCTAssertEqual(try snapshot(store), before)
    }

    func testOverlappingImportInsertsOnlyTheNewTail() throws {
        let store = try makeStore()
        let head = Array(Community.events.prefix(10))
        try store.append(head, now: Community.now)
        let result = try store.append(Community.events, now: Community.now)
        XCTAssertEqual(result.inserted, Community.events.count - 10)
        XCTAssertEqual(result.duplicates, 10)

        // The end state equals a store that got every event exactly once.
        let reference = try makeStore()
        try reference.append(Community.events, now: Community.now)
        XCTAssertEqual(try snapshot(store), try snapshot(reference))
    }

    func testDuplicateInsideOneBatchCountsOnce() throws {
        let store = try makeStore()
        let message = event("dup", .message, "u1", "2026-11-23T08:00:00+08:00", text: "早安")
        let result = try store.append([message, message])
        XCTAssertEqual(result.inserted, 1)
        XCTAssertEqual(result.duplicates, 1)
        let member = try XCTUnwrap(store.member(groupID: "g1", memberID: "u1"))
        XCTAssertEqual(member.messageCount, 1)
        XCTAssertEqual(member.checkinStreak, 1)
        XCTAssertEqual(try store.stats(groupID: "g1").first?.messages, 1)
        XCTAssertEqual(try store.stats(groupID: "g1").first?.checkins, 1)
    }

    func testSameIdFromDifferentSourcesAreDifferentEvents() throws {
        // Ids are only unique within one source (a WeChat export and a Telegram bot may both say "1").
        let store = try makeStore()
        let result = try store.append([
            event("1", .message, "u1", "2026-11-23T08:00:00+08:00", source: "wechat-export", text: "a"),
            event("1", .message, "u1", "2026-11-23T08:01:00+08:00", source: "tg-bot", text: "b"),
        ])
        XCTAssertEqual(result.inserted, 2)
        XCTAssertEqual(try store.eventCount(), 2)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.messageCount, 2)
    }

    func testReplayedRedPacketClaimIsNotSpentTwice() throws {
        let store = try makeStore()
        try store.saveCampaign(Community.redPacketCampaign)
        let claim = event(
            "c1", .redpacketClaim, "u1", "2026-11-23T20:00:00+08:00", amount: Money(fen: 188), campaign: "rp1")
        try store.append([claim])
        try store.append([claim])
        let row = try XCTUnwrap(store.campaigns().first { $0.campaign.id == "rp1" })
        XCTAssertEqual(row.progress, CampaignProgress(achieved: 1, spent: Money(fen: 188)))
    }
}
