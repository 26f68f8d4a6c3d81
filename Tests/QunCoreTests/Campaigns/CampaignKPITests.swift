import Foundation
import XCTest

@testable import QunCore

final class CampaignKPITests: XCTestCase {
    typealias F = CampaignFixtures
    let start = CampaignFixtures.date("2026-11-01T00:00:00Z")

    func at(days: Double, hours: Double = 2) -> Date { start.addingTimeInterval(days * 86_400 + hours * 3600) }

    func testReferralCreditIsExact() {
        let rules = ReferralRules(requiredInvites: 2, reward: Money(fen: 5000), rewardName: "花生油")
        let events = [
            F.event(.join, member: "n1", at: at(days: 0), actor: "alice", via: .inviteLink),
            F.event(.join, member: "n2", at: at(days: 1), actor: "alice", via: .added),
            F.event(.join, member: "n3", at: at(days: 1), actor: "alice", via: .added),  // left on day 3
            F.event(.join, member: "n4", at: at(days: 2), actor: "alice", via: .added),  // never spoke
            F.event(.join, member: "n5", at: at(days: 9), actor: "bob", via: .inviteLink),  // still pending
            F.event(.join, member: "n6", at: at(days: 1), via: .qr),  // poster: nobody's credit
            F.event(.join, member: "n7", at: at(days: 1), actor: "owner", via: .request),  // approval, not an invite
            F.event(.join, member: "bob", at: at(days: 1), actor: "bob", via: .added),  // self
            F.event(.join, member: "n1", at: at(days: 4), actor: "carol", via: .added),  // re-join: credited once, to alice
            F.event(.join, member: "n8", group: "other", at: at(days: 1), actor: "alice", via: .added),  // not a target group
            F.event(.join, member: "n9", at: at(days: -3), actor: "alice", via: .added),  // before the campaign
        ]
        var facts: [MemberKey: InviteeFacts] = [:]
        for m in ["n1", "n2", "n3", "n4", "n5", "n6", "n7"] { facts[MemberKey(groupID: "g1", memberID: m)] = InviteeFacts(hasSpoken: m != "n4") }
        facts[MemberKey(groupID: "g1", memberID: "n3")] = InviteeFacts(leftAt: at(days: 3), hasSpoken: true)
        let now = at(days: 12)
        let report = ReferralReport.evaluate(events: events, rules: rules, groupIDs: ["g1"], from: start, through: nil, facts: facts, now: now)
        let status = Dictionary(uniqueKeysWithValues: report.invites.map { ($0.inviteeID, $0.status) })
        XCTAssertEqual(status, ["n1": .qualified, "n2": .qualified, "n3": .left, "n4": .silent, "n5": .pending])
        XCTAssertEqual(report.invites.first { $0.inviteeID == "n1" }?.inviterID, "alice")
        XCTAssertEqual(report.standings.map(\.inviterID), ["alice", "bob"])
        XCTAssertEqual(report.standings[0].qualified, 2)
        XCTAssertTrue(report.standings[0].earnedReward)
        XCTAssertFalse(report.standings[1].earnedReward)
        XCTAssertEqual(report.qualifiedInvites, 2)
        XCTAssertEqual(report.pendingInvites, 1)

        // Leaving after the 7 qualifying days keeps the credit.
        facts[MemberKey(groupID: "g1", memberID: "n2")] = InviteeFacts(leftAt: at(days: 10), hasSpoken: true)
        let later = ReferralReport.evaluate(events: events, rules: rules, groupIDs: ["g1"], from: start, through: nil, facts: facts, now: now)
        XCTAssertEqual(later.qualifiedInvites, 2)
    }

    func testReferralKPIsAndCostPerQualifiedInvite() {
        var plan = CampaignTemplate(.referral).defaultPlan(name: "拉新", groups: ["g1"], now: start, id: "ref")
        plan.goal = CampaignGoal(.invites, target: 4)
        let events = (1...3).map { F.event(.join, member: "n\($0)", at: at(days: 0, hours: Double($0)), actor: "alice", via: .inviteLink) }
        let facts = CampaignFacts(invitees: Dictionary(uniqueKeysWithValues: (1...3).map { (MemberKey(groupID: "g1", memberID: "n\($0)"), InviteeFacts(hasSpoken: true)) }))
        let ledger = [F.ledger("ref", fen: 900, at: at(days: 8)), F.ledger("other", fen: 100_000, at: at(days: 8))]
        let kpis = CampaignKPIs.compute(plan: plan, events: events, ledger: ledger, facts: facts, now: at(days: 8))
        XCTAssertEqual(kpis.invites, 3)
        XCTAssertEqual(kpis.qualifiedInvites, 3)
        XCTAssertEqual(kpis.achieved, 3)
        XCTAssertEqual(kpis.progress, 0.75, accuracy: 1e-9)
        XCTAssertEqual(kpis.newMembers, 3)
        XCTAssertEqual(kpis.spent, Money(fen: 900))
        XCTAssertEqual(kpis.costPerResult.first?.metric, .invites)
        XCTAssertEqual(kpis.costPerResult.first?.cost, Money(fen: 300))
    }

