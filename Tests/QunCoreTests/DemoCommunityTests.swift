import Foundation
import XCTest

@testable import QunCore

final class DemoCommunityTests: XCTestCase {
    let now = ISO8601DateFormatter().date(from: "2026-11-23T04:00:00Z")!  // 12:00 in Shanghai

    func collect(_ demo: DemoCommunity) -> [Event] {
        var all: [Event] = []
        demo.forEachDay { _, _, events in all += events }
        return all
    }

    func testSameSeedSameEvents() {
        let a = collect(DemoCommunity(seed: 7, now: now))
        let b = collect(DemoCommunity(seed: 7, now: now))
        XCTAssertEqual(a, b)
        let c = collect(DemoCommunity(seed: 8, now: now))
        XCTAssertNotEqual(a, c)
    }

    func testCommunityHasTheShapeTheIssueAsksFor() {
        let demo = DemoCommunity(seed: 7, now: now)
        let events = collect(demo)
        XCTAssertGreaterThanOrEqual(demo.groups.count, 6)
        XCTAssertTrue(demo.groups.contains { $0.group.name.unicodeScalars.contains { $0.value > 0x4E00 } })
        XCTAssertTrue(demo.groups.contains { $0.group.name.contains("Berlin") })
        XCTAssertGreaterThanOrEqual(events.count, 60_000)
        XCTAssertTrue(events.allSatisfy { $0.timestamp <= now }, "nothing from the future")
        let memberships = Set(events.map { "\($0.groupID)/\($0.memberID)" })
        XCTAssertGreaterThanOrEqual(memberships.count, 1_500)
        let kinds = Set(events.map(\.kind))
        for kind in [EventKind.message, .join, .leave, .joinRequest, .redpacketClaim, .order, .checkin, .remove] {
            XCTAssertTrue(kinds.contains(kind), "\(kind)")
        }
        let windowStart = now.addingTimeInterval(-30 * 86_400)
        XCTAssertGreaterThanOrEqual(events.filter { $0.timestamp >= windowStart }.count, 60_000)
        // Spam the rules catch.
        let rules = RuleEngine()
        XCTAssertGreaterThan(events.compactMap(\.text).filter { !rules.evaluate($0).isClean }.count, 50)
    }

    func testMorningCheckinsAndEveningPeak() {
        let demo = DemoCommunity(seed: 7, now: now)
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        var byHour = Array(repeating: 0, count: 24)
        for e in collect(demo) where e.groupID == "zz-jinshui-1" && e.kind == .message { byHour[localHour(of: e.timestamp, in: zone)] += 1 }
        XCTAssertGreaterThan(byHour[7], byHour[3] * 10)
        XCTAssertGreaterThan(byHour[19], byHour[15])
    }

    func testMostNicknamesFollowTheFormat() {
        let demo = DemoCommunity(seed: 7, now: now)
        let names = collect(demo).filter { $0.groupID == "zz-jinshui-1" && $0.kind == .join }.compactMap(\.memberName)
        let following = names.filter { $0.hasPrefix("郑州+金水+") }.count
        XCTAssertGreaterThan(Double(following) / Double(names.count), 0.75)
        XCTAssertLessThan(following, names.count, "some do not follow it")
    }

    func testRedPacketSplitsAddUp() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<50 {
            let total = Int.random(in: 20...500, using: &rng)
            let shares = DemoCommunity.splitRedPacket(totalFen: total, slots: 20, rng: &rng)
            XCTAssertEqual(shares.reduce(0, +), total)
            XCTAssertEqual(shares.count, 20)
            XCTAssertTrue(shares.allSatisfy { $0 >= 1 })
        }
    }
}
