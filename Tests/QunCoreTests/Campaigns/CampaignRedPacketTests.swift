import Foundation
import XCTest

@testable import QunCore

final class CampaignRedPacketTests: XCTestCase {
    typealias F = CampaignFixtures
    let t0 = CampaignFixtures.date("2026-11-11T02:00:00Z")  // 10:00 Shanghai

    func claim(_ member: String, _ fen: Int64, _ seconds: Double, seq: Int = 0, group: String = "g1") -> RedPacketClaim {
        RedPacketClaim(memberID: member, groupID: group, amount: Money(fen: fen), claimedAt: t0.addingTimeInterval(seconds), sequence: seq)
    }

    func testBestLuckIsTheLargestShare() {
        let claims = [claim("a", 10, 1), claim("b", 80, 2), claim("c", 40, 3)]
        XCTAssertEqual(RedPacketResults.bestLuck(claims)?.memberID, "b")
        XCTAssertNil(RedPacketResults.bestLuck([]))
    }

    func testBestLuckTieGoesToTheEarliestClaim() {
        let claims = [claim("late", 80, 9, seq: 1), claim("early", 80, 3, seq: 2), claim("small", 5, 1, seq: 0)]
        XCTAssertEqual(RedPacketResults.bestLuck(claims)?.memberID, "early")
        // Same instant: the earlier arrival in the feed wins.
        let same = [claim("second", 80, 3, seq: 8), claim("first", 80, 3, seq: 7)]
        XCTAssertEqual(RedPacketResults.bestLuck(same)?.memberID, "first")
    }

    func testBestLuckFromClaimEvents() {
        let events = [
            F.event(.redpacketClaim, member: "a", at: t0.addingTimeInterval(1), amount: Money(fen: 30), campaign: "flash"),
            F.event(.redpacketClaim, member: "b", at: t0.addingTimeInterval(2), amount: Money(fen: 120), campaign: "flash"),
            F.event(.redpacketClaim, member: "c", at: t0.addingTimeInterval(3), amount: Money(fen: 120), campaign: "flash"),
            F.event(.redpacketClaim, member: "d", at: t0.addingTimeInterval(4), amount: Money(fen: 500), campaign: "other"),
            F.event(.message, member: "e", at: t0.addingTimeInterval(5), campaign: "flash"),
        ]
        let claims = RedPacketClaim.claims(from: events, campaignID: "flash")
        XCTAssertEqual(claims.map(\.memberID), ["a", "b", "c"])
        XCTAssertEqual(RedPacketResults.bestLuck(claims)?.memberID, "b")
    }

    func testDemoSplitAndBestLuck() {
        var rng = SeededGenerator(seed: 11)
        let shares = DemoCommunity.splitRedPacket(totalFen: 250, slots: 20, rng: &rng)
        let claims = shares.enumerated().map { claim("m\($0.offset)", Int64($0.element), Double($0.offset), seq: $0.offset) }
        let outcome = RedPacketResults.outcomes(drops: [RedPacketDrop(groupID: "g1", sentAt: t0, amount: Money(fen: 250), slots: 20)], claims: claims)
        let o = outcome.outcomes[0]
        XCTAssertEqual(o.claimedAmount, Money(fen: 250))
        XCTAssertTrue(o.isEmptied)
        XCTAssertEqual(o.timeToEmpty, 19)
        XCTAssertEqual(o.bestLuck?.amount.fen, Int64(shares.max()!))
        XCTAssertEqual(o.bestLuck?.memberID, "m\(shares.firstIndex(of: shares.max()!)!)")
        XCTAssertEqual(o.unclaimed, .zero)
    }

