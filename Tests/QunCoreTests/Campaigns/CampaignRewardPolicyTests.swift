import Foundation
import XCTest

@testable import QunCore

/// The reward policy (what is earned, under which key) and booking it (budget caps, booked once).
final class CampaignRewardPolicyTests: XCTestCase {
    static let created = CampaignFixtures.date("2026-10-23T09:00:00+08:00")
    static let group = Group(id: "g1", name: "上海群", timeZoneID: "Asia/Shanghai", createdAt: created.addingTimeInterval(-86_400))
    static let dropAt = created.addingTimeInterval(3600)

    func redPacketPlan(prizeValue: Money, budget: Money = Money(fen: 10_000)) -> CampaignPlan {
        var plan = CampaignTemplate(.redPacket).defaultPlan(name: "红包", groups: ["g1"], now: Self.created, id: "rp")
        guard case var .redPacket(r) = plan.rules else { fatalError("not a red packet plan") }
        r.prizeValue = prizeValue
        r.slots = 2
        plan.rules = .redPacket(r)
        plan.status = .running
        plan.budget = budget
        return plan
    }

    let drop = RedPacketDrop(groupID: "g1", sentAt: dropAt, amount: Money(fen: 300), slots: 2, idempotencyKey: "campaign:rp:group:g1:trigger:x")

    func claims(_ amounts: [Int64]) -> [RedPacketClaim] {
        amounts.enumerated().map { i, fen in
            RedPacketClaim(memberID: "m\(i + 1)", groupID: "g1", amount: Money(fen: fen), claimedAt: Self.dropAt.addingTimeInterval(Double(10 * (i + 1))), sequence: i)
        }
    }

    func testAnEmptiedDropEarnsItsBestLuckPrizeUnderTheDropsKey() {
        let plan = redPacketPlan(prizeValue: Money(fen: 500))
        let now = Self.dropAt.addingTimeInterval(120)
        let earned = CampaignRewardPolicy.earned(plan, events: [], facts: CampaignFacts(), redPackets: [drop], claims: claims([100, 200]), now: now)
        XCTAssertEqual(earned.rewards.map(\.draft.dedupeKey), [drop.idempotencyKey! + ":best_luck"])
        XCTAssertEqual(earned.rewards.first?.draft.memberID, "m2")
        XCTAssertEqual(earned.rewards.first?.draft.amount, Money(fen: 500))
        XCTAssertTrue(earned.luckPostsOnly.isEmpty)
    }

    func testADropStillBeingClaimedEarnsNothingYetAndWithoutPrizeValueLuckIsOnlyAnnounced() {
        let stillOpen = CampaignRewardPolicy.earned(
            redPacketPlan(prizeValue: Money(fen: 500)), events: [], facts: CampaignFacts(), redPackets: [drop], claims: claims([100]),
            now: Self.dropAt.addingTimeInterval(120))
        XCTAssertTrue(stillOpen.rewards.isEmpty)
        let announced = CampaignRewardPolicy.earned(
            redPacketPlan(prizeValue: .zero), events: [], facts: CampaignFacts(), redPackets: [drop], claims: claims([100]),
            now: Self.dropAt.addingTimeInterval(86_400))
        XCTAssertTrue(announced.rewards.isEmpty)
        XCTAssertEqual(announced.luckPostsOnly.map(\.bestLuck?.memberID), ["m1"])
    }

    func testBookingTwiceBooksOnceAndAuditsAndAnnouncesTheWinner() {
        let plan = redPacketPlan(prizeValue: Money(fen: 500))
        var facts = CampaignSnapshot(plan: plan, cursor: nil, groups: ["g1": Self.group], redPackets: [drop], claims: claims([100, 200]))
        facts.members = [CampaignMemberFacts(
            groupID: "g1", memberID: "m2", role: .member, status: .active, statusAt: Self.created, joinedAt: nil, messageCount: 1, checkinCount: 0,
            name: "小李")]
        var decision = CampaignDecision(facts, now: Self.dropAt.addingTimeInterval(120), actor: "scheduler")
        let first = decision.bookRewards()
        XCTAssertEqual(first.booked.map(\.memberID), ["m2"])
        XCTAssertEqual(first.posts, [drop.idempotencyKey! + ":best_luck"])
        let audit = decision.effects.compactMap { if case let .audit(d) = $0 { return d } else { return nil } }
        XCTAssertEqual(audit.map(\.action), ["campaign prize"])
        XCTAssertEqual(audit.first?.reason, "prize ¥5.00 to 小李: 手气最佳 ¥2.00")
        XCTAssertEqual(decision.bookRewards(), CampaignRewardResult(), "booked and announced: nothing more")

        facts.bookedKeys = [drop.idempotencyKey! + ":best_luck"]
        var later = CampaignDecision(facts, now: Self.dropAt.addingTimeInterval(240), actor: "scheduler")
        XCTAssertTrue(later.bookRewards().booked.isEmpty)
    }

    func testAPrizeOverBudgetIsOwedAndStopsTheCampaign() {
        let plan = redPacketPlan(prizeValue: Money(fen: 500), budget: Money(fen: 400))
        let facts = CampaignSnapshot(plan: plan, cursor: nil, groups: ["g1": Self.group], redPackets: [drop], claims: claims([100, 200]))
        var decision = CampaignDecision(facts, now: Self.dropAt.addingTimeInterval(120), actor: "scheduler")
        let result = decision.bookRewards()
        XCTAssertTrue(result.booked.isEmpty)
        XCTAssertEqual(result.owed.map(\.dedupeKey), [drop.idempotencyKey! + ":best_luck"])
        XCTAssertNotNil(result.budgetStop)
        XCTAssertEqual(decision.plan.status, .paused)
    }

    func testTheSettlePeriodGrowsWithTheReferralQualifyingDays() {
        var plan = CampaignTemplate(.referral).defaultPlan(name: "邀请", groups: ["g1"], now: Self.created, id: "ref")
        guard case let .referral(r) = plan.rules else { return XCTFail("not a referral") }
        XCTAssertEqual(CampaignRewardPolicy.settlePeriod(plan), Double(2 + r.qualifyingDays) * 86_400)
        plan.rules = .gathering(GatheringRules())
        XCTAssertFalse(CampaignRewardPolicy.earnsRewards(plan))
    }
}
