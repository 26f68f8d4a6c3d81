import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Check-ins (签到) and streaks (连续签到), counted in each group's own days.
class CheckinStreakTests: StoreContractTestCase {
    /// A 早安 check-in message from `member` at `time`.
    func checkin(_ id: String, _ time: String, member: String = "u1", group: String = "g1", timeZone: String? = nil) -> Event {
        event(id, .message, member, time, group: group, text: "早安", timeZone: timeZone)
    }

    func member(_ store: any QundeckStore, _ id: String = "u1", group: String = "g1") throws -> Member {
        try XCTUnwrap(store.member(groupID: group, memberID: id))
    }

    func testConsecutiveDaysBuildAStreak() throws {
        let store = try makeStore()
        try store.append((20...24).map { checkin("d\($0)", "2026-11-\($0)T07:00:00+08:00") })
        let m = try member(store)
        XCTAssertEqual(m.checkinStreak, 5)
        XCTAssertEqual(m.longestStreak, 5)
        XCTAssertEqual(m.lastCheckinDay, LocalDay(iso: "2026-11-24"))
    }

    func testStreakGrowsAcrossAppends() throws {
        // Live ingest: one check-in per append, as a follower would deliver them.
        let store = try makeStore()
        for day in 20...23 { try store.append([checkin("d\(day)", "2026-11-\(day)T07:00:00+08:00")]) }
        XCTAssertEqual(try member(store).checkinStreak, 4)
    }

    func testAGapResetsTheStreakButNotTheLongest() throws {
        let store = try makeStore()
        try store.append([
            checkin("a", "2026-11-20T07:00:00+08:00"), checkin("b", "2026-11-21T07:00:00+08:00"),
            checkin("c", "2026-11-22T07:00:00+08:00"),
            // 2026-11-23 missed.
            checkin("d", "2026-11-24T07:00:00+08:00"),
        ])
        let m = try member(store)
        XCTAssertEqual(m.checkinStreak, 1)
        XCTAssertEqual(m.longestStreak, 3)
        XCTAssertEqual(m.lastCheckinDay, LocalDay(iso: "2026-11-24"))
    }

    func testTwoCheckinsOnOneDayCountOnce() throws {
        let store = try makeStore()
        try store.append([
            checkin("a", "2026-11-22T07:00:00+08:00"), checkin("b", "2026-11-23T07:00:00+08:00"),
            event("c", .message, "u1", "2026-11-23T08:00:00+08:00", text: "打卡"),
        ])
        XCTAssertEqual(try member(store).checkinStreak, 2)
        XCTAssertEqual(try store.stats(groupID: "g1").first?.checkins, 2)
    }

    func testCheckinEventKindCountsLikeACheckinMessage() throws {
        // Platforms with a check-in button send kind "checkin" rather than a 早安 message.
        let store = try makeStore()
        try store.append([
            event("a", .checkin, "u1", "2026-11-22T07:00:00+08:00"),
            event("b", .checkin, "u1", "2026-11-23T07:00:00+08:00"),
        ])
        XCTAssertEqual(try member(store).checkinStreak, 2)
        let stats = try XCTUnwrap(store.stats(groupID: "g1").first)
        XCTAssertEqual(stats.checkins, 2)
        XCTAssertEqual(stats.messages, 0)
    }

    func testOlderCheckinArrivingLateFillsTheGap() throws {
        let store = try makeStore()
        try store.append([checkin("a", "2026-11-20T07:00:00+08:00"), checkin("c", "2026-11-22T07:00:00+08:00")])
        XCTAssertEqual(try member(store).checkinStreak, 1)
        // 补签 / a late import: the missing middle day arrives after the newer one.
        try store.append([checkin("b", "2026-11-21T07:00:00+08:00")])
        let m = try member(store)
        XCTAssertEqual(m.checkinStreak, 3)
        XCTAssertEqual(m.longestStreak, 3)
        XCTAssertEqual(m.lastCheckinDay, LocalDay(iso: "2026-11-22"))
    }

    func testOlderCheckinOutsideTheStreakLeavesItAlone() throws {
        let store = try makeStore()
        try store.append([checkin("c", "2026-11-22T07:00:00+08:00"), checkin("d", "2026-11-23T07:00:00+08:00")])
        try store.append([checkin("a", "2026-11-10T07:00:00+08:00")])
        let m = try member(store)
        XCTAssertEqual(m.checkinStreak, 2)
        XCTAssertEqual(m.longestStreak, 2)
        XCTAssertEqual(m.lastCheckinDay, LocalDay(iso: "2026-11-23"))
    }

    func testReverseOrderImportGivesTheSameStreakAsInOrder() throws {
        let days = [18, 19, 20, 22, 23, 24, 25]
        let events = days.map { checkin("d\($0)", "2026-11-\($0)T07:00:00+08:00") }
        let inOrder = try makeStore()
        try inOrder.append(events)
        let reversed = try makeStore()
        for e in events.reversed() { try reversed.append([e]) }
        let a = try member(inOrder), b = try member(reversed)
        XCTAssertEqual(a.checkinStreak, 4)
        XCTAssertEqual(a.longestStreak, 4)
        XCTAssertEqual(b.checkinStreak, a.checkinStreak)
        XCTAssertEqual(b.longestStreak, a.longestStreak)
        XCTAssertEqual(b.lastCheckinDay, a.lastCheckinDay)
    }