    func testClaimsAreMatchedToTheirDrop() {
        let drops = [
            RedPacketDrop(groupID: "g1", sentAt: t0, amount: Money(fen: 300), slots: 3, idempotencyKey: "k10"),
            RedPacketDrop(groupID: "g1", sentAt: t0.addingTimeInterval(3600), amount: Money(fen: 200), slots: 20, idempotencyKey: "k11"),
            RedPacketDrop(groupID: "g2", sentAt: t0, amount: Money(fen: 100), slots: 2, idempotencyKey: "g2k10"),
        ]
        let claims = [
            claim("a", 100, 5), claim("b", 150, 6), claim("c", 50, 7),
            claim("d", 20, 3605), claim("e", 60, 3606),
            claim("x", 40, 10, group: "g2"),
            claim("early", 1, -60),
        ]
        let (outcomes, unmatched) = RedPacketResults.outcomes(drops: drops, claims: claims)
        let byKey = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.drop.idempotencyKey!, $0) })
        XCTAssertEqual(byKey["k10"]?.claims.map(\.memberID), ["a", "b", "c"])
        XCTAssertEqual(byKey["k10"]?.timeToEmpty, 7)
        XCTAssertEqual(byKey["k10"]?.bestLuck?.memberID, "b")
        XCTAssertEqual(byKey["k11"]?.claimedSlots, 2)
        XCTAssertNil(byKey["k11"]?.timeToEmpty, "slots remain")
        XCTAssertEqual(byKey["k11"]?.unclaimed, Money(fen: 120))
        XCTAssertEqual(byKey["g2k10"]?.claims.map(\.memberID), ["x"])
        XCTAssertEqual(unmatched.map(\.memberID), ["early"])
        // Outstanding for the budget: only drops still within 24 h.
        XCTAssertEqual(CampaignSpend.outstanding(outcomes, now: t0.addingTimeInterval(7200)), Money(fen: 120 + 60))
        XCTAssertEqual(CampaignSpend.outstanding(outcomes, now: t0.addingTimeInterval(2 * 86_400)), .zero)
    }

    func testInferredDropsSplitOnQuietGaps() {
        let claims = [claim("a", 10, 0), claim("b", 30, 5), claim("c", 20, 9), claim("d", 40, 3600), claim("e", 40, 3610, seq: 1)]
        let outcomes = RedPacketResults.inferredOutcomes(claims: claims)
        XCTAssertEqual(outcomes.count, 2)
        XCTAssertEqual(outcomes[0].drop.amount, Money(fen: 60))
        XCTAssertEqual(outcomes[0].bestLuck?.memberID, "b")
        XCTAssertEqual(outcomes[1].bestLuck?.memberID, "d", "tie → earliest")
    }

    func testBestLuckPrizeAndAnnouncement() {
        let drop = RedPacketDrop(groupID: "g1", sentAt: t0, amount: Money(fen: 300), slots: 2, idempotencyKey: "campaign:rp:group:g1:trigger:2026-11-11T10:00")
        let outcome = RedPacketResults.outcomes(drops: [drop], claims: [claim("a", 100, 1), claim("b", 200, 2)]).outcomes[0]
        let prizes = CampaignSpend.bestLuckPrizes([outcome], campaignID: "rp", prizeValue: Money(fen: 800))
        XCTAssertEqual(prizes.map(\.memberID), ["b"])
        XCTAssertEqual(prizes.first?.dedupeKey, "campaign:rp:group:g1:trigger:2026-11-11T10:00:best_luck")
        XCTAssertTrue(CampaignSpend.bestLuckPrizes([outcome], campaignID: "rp", prizeValue: .zero).isEmpty)

        let plan = CampaignTemplate(.redPacket).defaultPlan(name: "红包", groups: ["g1"], now: t0, id: "rp")
        let post = plan.bestLuckPost(for: outcome, name: "小李", at: t0.addingTimeInterval(60))
        XCTAssertEqual(post?.text, "🎉 恭喜 @小李 手气最佳，包邮送到家！")
        XCTAssertEqual(post?.mention, "b")
        XCTAssertEqual(post?.idempotencyKey, prizes.first?.dedupeKey)
    }
}
