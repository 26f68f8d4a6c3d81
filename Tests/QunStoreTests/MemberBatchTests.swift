import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Member rows are counted per batch (MemberBatch) rather than per event: whatever the batching, the rows
/// must come out as if each event had been applied on its own.
class MemberBatchTests: StoreContractTestCase {
    private let now = at("2026-11-23T12:00:00+08:00")

    private var history: [Event] {
        [
            event("j1", .join, "u1", "2026-11-20T08:00:00+08:00", via: .inviteLink),
            event("m1", .message, "u1", "2026-11-21T08:00:00+08:00", name: "阿花", text: "大家好"),
            event("m2", .message, "u1", "2026-11-21T09:00:00+08:00", name: "阿花🌸", text: "早安"),
            event("m3", .message, "u1", "2026-11-22T07:30:00+08:00", text: "签到"),
            event("o1", .order, "u1", "2026-11-22T10:00:00+08:00", amount: Money(fen: 1990)),
            event("r1", .redpacketClaim, "u1", "2026-11-22T20:00:00+08:00", amount: Money(fen: 88), campaign: "c1"),
            // An older message imported late: counted, but neither the newest name nor the last message.
            event("m0", .message, "u1", "2026-11-20T09:00:00+08:00", name: "旧名", text: "hi"),
            // A member whose very first event is a check-in: the row exists before the check-in updates it.
            event("n1", .message, "u2", "2026-11-22T07:00:00+08:00", name: "新人", text: "打卡"),
            event("n2", .message, "u2", "2026-11-23T07:00:00+08:00", text: "打卡"),
        ]
    }

    private func members(after batches: [[Event]]) throws -> [Member?] {
        let store = try makeStore()
        for batch in batches { try store.append(batch, now: now) }
        return [try store.member(groupID: "g1", memberID: "u1"), try store.member(groupID: "g1", memberID: "u2")]
    }

    func testOneBatchCountsLikeEventByEvent() throws {
        let rows = try members(after: [history])
        let u1 = try XCTUnwrap(rows[0])
        XCTAssertEqual(u1.messageCount, 4)
        XCTAssertEqual(u1.orderCount, 1)
        XCTAssertEqual(u1.claimCount, 1)
        XCTAssertEqual(u1.displayName, "阿花", "the first name seen names the member")
        XCTAssertEqual(u1.nickname, "阿花🌸", "the newest name by event time, not the last one imported")
        XCTAssertEqual(u1.firstSeen, at("2026-11-20T08:00:00+08:00"))
        XCTAssertEqual(u1.lastSeen, at("2026-11-22T20:00:00+08:00"))
        XCTAssertEqual(u1.lastMessageAt, at("2026-11-22T07:30:00+08:00"))
        XCTAssertEqual(u1.checkinCount, 2, "早安 on the 21st and 签到 on the 22nd")

        let u2 = try XCTUnwrap(rows[1])
        XCTAssertEqual(u2.displayName, "新人")
        XCTAssertEqual(u2.messageCount, 2)
        XCTAssertEqual(u2.checkinCount, 2)
        XCTAssertEqual(u2.checkinStreak, 2)
    }

    func testBatchingDoesNotChangeTheRows() throws {
        let whole = try members(after: [history])
        let single = try members(after: history.map { [$0] })
        let split = try members(after: [Array(history.prefix(4)), Array(history.dropFirst(4))])
        XCTAssertEqual(single, whole)
        XCTAssertEqual(split, whole)
    }

    /// The flood look-back is skipped for members who have not spoken within the window; a burst must still
    /// be caught when it spans two batches.
    func testAFloodAcrossTwoBatchesIsCaught() throws {
        let store = try makeStore(floodAt: 3, within: 10, now: now)
        let burst = (0..<4).map { i in
            event("f\(i)", .message, "u1", String(format: "2026-11-23T08:00:%02d+08:00", i * 2), text: "冲冲冲\(i)")
        }
        try store.append([event("j", .join, "u1", "2026-11-01T08:00:00+08:00")] + burst.prefix(2), now: now)
        XCTAssertTrue(try store.auditEntries(memberID: "u1").filter { $0.rule == "flood" }.isEmpty)
        try store.append(Array(burst.dropFirst(2)), now: now)
        XCTAssertEqual(try store.auditEntries(memberID: "u1").filter { $0.actor == "rules" && $0.rule == "flood" }.count, 1)
    }

