import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Check-in history, make-ups, silent members, leaderboards, profiles, tags and notes (issue 5),
/// checked against numbers worked out by hand.
class MemberInsightTests: StoreContractTestCase {
    let now = at("2026-11-23T21:30:00+08:00")

    /// g1 in Shanghai: three founders joined on 11-01; a joined 11-20 by a's invite and spoke; b left 11-22;
    /// c checked in 11-21, 11-22, 11-23; a checked in 11-22; d joined 11-22 by a's invite, never spoke.
    func makeCommunity() throws -> any QundeckStore {
        let store = try makeStore()
        try store.append([
            event("j1", .join, "a", "2026-11-01T09:00:00+08:00", name: "郑州+金水+小李", role: .owner),
            event("j2", .join, "b", "2026-11-01T09:00:00+08:00", name: "郑州+金水+老王"),
            event("j3", .join, "c", "2026-11-01T09:00:00+08:00", name: "郑州+金水+陈姐"),
            event("j4", .join, "e", "2026-11-10T09:00:00+08:00", name: "郑州+金水+小赵", actor: "a", via: .inviteLink),
            event("m0", .message, "e", "2026-11-10T10:00:00+08:00", text: "大家好"),
            event("c1", .message, "c", "2026-11-21T07:01:00+08:00", text: "早安"),
            event("c2", .message, "c", "2026-11-22T07:01:00+08:00", text: "签到"),
            event("c3", .message, "a", "2026-11-22T07:30:00+08:00", text: "打卡"),
            event("l1", .leave, "b", "2026-11-22T12:00:00+08:00"),
            event("j5", .join, "d", "2026-11-22T13:00:00+08:00", name: "新人小周", actor: "a", via: .inviteLink),
            event("c4", .message, "c", "2026-11-23T06:59:00+08:00", text: "早上好☀️"),
            event("o1", .order, "c", "2026-11-23T10:00:00+08:00", amount: Money(fen: 3_990)),
            event("o2", .order, "c", "2026-11-23T11:00:00+08:00", amount: Money(fen: 19_900)),
        ], now: now)
        return store
    }

    func testDailyRatesRebuildPastMemberCounts() throws {
        let store = try makeCommunity()
        let days = try store.checkinHistory(groupID: "g1", days: 3, now: now)
        XCTAssertEqual(days.map(\.day.description), ["2026-11-21", "2026-11-22", "2026-11-23"])
        XCTAssertEqual(days.map(\.checkedIn), [1, 2, 1])
        // Members: a, b, c, e on 11-21; b left and d joined on 11-22 → 4; still 4 on 11-23.
        XCTAssertEqual(days.map(\.members), [4, 4, 4])
        XCTAssertEqual(days[2].rate, 0.25, accuracy: 1e-9)
    }

    func testCheckinsOfADayCarryTheStreakAsOfThatDay() throws {
        let store = try makeCommunity()
        let day = LocalDay(iso: "2026-11-22")!
        let records = try store.checkins(groupID: "g1", day: day)
        XCTAssertEqual(records.map(\.memberID), ["c", "a"], "earliest first")
        XCTAssertEqual(records.map(\.streak), [2, 1])
        XCTAssertEqual(try store.checkins(groupID: "g1", day: LocalDay(iso: "2026-11-23")!).first?.streak, 3)
    }

    func testMakeupCheckinMendsTheStreakAndIsAudited() throws {
        let store = try makeCommunity()
        // a checked in on 11-22 only; a make-up for 11-23 makes a two-day streak.
        try store.grantMakeupCheckin(groupID: "g1", memberID: "a", day: LocalDay(iso: "2026-11-23")!, actor: "admin", reason: "群里网络故障", now: now)
        let a = try XCTUnwrap(store.member(groupID: "g1", memberID: "a"))
        XCTAssertEqual(a.checkinStreak, 2)
        XCTAssertEqual(a.checkinCount, 2)
        XCTAssertTrue(try store.checkins(groupID: "g1", day: LocalDay(iso: "2026-11-23")!).contains { $0.memberID == "a" && $0.makeup })
        let audit = try store.auditEntries(memberID: "a").first { $0.action == "checkin_makeup" }
        XCTAssertEqual(audit?.actor, "admin")
        XCTAssertEqual(audit?.reason, "群里网络故障")
        XCTAssertEqual(audit?.evidence, "day 2026-11-23")
        // Twice for the same day, a future day, or an unknown member are refused.
        XCTAssertThrowsError(try store.grantMakeupCheckin(groupID: "g1", memberID: "a", day: LocalDay(iso: "2026-11-23")!, actor: "x", reason: nil, now: now))
        XCTAssertThrowsError(try store.grantMakeupCheckin(groupID: "g1", memberID: "a", day: LocalDay(iso: "2026-11-24")!, actor: "x", reason: nil, now: now))
        XCTAssertThrowsError(try store.grantMakeupCheckin(groupID: "g1", memberID: "zz", day: LocalDay(iso: "2026-11-20")!, actor: "x", reason: nil, now: now))
    }

