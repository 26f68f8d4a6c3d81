import Foundation
import XCTest

@testable import QunCore

final class CampaignLotteryTests: XCTestCase {
    typealias F = CampaignFixtures

    func entrants(_ count: Int, group: String = "g1") -> [LotteryEntrant] {
        (0..<count).map { LotteryEntrant(memberID: "m\($0)", groupID: group, joinedAt: F.date("2026-10-01T00:00:00Z"), messages: 5) }
    }

    func testSameSeedSameWinnersWhateverTheInputOrder() {
        let list = entrants(50)
        let a = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 5, seed: 20_261_212)
        let b = LotteryDraw.draw(entrants: list.reversed(), eligibility: .everyone, winners: 5, seed: 20_261_212)
        var rng = SeededGenerator(seed: 7)
        let c = LotteryDraw.draw(entrants: list.shuffled(using: &rng), eligibility: .everyone, winners: 5, seed: 20_261_212)
        XCTAssertEqual(a.winners, b.winners)
        XCTAssertEqual(a.winners, c.winners)
        XCTAssertEqual(a.winners.count, 5)
        XCTAssertEqual(Set(a.winners.map(\.memberID)).count, 5)
        XCTAssertEqual(a.winners.map(\.position), [1, 2, 3, 4, 5])
        let others = (1...10).map { LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 5, seed: UInt64($0)).winners }
        XCTAssertGreaterThan(Set(others.map { $0.map(\.memberID) }).count, 5, "different seeds give different draws")
    }

    func testTheDocumentedRecipeReproducesADraw() {
        let list = entrants(30) + [LotteryEntrant(memberID: "张三", groupID: "g1", messages: 9), LotteryEntrant(memberID: "Zed", groupID: "g1", messages: 9)]
        let draw = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 4, seed: 0xC0FFEE)
        // Recipe from docs/campaigns.md: sort ids by UTF-8 bytes, SplitMix64 seeded, partial Fisher–Yates.
        var pool = list.map(\.memberID).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        XCTAssertEqual(draw.pool, pool)
        var rng = SeededGenerator(seed: 0xC0FFEE)
        for i in 0..<4 {
            let n = UInt64(pool.count - i)
            let threshold = (0 &- n) % n
            var v = rng.next()
            while v < threshold { v = rng.next() }
            pool.swapAt(i, i + Int(v % n))
        }
        XCTAssertEqual(draw.winners.map(\.memberID), Array(pool.prefix(4)))
    }

    func testRedrawNeverRepeatsAWinner() {
        let list = entrants(8)
        var draw = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 3, seed: 1)
        var everyone = draw.winners.map(\.memberID)
        for round in 2...3 {
            draw = draw.redraw(entrants: list, eligibility: .everyone, winners: 2, seed: UInt64(100 + round))
            XCTAssertEqual(draw.round, round)
            XCTAssertTrue(Set(everyone).isDisjoint(with: draw.winners.map(\.memberID)), "round \(round) repeated a winner")
            XCTAssertTrue(draw.ineligible.filter { $0.reasons.contains(.alreadyWon) }.count == everyone.count)
            everyone += draw.winners.map(\.memberID)
        }
        XCTAssertEqual(everyone.count, 7)
        // Only one member left who has not won: asking for two gives one and reports the shortfall.
        let last = draw.redraw(entrants: list, eligibility: .everyone, winners: 2, seed: 9)
        XCTAssertEqual(last.winners.count, 1)
        XCTAssertEqual(last.shortfall, 1)
        XCTAssertFalse(everyone.contains(last.winners[0].memberID))
    }

    func testStaticRedrawWithExcludedWinners() {
        let list = entrants(10)
        let draw = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 3, seed: 5, round: 2, excluding: ["m1", "m2", "m3"])
        XCTAssertTrue(Set(draw.winners.map(\.memberID)).isDisjoint(with: ["m1", "m2", "m3"]))
        XCTAssertEqual(draw.previousWinners, ["m1", "m2", "m3"])
        XCTAssertEqual(draw.allWinnerIDs.count, 6)
    }

    func testMembersWhoLeftAreIneligibleAndReported() {
        var list = entrants(6)
        list[2].stillInGroup = false
        list[4].stillInGroup = false
        for seed in 0..<200 as Range<UInt64> {
            let draw = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 3, seed: seed)
            XCTAssertFalse(draw.winners.contains { $0.memberID == "m2" || $0.memberID == "m4" })
        }
        let draw = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 3, seed: 1)
        XCTAssertEqual(draw.ineligible.map(\.memberID), ["m2", "m4"])
        XCTAssertEqual(draw.ineligible.first?.reasons, [.leftGroup])
        XCTAssertEqual(draw.pool.count, 4)
    }

    func testEligibilityRules() {
        let cutoff = F.date("2026-11-01T00:00:00Z")
        let rules = LotteryEligibility(joinedBefore: cutoff, minMessages: 3, minCheckinDays: 2, excludeStaff: true)
        let list = [
            LotteryEntrant(memberID: "ok", groupID: "g1", joinedAt: F.date("2026-10-01T00:00:00Z"), messages: 3, checkinDays: 2),
            LotteryEntrant(memberID: "late", groupID: "g1", joinedAt: F.date("2026-11-02T00:00:00Z"), messages: 10, checkinDays: 5),
            LotteryEntrant(memberID: "quiet", groupID: "g1", joinedAt: F.date("2026-10-01T00:00:00Z"), messages: 1, checkinDays: 0),
            LotteryEntrant(memberID: "admin", groupID: "g1", joinedAt: F.date("2026-01-01T00:00:00Z"), messages: 99, checkinDays: 9, role: .admin),
            LotteryEntrant(memberID: "unknown", groupID: "g1", joinedAt: nil, messages: 9, checkinDays: 9),
        ]
        let draw = LotteryDraw.draw(entrants: list, eligibility: rules, winners: 3, seed: 42)
        XCTAssertEqual(draw.winners.map(\.memberID), ["ok"])
        XCTAssertEqual(draw.shortfall, 2)
        let reasons = Dictionary(uniqueKeysWithValues: draw.ineligible.map { ($0.memberID, $0.reasons) })
        XCTAssertEqual(reasons["late"], [.joinedAfterCutoff])
        XCTAssertEqual(reasons["quiet"], [.tooFewMessages(have: 1, need: 3), .tooFewCheckinDays(have: 0, need: 2)])
        XCTAssertEqual(reasons["admin"], [.staff])
        XCTAssertEqual(reasons["unknown"], [.joinDateUnknown])
        XCTAssertEqual(IneligibleReason.tooFewMessages(have: 1, need: 3).description, "1 messages, needs 3")
    }

    func testOneTicketPerMemberAcrossGroups() {
        let list = [
            LotteryEntrant(memberID: "a", groupID: "g1", stillInGroup: false),
            LotteryEntrant(memberID: "a", groupID: "g2"),
            LotteryEntrant(memberID: "b", groupID: "g1"),
        ]
        let draw = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 2, seed: 3)
        XCTAssertEqual(draw.pool, ["a", "b"])
        XCTAssertEqual(draw.winners.first { $0.memberID == "a" }?.groupID, "g2", "announced where still a member")
        XCTAssertTrue(draw.ineligible.isEmpty)
    }

    func testSingleWinnerIsUniform() {
        // 10 entrants, 20 000 recorded seeds: each should win about 2 000 times. Chi-square with 9 degrees of
        // freedom stays under 27.88 (p = 0.001) for a fair draw; the seeds are fixed, so this never flakes.
        let list = entrants(10)
        var counts: [String: Int] = [:]
        let draws = 20_000
        for seed in 0..<UInt64(draws) {
            counts[LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 1, seed: seed).winners[0].memberID, default: 0] += 1
        }
        let expected = Double(draws) / 10
        let chi = counts.values.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
        XCTAssertEqual(counts.count, 10)
        XCTAssertLessThan(chi, 27.88, "counts \(counts)")
    }

    func testEveryoneHasTheSameChanceOfBeingAmongSeveralWinners() {
        // 3 of 7: each member should be among the winners 3/7 of the time; each position uniform too.
        let list = entrants(7)
        var inclusion: [String: Int] = [:]
        var firstPlace: [String: Int] = [:]
        let draws = 14_000
        for seed in 0..<UInt64(draws) {
            let w = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 3, seed: seed &* 0x9E37_79B9).winners
            for x in w { inclusion[x.memberID, default: 0] += 1 }
            firstPlace[w[0].memberID, default: 0] += 1
        }
        let expectedIn = Double(draws) * 3 / 7
        let chiIn = inclusion.values.reduce(0.0) { $0 + pow(Double($1) - expectedIn, 2) / expectedIn }
        let expectedFirst = Double(draws) / 7
        let chiFirst = firstPlace.values.reduce(0.0) { $0 + pow(Double($1) - expectedFirst, 2) / expectedFirst }
        XCTAssertLessThan(chiIn, 22.46, "inclusion \(inclusion)")  // 6 df, p = 0.001
        XCTAssertLessThan(chiFirst, 22.46, "first place \(firstPlace)")
    }

    func testRejectionSamplingRejectsTheBiasedRange() {
        // 2^64 mod 3 = 1, so 0 must be rejected: the next value (5) decides, 5 mod 3 = 2.
        var g = ReplayGenerator([0, 5])
        XCTAssertEqual(UniformRandom.index(below: 3, using: &g), 2)
        XCTAssertEqual(g.index, 2)
        var h = ReplayGenerator([UInt64.max / 3, UInt64.max])
        let big = Int.max  // 2^63 − 1: threshold = 2^64 mod (2^63 − 1) = 2
        XCTAssertEqual(UniformRandom.index(below: big, using: &h), Int((UInt64.max / 3) % UInt64(big)))
        var z = ReplayGenerator([0, 1, 2, 7])
        XCTAssertEqual(UniformRandom.index(below: big, using: &z), 2, "0 and 1 are below the threshold 2")
        var one = ReplayGenerator([12_345])
        XCTAssertEqual(UniformRandom.index(below: 1, using: &one), 0)
    }

    func testSeedFromPublicTextIsFNV1a() {
        XCTAssertEqual(LotteryDraw.seed(fromPublicText: ""), 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(LotteryDraw.seed(fromPublicText: "a"), 0xAF63_DC4C_8601_EC8C)
        XCTAssertEqual(LotteryDraw.seed(fromPublicText: "2026-12-12 上证 3388.25"), LotteryDraw.seed(fromPublicText: "2026-12-12 上证 3388.25"))
    }

    func testDrawRecordRoundTripsThroughJSON() throws {
        var list = entrants(5)
        list[0].stillInGroup = false
        let draw = LotteryDraw.draw(entrants: list, eligibility: .everyone, winners: 2, seed: UInt64.max)
        let data = try JSONEncoder().encode(draw)
        XCTAssertEqual(try JSONDecoder().decode(LotteryDraw.self, from: data), draw)
    }
}
