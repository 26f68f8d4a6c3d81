import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Per-group totals (`stats`) and the Activity pane (`activity`), both read from the rollups ingest keeps.
class GroupStatsTests: StoreContractTestCase {
    func testTotalsOverAllHistory() throws {
        let store = try makeCommunityStore()
        let g1 = try XCTUnwrap(store.stats(groupID: "g1", now: Community.now).first)
        XCTAssertEqual(g1.name, Community.groupName)
        XCTAssertEqual(g1.platform, .wechat)
        XCTAssertEqual(g1.timeZoneID, "Asia/Shanghai")
        XCTAssertEqual(g1.messages, 7)
        XCTAssertEqual(g1.joins, 8, "owner alice carol bob dave frank gina hank")
        XCTAssertEqual(g1.leaves, 1)
        XCTAssertEqual(g1.removes, 1)
        XCTAssertEqual(g1.bans, 1)
        XCTAssertEqual(g1.checkins, 3, "alice and carol yesterday, alice today")
        XCTAssertEqual(g1.redpacketClaims, 2)
        XCTAssertEqual(g1.orders, 1)
        XCTAssertEqual(g1.pendingRequests, 1, "erin; dave's request was resolved by his join")
        XCTAssertEqual(g1.members, 5)
        XCTAssertEqual(g1.activeToday, 3, "alice, bob and carol spoke today")
    }

    func testMessagesByLocalHourInShanghai() throws {
        let store = try makeCommunityStore()
        let byHour = try XCTUnwrap(store.stats(groupID: "g1", now: Community.now).first).messagesByHour
        var expected = Array(repeating: 0, count: 24)
        expected[7] = 3  // 早安 ×2 yesterday, 早安 today
        expected[8] = 1
        expected[9] = 2
        expected[21] = 1
        XCTAssertEqual(byHour, expected)
    }

    func testMessagesByLocalHourInBerlin() throws {
        let store = try makeCommunityStore()
        let g2 = try XCTUnwrap(store.stats(groupID: "g2", now: Community.now).first)
        var expected = Array(repeating: 0, count: 24)
        expected[2] = 1  // 01:15Z is 02:15 CET
        expected[13] = 1  // 12:30Z is 13:30 CET
        XCTAssertEqual(g2.messagesByHour, expected)
        XCTAssertEqual(g2.timeZoneID, "Europe/Berlin")
        XCTAssertEqual(g2.messages, 2)
    }

    func testSinceLimitsTheTotals() throws {
        let store = try makeCommunityStore()
        let todayStart = at("2026-11-23T00:00:00+08:00")
        let g1 = try XCTUnwrap(store.stats(groupID: "g1", since: todayStart, now: Community.now).first)
        XCTAssertEqual(g1.messages, 5)
        XCTAssertEqual(g1.joins, 5)
        XCTAssertEqual(g1.checkins, 1)
        XCTAssertEqual(g1.messagesByHour[7], 1)
    }

    func testStatsForEveryGroupAndForAnUnknownOne() throws {
        let store = try makeCommunityStore()
        XCTAssertEqual(Set(try store.stats(now: Community.now).map(\.groupID)), ["g1", "g2"])
        XCTAssertThrowsError(try store.stats(groupID: "nope")) { error in
            guard case StoreError.unknownGroup("nope") = error else { return XCTFail("got \(error)") }
        }
    }

    func testActivityPane() throws {
        let store = try makeCommunityStore()
        let g1 = try XCTUnwrap(store.activity(now: Community.now).first { $0.id == "g1" })
        XCTAssertEqual(g1.messagesToday, 5)
        XCTAssertEqual(g1.activeToday, 3)
        XCTAssertEqual(g1.joinsToday, 5)
        XCTAssertEqual(g1.leavesToday, 3, "a leave, a removal and a ban")
        XCTAssertEqual(g1.members, 5)
        XCTAssertEqual(g1.messagesLastHour, 1)
        XCTAssertEqual(g1.lastMessageAt, at("2026-11-23T21:10:00+08:00"))
        XCTAssertEqual(g1.hourly.count, 24)
        // The last element is the current hour (21:00–22:00), the one before it 20:00–21:00, and so on.
        XCTAssertEqual(g1.hourly[23], 1)
        XCTAssertEqual(g1.hourly[22], 0)
        XCTAssertEqual(g1.hourly[23 - 12], 2, "09:00–10:00, twelve hours back")
        XCTAssertEqual(g1.hourly[23 - 13], 1, "08:00–09:00")
        XCTAssertEqual(g1.hourly[23 - 14], 1, "07:00–08:00 today only; yesterday's 07:00 is outside the 24 hours")
        XCTAssertEqual(g1.hourly.reduce(0, +), 5)
        XCTAssertEqual(g1.messagesLast3Hours, 1)
    }

    func testBaselineIsTheSameThreeHoursOverThePrevious14Days() throws {
        // Six messages between 19:00 and 21:59 on each of the previous 14 days, none today: the group that
        // is usually busy at this hour has gone quiet. Day 15 back is outside the baseline.
        let store = try makeStore()
        var events: [Event] = []
        for daysBack in 1...15 {
            let day = at("2026-11-23T19:10:00+08:00").addingTimeInterval(-Double(daysBack) * 86_400)
            for i in 0..<6 {
                events.append(Event(
                    source: "t", externalID: "d\(daysBack)-\(i)", groupID: "g1",
                    timestamp: day.addingTimeInterval(Double(i) * 1_500), kind: .message, memberID: "u\(i)", text: "聊天"))
            }
        }
        try store.append(events)
        let g1 = try XCTUnwrap(store.activity(now: Community.now).first)
        XCTAssertEqual(g1.baselineLast3Hours, 6.0, accuracy: 1e-9)
        XCTAssertEqual(g1.messagesLast3Hours, 0)
        XCTAssertTrue(g1.isGoingQuiet)
        XCTAssertEqual(g1.trend, .falling)
    }

    func testActivityTodayStartsAtTheGroupsMidnight() throws {
        // At 00:30 Shanghai time the day is half an hour old: yesterday's messages are not "today".
        let store = try makeCommunityStore()
        let justAfterMidnight = at("2026-11-24T00:30:00+08:00")
        let g1 = try XCTUnwrap(store.activity(now: justAfterMidnight).first { $0.id == "g1" })
        XCTAssertEqual(g1.messagesToday, 0)
        XCTAssertEqual(g1.activeToday, 0)
        XCTAssertEqual(g1.hourly[23 - 3], 1, "21:10 yesterday is in the hour three back")
    }
}