    func testMakeupInTheMiddleJoinsTwoRuns() throws {
        let store = try makeStore()
        try store.append([
            event("j", .join, "m", "2026-11-01T09:00:00+08:00"),
            event("1", .message, "m", "2026-11-19T07:00:00+08:00", text: "签到"),
            event("2", .message, "m", "2026-11-20T07:00:00+08:00", text: "签到"),
            event("3", .message, "m", "2026-11-22T07:00:00+08:00", text: "签到"),
            event("4", .message, "m", "2026-11-23T07:00:00+08:00", text: "签到"),
        ], now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "m")?.checkinStreak, 2)
        try store.grantMakeupCheckin(groupID: "g1", memberID: "m", day: LocalDay(iso: "2026-11-21")!, actor: "admin", reason: nil, now: now)
        let m = try XCTUnwrap(store.member(groupID: "g1", memberID: "m"))
        XCTAssertEqual(m.checkinStreak, 5)
        XCTAssertEqual(m.longestStreak, 5)
    }

    func testSilentMembersHaveNotSpokenInTheWindow() throws {
        let store = try makeCommunity()
        // e spoke on 11-10 (13 days ago), d never; a, c spoke within 7 days; b left.
        XCTAssertEqual(Set(try store.silentMembers(groupID: "g1", days: 7, now: now).map(\.memberID)), ["e", "d"])
        XCTAssertEqual(Set(try store.silentMembers(groupID: "g1", days: 30, now: now).map(\.memberID)), ["d"])
    }

    func testLeaderboards() throws {
        let store = try makeCommunity()
        XCTAssertEqual(try store.top(groupID: "g1", by: .messages, now: now).first?.memberID, "c")
        XCTAssertEqual(try store.top(groupID: "g1", by: .checkins, now: now).map(\.value), [3, 1])
        let orders = try store.top(groupID: "g1", by: .orders, now: now)
        XCTAssertEqual(orders.first?.value, 2)
        XCTAssertEqual(orders.first?.detail, "¥238.90")
        // a invited e (13 days ago, spoke: qualified) and d (yesterday, silent: not yet).
        let invites = try store.top(groupID: "g1", by: .invites, now: now)
        XCTAssertEqual(invites.first?.memberID, "a")
        XCTAssertEqual(invites.first?.value, 1)
        XCTAssertEqual(invites.first?.detail, "2 invited")
        XCTAssertThrowsError(try store.top(groupID: "nope", by: .messages))
    }

    func testProfileTagsAndNotes() throws {
        let store = try makeCommunity()
        try store.setTags(groupID: "g1", memberID: "a", tags: [.seed, .vip], actor: "admin", now: now)
        try store.addNote(groupID: "g1", memberID: "a", text: "团长", author: "admin", now: now)
        let profile = try XCTUnwrap(store.memberProfile(groupID: nil, memberID: "a", now: now))
        XCTAssertEqual(profile.member.tags, [.seed, .vip])
        XCTAssertEqual(profile.invites, InviteCount(invited: 2, qualified: 1))
        XCTAssertEqual(profile.recentCheckins, [LocalDay(iso: "2026-11-22")!])
        XCTAssertEqual(profile.notes.map(\.text), ["团长"])
        XCTAssertEqual(profile.member.role, .owner)
        let e = try XCTUnwrap(store.memberProfile(groupID: "g1", memberID: "e", now: now))
        XCTAssertEqual(e.inviterName, "郑州+金水+小李")
        XCTAssertEqual(e.member.joinSource, .inviteLink)
        XCTAssertEqual(e.messagesLast30Days, 1)
        XCTAssertNil(try store.memberProfile(groupID: "g1", memberID: "nobody", now: now))
        let tagEntry = try store.auditEntries(memberID: "a").first { $0.action == "tags" }
        XCTAssertEqual(tagEntry?.before, "", "the audit entry keeps the tags before the change")
        XCTAssertEqual(tagEntry?.evidence, "seed,vip")
    }

    func testPerGroupCheckinKeywordsReplaceTheDefaults() throws {
        let store = try makeStore()
        try store.saveGroup(Group(id: "run", name: "跑团", checkinKeywords: ["报到"], createdAt: now))
        try store.append([
            event("1", .message, "m", "2026-11-23T07:00:00+08:00", group: "run", text: "早安"),
            event("2", .message, "n", "2026-11-23T07:00:00+08:00", group: "run", text: "报到！"),
        ], now: now)
        XCTAssertEqual(try store.checkins(groupID: "run", day: LocalDay(iso: "2026-11-23")!).map(\.memberID), ["n"])
    }

    func testMigrationBackfillsCountersOnAnOlderStore() throws {
        let store = try makeCommunity()
        let c = try XCTUnwrap(store.member(groupID: "g1", memberID: "c"))
        XCTAssertEqual(c.checkinCount, 3)
        XCTAssertEqual(c.orderCount, 2)
        XCTAssertEqual(c.orderTotal, Money(fen: 23_890))
        XCTAssertEqual(c.lastMessageAt, at("2026-11-23T06:59:00+08:00"))
    }
}

final class ValueTierTests: XCTestCase {
    func testTiers() {
        XCTAssertEqual(ValueTier.classify(orders: 5, spent: Money(fen: 80_000), qualifiedInvites: 0, messagesLast30Days: 40), .core)
        XCTAssertEqual(ValueTier.classify(orders: 3, spent: .zero, qualifiedInvites: 4, messagesLast30Days: 0), .core, "buys and brings people")
        XCTAssertEqual(ValueTier.classify(orders: 3, spent: Money(fen: 9_000), qualifiedInvites: 0, messagesLast30Days: 2), .valuable)
        XCTAssertEqual(ValueTier.classify(orders: 0, spent: .zero, qualifiedInvites: 0, messagesLast30Days: 80), .valuable)
        XCTAssertEqual(ValueTier.classify(orders: 0, spent: .zero, qualifiedInvites: 0, messagesLast30Days: 3), .regular)
        XCTAssertEqual(ValueTier.classify(orders: 0, spent: .zero, qualifiedInvites: 0, messagesLast30Days: 0), .dormant)
    }

    func testCheckinStrip() {
        let today = LocalDay(iso: "2026-11-23")!
        XCTAssertEqual(CheckinStrip.render([today, today.adding(days: -2)], today: today, length: 5), "··■·■")
    }
}