    func testMidnightInShanghaiSeparatesDays() throws {
        // 23:59 and 00:01 Shanghai time are two days (and one UTC day: 15:59Z and 16:01Z).
        let store = try makeStore()
        try store.append([checkin("late", "2026-11-22T23:59:00+08:00"), checkin("early", "2026-11-23T00:01:00+08:00")])
        let m = try member(store)
        XCTAssertEqual(m.checkinStreak, 2)
        XCTAssertEqual(m.lastCheckinDay, LocalDay(iso: "2026-11-23"))
        let rate = try XCTUnwrap(store.checkinRates(now: at("2026-11-23T12:00:00+08:00")).first)
        XCTAssertEqual(rate.checkedInToday, 1)
        XCTAssertEqual(rate.checkedInYesterday, 1)
    }

    func testTheSameInstantsAreOneDayInAUTCGroup() throws {
        // Contrast with the test above: the day boundary is the group's, not a fixed +08:00.
        let store = try makeStore()
        try store.append([
            checkin("late", "2026-11-22T23:59:00+08:00", timeZone: "UTC"), checkin("early", "2026-11-23T00:01:00+08:00"),
        ])
        let m = try member(store)
        XCTAssertEqual(m.checkinStreak, 1)
        XCTAssertEqual(m.lastCheckinDay, LocalDay(iso: "2026-11-22"))
        XCTAssertEqual(try store.stats(groupID: "g1").first?.checkins, 1)
    }

    func testBerlinAcrossTheOctoberDSTChange() throws {
        // 2026-10-25 has 25 hours in Berlin (03:00 CEST → 02:00 CET).
        let store = try makeStore()
        try store.append([
            checkin("a", "2026-10-24T07:00:00+02:00", group: "b", timeZone: "Europe/Berlin"),  // Sat
            checkin("b", "2026-10-25T00:30:00+02:00", group: "b"),  // Sun 00:30 CEST
            // 24 hours later but still Sunday (23:30 CET): the same day, no new check-in.
            checkin("c", "2026-10-25T23:30:00+01:00", group: "b"),
            checkin("d", "2026-10-26T00:30:00+01:00", group: "b"),  // Mon
        ])
        let m = try member(store, group: "b")
        XCTAssertEqual(m.checkinStreak, 3)
        XCTAssertEqual(m.lastCheckinDay, LocalDay(iso: "2026-10-26"))
        XCTAssertEqual(try store.stats(groupID: "b").first?.checkins, 3)
        let rate = try XCTUnwrap(store.checkinRates(now: at("2026-10-26T12:00:00+01:00")).first)
        XCTAssertEqual(rate.checkedInToday, 1)
        XCTAssertEqual(rate.checkedInYesterday, 1)
    }

    func testBerlinMessagesInTheRepeatedHourLandOnLocalHour2() throws {
        // 00:30Z is 02:30 CEST and 01:30Z is 02:30 CET on 2026-10-25: both local hour 2.
        let store = try makeStore()
        try store.append([
            event("a", .message, "u1", "2026-10-25T00:30:00Z", group: "b", text: "x", timeZone: "Europe/Berlin"),
            event("b", .message, "u1", "2026-10-25T01:30:00Z", group: "b", text: "y"),
        ])
        let byHour = try XCTUnwrap(store.stats(groupID: "b").first).messagesByHour
        XCTAssertEqual(byHour[2], 2)
        XCTAssertEqual(byHour.reduce(0, +), 2)
    }

    func testCheckinRatesForTheCommunity() throws {
        let store = try makeCommunityStore()
        let g1 = try XCTUnwrap(store.checkinRates(now: Community.now).first { $0.id == "g1" })
        XCTAssertEqual(g1.checkedInToday, 1)
        XCTAssertEqual(g1.checkedInYesterday, 2)
        XCTAssertEqual(g1.members, 5)
        XCTAssertEqual(g1.rate, 0.2, accuracy: 1e-9)
    }

    func testCheckinMembersPutsStreaksAtRiskFirst() throws {
        let store = try makeCommunityStore()
        let rows = try store.checkinMembers(groupIDs: ["g1"], now: Community.now)
        // carol checked in yesterday only (at risk); alice yesterday and today (streak 2, safe).
        XCTAssertEqual(rows.map(\.member.memberID), ["carol", "alice"])
        XCTAssertEqual(rows.map(\.atRisk), [true, false])
        XCTAssertEqual(rows.map(\.currentStreak), [1, 2])
        XCTAssertEqual(rows.map(\.checkedInToday), [false, true])
        XCTAssertEqual(rows.first?.groupName, Community.groupName)
    }

    func testCheckinMembersLeavesOutBrokenStreaks() throws {
        let store = try makeStore()
        try store.append([
            checkin("a", "2026-11-20T07:00:00+08:00", member: "lapsed"),
            checkin("b", "2026-11-22T07:00:00+08:00", member: "risk"),
            checkin("c", "2026-11-22T07:00:00+08:00", member: "safe"),
            checkin("d", "2026-11-23T07:00:00+08:00", member: "safe"),
        ])
        let rows = try store.checkinMembers(now: at("2026-11-23T20:00:00+08:00"))
        XCTAssertEqual(rows.map(\.member.memberID), ["risk", "safe"])
    }
}