    func testFlashSaleClaimsAndOrders() {
        let plan = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["g1"], now: start, id: "fs")
        let events = [
            F.event(.redpacketClaim, member: "a", at: at(days: 0), amount: Money(fen: 100), campaign: "fs"),
            F.event(.redpacketClaim, member: "b", at: at(days: 0), amount: Money(fen: 150), campaign: "fs"),
            F.event(.redpacketClaim, member: "c", at: at(days: 0), amount: Money(fen: 150), campaign: "other"),
            F.event(.order, member: "a", at: at(days: 0), amount: Money(fen: 3990), campaign: "fs"),
            F.event(.order, member: "z", at: at(days: 0), amount: Money(fen: 990)),
        ]
        let ledger = [F.ledger("fs", fen: 100, at: at(days: 0), kind: .redPacket), F.ledger("fs", fen: 150, at: at(days: 0), kind: .redPacket)]
        let kpis = CampaignKPIs.compute(plan: plan, events: events, ledger: ledger, facts: CampaignFacts(), now: at(days: 1))
        XCTAssertEqual(kpis.claims, 2)
        XCTAssertEqual(kpis.claimedAmount, Money(fen: 250))
        XCTAssertEqual(kpis.orders, 1)
        XCTAssertEqual(kpis.orderRevenue, Money(fen: 3990))
        XCTAssertEqual(kpis.goal.metric, .orders)
        XCTAssertEqual(kpis.achieved, 1)
        XCTAssertEqual(kpis.costPerResult.map(\.metric), [.orders, .claims])
        XCTAssertEqual(kpis.costPerResult.map(\.cost), [Money(fen: 250), Money(fen: 125)])
    }

    func testNoResultsMeansNoCostPerResult() {
        let plan = CampaignTemplate(.redPacket).defaultPlan(name: "红包", groups: ["g1"], now: start, id: "rp")
        let kpis = CampaignKPIs.compute(plan: plan, events: [], ledger: [F.ledger("rp", fen: 300, at: at(days: 0))], facts: CampaignFacts(), now: at(days: 1))
        XCTAssertEqual(kpis.claims, 0)
        XCTAssertNil(kpis.costPerResult.first?.cost)
        XCTAssertEqual(kpis.progress, 0)
    }

    func testCheckinChallengeProgress() {
        let rules = CheckinChallengeRules(requiredDays: 3, reward: Money(fen: 2000), rewardName: "体脂秤")
        let d = F.day("2026-11-01")
        let days: [MemberKey: [LocalDay]] = [
            MemberKey(groupID: "g1", memberID: "done"): [d, d.adding(days: 1), d.adding(days: 2), d.adding(days: 4)],
            MemberKey(groupID: "g1", memberID: "risk"): [d.adding(days: 3), d.adding(days: 4)],
            MemberKey(groupID: "g1", memberID: "broke"): [d, d.adding(days: 2)],
            MemberKey(groupID: "g1", memberID: "before"): [d.adding(days: -1)],
        ]
        let report = ChallengeReport.evaluate(checkinDays: days, rules: rules, first: d, last: d.adding(days: 20), today: d.adding(days: 5))
        XCTAssertEqual(report.participants, 3)
        XCTAssertEqual(report.completions, 1)
        XCTAssertEqual(report.checkins, 8)
        XCTAssertEqual(report.atRisk.map(\.memberID), ["risk"])
        let byMember = Dictionary(uniqueKeysWithValues: report.standings.map { ($0.member.memberID, $0) })
        XCTAssertEqual(byMember["done"]?.completedOn, d.adding(days: 2))
        XCTAssertEqual(byMember["done"]?.longestStreak, 3)
        XCTAssertEqual(byMember["risk"]?.currentStreak, 2)
        XCTAssertEqual(byMember["broke"]?.currentStreak, 0)
        XCTAssertEqual(report.streakDistribution, [3: 1, 2: 1, 1: 1])
        XCTAssertEqual(report.standings.first?.member.memberID, "done")
    }

    func testChallengeKPIsUseEachGroupsLocalDays() {
        var plan = CampaignTemplate(.checkinChallenge).defaultPlan(name: "打卡", groups: ["sh", "berlin"], now: start, id: "ck")
        plan.rules = .checkinChallenge(CheckinChallengeRules(requiredDays: 2, reward: Money(fen: 1000), rewardName: "奖"))
        plan.goal = CampaignGoal(.completions, target: 4)
        let first = F.day("2026-11-02")
        let facts = CampaignFacts(
            checkinDays: [
                MemberKey(groupID: "sh", memberID: "a"): [first, first.adding(days: 1)],
                MemberKey(groupID: "berlin", memberID: "b"): [first, first.adding(days: 1)],
                MemberKey(groupID: "berlin", memberID: "c"): [first],
                MemberKey(groupID: "elsewhere", memberID: "d"): [first, first.adding(days: 1)],
            ],
            zones: ["sh": F.shanghai, "berlin": F.berlin])
        let kpis = CampaignKPIs.compute(plan: plan, events: [], ledger: [], facts: facts, now: F.date("2026-11-04T12:00:00Z"))
        XCTAssertEqual(kpis.completions, 2)
        XCTAssertEqual(kpis.challengeParticipants, 3)
        XCTAssertEqual(kpis.checkins, 5)
        XCTAssertEqual(kpis.progress, 0.5, accuracy: 1e-9)
        XCTAssertEqual(kpis.rewardsEarned, Money(fen: 2000))
    }

    func testFirstOrderRewards() {
        let rules = FirstOrderRules(reward: Money(fen: 500), newMemberDays: 30, minimumOrder: Money(fen: 990), ordersRewarded: 1)
        let events = [
            F.event(.join, member: "new", at: at(days: 1)),
            F.event(.order, member: "new", at: at(days: 2), amount: Money(fen: 500)),  // below the minimum
            F.event(.order, member: "new", at: at(days: 3), amount: Money(fen: 1990)),  // first qualifying: rewarded
            F.event(.order, member: "new", at: at(days: 4), amount: Money(fen: 1990)),  // second: not
            F.event(.order, member: "old", at: at(days: 2), amount: Money(fen: 1990)),  // joined long ago
            F.event(.order, member: "slow", at: at(days: 5), amount: Money(fen: 1990)),  // joined 40 days before
        ]
        let joined = [
            MemberKey(groupID: "g1", memberID: "old"): start.addingTimeInterval(-400 * 86_400),
            MemberKey(groupID: "g1", memberID: "slow"): start.addingTimeInterval(-35 * 86_400),
        ]
        let report = FirstOrderReport.evaluate(events: events, rules: rules, groupIDs: ["g1"], from: start, through: nil, joinedAt: joined, now: at(days: 10))
        XCTAssertEqual(report.rewarded.map(\.member.memberID), ["new"])
        XCTAssertEqual(report.rewarded.first?.amount, Money(fen: 1990))
        XCTAssertEqual(report.newMembers, 1)
        XCTAssertEqual(CampaignSpend.firstOrderRewards(report, campaignID: "fo").map(\.dedupeKey), ["campaign:fo:reward:first_order:new:1"])
    }

    func testLotteryEntrantsKPI() {
        let plan = CampaignTemplate(.lottery).defaultPlan(name: "抽奖", groups: ["g1"], now: start, id: "lot")
        let facts = CampaignFacts(lotteryEntrants: [
            LotteryEntrant(memberID: "a", groupID: "g1", joinedAt: start.addingTimeInterval(-86_400), messages: 5),
            LotteryEntrant(memberID: "b", groupID: "g1", joinedAt: start.addingTimeInterval(86_400), messages: 5),  // joined after launch
            LotteryEntrant(memberID: "c", groupID: "g1", stillInGroup: false, joinedAt: start.addingTimeInterval(-86_400), messages: 5),
            LotteryEntrant(memberID: "d", groupID: "g2", joinedAt: start.addingTimeInterval(-86_400), messages: 5),  // not a target group
        ])
        let kpis = CampaignKPIs.compute(plan: plan, events: [], ledger: [], facts: facts, now: at(days: 1))
        XCTAssertEqual(kpis.entrants, 1)
        XCTAssertEqual(kpis.value(of: .entrants), 1)
    }
}
