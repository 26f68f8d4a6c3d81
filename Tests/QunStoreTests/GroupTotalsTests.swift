import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The per-group totals the panes read (members in each group, check-ins per day, events) are kept as rows
/// change, not counted per refresh: after every kind of write they must equal what counting the rows gives.
class GroupTotalsTests: StoreContractTestCase {
    func testTotalsEqualCountingTheRowsAfterIngest() throws {
        let store = try makeCommunityStore()
        try assertTotalsMatchTheRows(store)
        XCTAssertEqual(try store.memberCounts()["g1"], 5)
    }

    func testAppendingTheSameEventsAgainCountsNothing() throws {
        let store = try makeCommunityStore()
        let before = (try store.eventCount(), try store.memberCounts(), try store.checkinRates(now: Community.now))
        try store.append(Community.events)
        XCTAssertEqual(try store.eventCount(), before.0)
        XCTAssertEqual(try store.memberCounts(), before.1)
        XCTAssertEqual(try store.checkinRates(now: Community.now), before.2)
        try assertTotalsMatchTheRows(store)
    }

    func testBanAndUndoMoveTheMemberTotal() throws {
        let store = try makeCommunityStore()
        let bobsCase = try XCTUnwrap(try store.moderationQueue().first { $0.item.memberID == "bob" && $0.item.groupID == "g1" })
        let audit = try store.act(on: [bobsCase.id], .ban, actor: "admin", now: Community.now)
        XCTAssertEqual(try store.memberCounts()["g1"], 4, "bob is banned")
        try assertTotalsMatchTheRows(store)
        try store.undo(auditID: audit.first, actor: "admin", now: Community.now)
        XCTAssertEqual(try store.memberCounts()["g1"], 5, "the undo lets bob back in")
        try assertTotalsMatchTheRows(store)
    }

    func testJoinRequestsCountOnlyOnceApproved() throws {
        let store = try makeCommunityStore()
        let erin = try XCTUnwrap(try store.moderationQueue().first { $0.item.memberID == "erin" && $0.item.kind == .joinRequest })
        XCTAssertEqual(try store.memberCounts()["g1"], 5, "erin's request is pending")
        try store.act(on: [erin.id], .approve, actor: "admin", now: Community.now)
        XCTAssertEqual(try store.memberCounts()["g1"], 6)
        try assertTotalsMatchTheRows(store)
    }

    func testMakeupCheckinCountsForItsDay() throws {
        let store = try makeCommunityStore()
        let today = LocalDay(Community.now, in: try XCTUnwrap(TimeZone(identifier: "Asia/Shanghai")))
        let before = try XCTUnwrap(try store.checkinHistory(groupID: "g1", days: 2, now: Community.now).first { $0.day == today })
        try store.grantMakeupCheckin(groupID: "g1", memberID: "bob", day: today, actor: "admin", reason: "补签", now: Community.now)
        let after = try XCTUnwrap(try store.checkinHistory(groupID: "g1", days: 2, now: Community.now).first { $0.day == today })
        XCTAssertEqual(after.checkedIn, before.checkedIn + 1)
        try assertTotalsMatchTheRows(store)
    }

    func testEachQueueItemCountsItsMembersOtherItemsEvenWhenTheyArriveTogether() throws {
        let store = try makeStore()
        let now = at("2026-11-23T21:30:00+08:00")
        try store.append([
            event("j", .join, "u1", "2026-11-01T08:00:00+08:00"),
            event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "看这个https://t.cn/A6xYz，赶紧"),
            event("m2", .message, "u1", "2026-11-23T08:05:00+08:00", text: "看这个https://t.cn/B7zZa，赶紧"),
            event("m3", .message, "u1", "2026-11-23T08:10:00+08:00", text: "看这个https://t.cn/C8aAb，赶紧"),
            event("jr", .joinRequest, "u2", "2026-11-23T08:20:00+08:00"),
        ], now: now)
        var queue = try store.moderationQueue()
        XCTAssertEqual(queue.filter { $0.item.memberID == "u1" }.map(\.priorCases), [2, 2, 2])
        XCTAssertEqual(queue.first { $0.item.memberID == "u2" }?.priorCases, 0)
        // A resolved item still counts for the others; a later one counts all three.
        let first = try XCTUnwrap(queue.first { $0.item.memberID == "u1" })
        try store.act(on: [first.id], .approve, actor: "admin", now: now)
        try store.append([event("m4", .message, "u1", "2026-11-23T09:00:00+08:00", text: "看这个https://t.cn/D9bBc，赶紧")], now: now)
        queue = try store.moderationQueue()
        XCTAssertEqual(queue.filter { $0.item.memberID == "u1" }.map(\.priorCases), [3, 3, 3])
        XCTAssertEqual(queue.filter { $0.item.memberID == "u1" }.map(\.item.createdAt), queue.filter { $0.item.memberID == "u1" }.map(\.item.createdAt).sorted(),
                       "equal rank: oldest first")
    }

    func testAnEmptyStoreHasNoTotals() throws {
        let store = try makeStore()
        XCTAssertEqual(try store.eventCount(), 0)
        XCTAssertEqual(try store.memberCounts(), [:])
    }

    /// Counts the rows through the store's listings and compares them with the kept totals.
    func assertTotalsMatchTheRows(_ store: any QundeckStore, file: StaticString = #filePath, line: UInt = #line) throws {
        var events = 0
        try store.forEachEvent { _ in events += 1 }
        XCTAssertEqual(try store.eventCount(), events, "events", file: file, line: line)
        var expectedMembers: [String: Int] = [:]
        for group in try store.groups() {
            let inGroup = try store.members(groupID: group.id).filter {
                ($0.status == .active || $0.status == .muted) && $0.role != .pending
            }
            if !inGroup.isEmpty { expectedMembers[group.id] = inGroup.count }
            for day in try store.checkinHistory(groupID: group.id, days: 14, now: Community.now) {
                let rows = try store.checkins(groupID: group.id, day: day.day)
                XCTAssertEqual(day.checkedIn, rows.count, "\(group.id) check-ins on \(day.day)", file: file, line: line)
            }
        }
        XCTAssertEqual(try store.memberCounts(), expectedMembers, "members per group", file: file, line: line)
    }
}