    /// A member quiet for longer than the window is not flooding, whatever was said long before.
    func testMessagesOutsideTheWindowAreNotAFlood() throws {
        let store = try makeStore(floodAt: 3, within: 10, now: now)
        try store.append([event("j", .join, "u1", "2026-11-01T08:00:00+08:00")] + (0..<6).map { i in
            event("s\(i)", .message, "u1", String(format: "2026-11-23T08:%02d:00+08:00", i * 5), text: "慢慢聊\(i)")
        }, now: now)
        XCTAssertTrue(try store.auditEntries(memberID: "u1").filter { $0.rule == "flood" }.isEmpty)
    }

    /// Facts carried between batches are dropped when another process writes: a member promoted to admin
    /// elsewhere is staff (exempt from the link rule) in this process's very next batch.
    func testAnotherProcessChangingARoleIsSeenByTheNextBatch() throws {
        let store = try makeStore()
        try store.append([
            event("j", .join, "u1", "2026-11-01T08:00:00+08:00"),
            event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "大家好"),
        ], now: now)
        let otherProcess = try openAnother(store)
        try otherProcess.append([event("promote", .message, "u1", "2026-11-23T08:05:00+08:00", text: "收到", role: .admin)], now: now)
        try store.append([event("m2", .message, "u1", "2026-11-23T09:00:00+08:00", text: "团购链接 https://shop.example.cn/p/1")], now: now)
        XCTAssertTrue(try store.moderationQueue().isEmpty, "an admin's link is not flagged")
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.messageCount, 3)
    }

    /// Check-in streaks are kept with the member's facts and written at the end of the batch; a day that
    /// arrives out of order recounts from every stored day. Whatever the batching, the row is the same.
    private var checkinDays: [Event] {
        ["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-14", "2026-11-13", "2026-11-16", "2026-11-09"].enumerated().map { i, day in
            event("c\(i)", .message, "u3", "\(day)T07:00:00+08:00", text: "签到")
        }
    }

    func testStreaksComeOutTheSameWhateverTheBatching() throws {
        func streak(after batches: [[Event]]) throws -> [Int?] {
            let store = try makeStore()
            for batch in batches { try store.append(batch, now: now) }
            let member = try XCTUnwrap(try store.member(groupID: "g1", memberID: "u3"))
            return [member.checkinCount, member.checkinStreak, member.longestStreak, member.lastCheckinDay?.number]
        }
        let days = checkinDays
        let whole = try streak(after: [days])
        // 9th–14th is six days in a row (the 13th and the 9th arrived late); the 16th starts a new run.
        XCTAssertEqual(whole, [7, 1, 6, LocalDay(year: 2026, month: 11, day: 16)!.number])
        XCTAssertEqual(try streak(after: days.map { [$0] }), whole)
        XCTAssertEqual(try streak(after: [Array(days.prefix(4)), Array(days.dropFirst(4))]), whole)
    }

    /// A 补签 granted by another process between two batches is part of the streak the next batch extends.
    func testAMakeupCheckinFromAnotherProcessIsCountedByTheNextBatch() throws {
        let store = try makeStore()
        try store.append([
            event("c1", .message, "u3", "2026-11-20T07:00:00+08:00", text: "签到"),
            event("c2", .message, "u3", "2026-11-21T07:00:00+08:00", text: "签到"),
        ], now: now)
        try openAnother(store).grantMakeupCheckin(
            groupID: "g1", memberID: "u3", day: LocalDay(year: 2026, month: 11, day: 22)!, actor: "owner", reason: nil, now: now)
        try store.append([event("c3", .message, "u3", "2026-11-23T07:00:00+08:00", text: "签到")], now: now)
        let member = try XCTUnwrap(try store.member(groupID: "g1", memberID: "u3"))
        XCTAssertEqual(member.checkinCount, 4)
        XCTAssertEqual(member.checkinStreak, 4)
    }
}
