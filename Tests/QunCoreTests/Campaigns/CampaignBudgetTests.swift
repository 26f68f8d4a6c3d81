import Foundation
import XCTest

@testable import QunCore

final class CampaignBudgetTests: XCTestCase {
    typealias F = CampaignFixtures

    func testSpendingUpToTheBudgetIsAllowedOneFenMoreIsNot() {
        let fits = BudgetCheck(budget: Money(fen: 60_000), spent: Money(fen: 59_750), proposed: Money(fen: 250))
        XCTAssertEqual(fits.decision, .allow(remaining: .zero))
        XCTAssertNil(fits.message)
        let over = BudgetCheck(budget: Money(fen: 60_000), spent: Money(fen: 59_751), proposed: Money(fen: 250))
        XCTAssertEqual(over.decision, .wouldExceed(shortfall: Money(fen: 1)))
        XCTAssertFalse(over.allows)
        XCTAssertEqual(over.message, "budget: ¥2.50 would exceed ¥600.00 (spent ¥597.51, reserved ¥0.00, short ¥0.01)")
    }

    func testReservedDropsCount() {
        let check = BudgetCheck(budget: Money(fen: 1000), spent: Money(fen: 500), reserved: Money(fen: 300), proposed: Money(fen: 250))
        XCTAssertEqual(check.decision, .wouldExceed(shortfall: Money(fen: 50)))
        XCTAssertEqual(check.remaining, Money(fen: 200))
    }

    func testZeroBudgetAllowsOnlyFreeActions() {
        XCTAssertTrue(BudgetCheck(budget: .zero, spent: .zero, proposed: .zero).allows)
        XCTAssertFalse(BudgetCheck(budget: .zero, spent: .zero, proposed: Money(fen: 1)).allows)
    }

    func testFlashSaleStopsWhenTheNextDropWouldExceed() {
        // ¥6 budget, ¥2.50 packets: two drops fit, the third would exceed by ¥1.50.
        var plan = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["g1"], now: F.date("2026-11-11T00:00:00Z"), id: "fs")
        plan.budget = Money(fen: 600)
        var spent = Money.zero
        var posted = 0
        var stop: String?
        for slot in plan.nextRuns(after: F.date("2026-11-11T00:00:00Z"), zones: [:], limit: 5) {
            let posts = plan.posts(for: slot)
            let check = BudgetCheck(budget: plan.budget, spent: spent, proposed: CampaignSpend.proposed(posts))
            guard check.allows else {
                stop = check.message
                break
            }
            spent = spent + CampaignSpend.proposed(posts)
            posted += 1
        }
        XCTAssertEqual(posted, 2)
        XCTAssertEqual(stop, "budget: ¥2.50 would exceed ¥6.00 (spent ¥5.00, reserved ¥0.00, short ¥1.50)")
        XCTAssertNoThrow(try CampaignLifecycle.transition(from: .running, to: .paused), "the stop is a pause")
    }

    func testCostPerResult() {
        XCTAssertNil(CostPerResult(metric: .claims, results: 0, spent: Money(fen: 500)).cost)
        XCTAssertEqual(CostPerResult(metric: .claims, results: 3, spent: Money(fen: 100)).cost, Money(fen: 33))
        XCTAssertEqual(CostPerResult(metric: .claims, results: 3, spent: Money(fen: 200)).cost, Money(fen: 67))
        XCTAssertEqual(CostPerResult(metric: .orders, results: 4, spent: Money(fen: 10)).cost, Money(fen: 3), "2.5 fen rounds half up")
        XCTAssertEqual(CostPerResult(metric: .invites, results: 20, spent: Money(fen: 5000)).label, "¥2.50/有效邀请")
        XCTAssertEqual(CostPerResult(metric: .invites, results: 0, spent: Money(fen: 5000)).label, "—/有效邀请")
    }

    func testBurnDownSeries() {
        let zone = F.shanghai
        let entries = [
            F.ledger("c", fen: 1000, at: F.date("2026-10-31T08:00:00Z")),  // before the series: carried in
            F.ledger("c", fen: 2000, at: F.date("2026-11-01T01:00:00Z")),
            F.ledger("c", fen: 500, at: F.date("2026-11-01T15:59:00Z")),  // 23:59 local, still 11-01
            F.ledger("c", fen: 3000, at: F.date("2026-11-01T16:01:00Z")),  // 00:01 local 11-02
            F.ledger("c", fen: 9000, at: F.date("2026-11-03T04:00:00Z")),
        ]
        let series = BurnDown.series(entries: entries, budget: Money(fen: 12_000), from: F.day("2026-11-01"), through: F.day("2026-11-04"), in: zone)
        XCTAssertEqual(series.map(\.day.description), ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"])
        XCTAssertEqual(series.map(\.spent.fen), [2500, 3000, 9000, 0])
        XCTAssertEqual(series.map(\.cumulative.fen), [3500, 6500, 15_500, 15_500])
        XCTAssertEqual(series.map(\.remaining.fen), [8500, 5500, -3500, -3500])
        XCTAssertEqual(series.map(\.overBudget), [false, false, true, true])
        XCTAssertEqual(series.map(\.planned.fen), [3000, 6000, 9000, 12_000])
        XCTAssertEqual(BurnDown.spent(entries + [F.ledger("other", fen: 7, at: F.date("2026-11-01T00:00:00Z"))], campaignID: "c"), Money(fen: 15_500))
    }

    func testAdmitBooksUntilTheBudgetRunsOut() {
        let drafts = (1...5).map { LedgerDraft(campaignID: "r", kind: .reward, amount: Money(fen: 5000), memberID: "m\($0)", note: "reward", dedupeKey: "k\($0)") }
        let result = CampaignSpend.admit(drafts, budget: Money(fen: 12_000), spent: .zero, alreadyBooked: ["k1"])
        XCTAssertEqual(result.book.map(\.dedupeKey), ["k2", "k3"])
        XCTAssertEqual(result.overBudget.map(\.dedupeKey), ["k4", "k5"])
        XCTAssertEqual(result.message, "budget: ¥50.00 would exceed ¥120.00 (spent ¥100.00, reserved ¥0.00, short ¥30.00); 2 payout(s) of ¥100.00 owed over budget")
        let all = CampaignSpend.admit(drafts + drafts, budget: Money(fen: 100_000), spent: .zero)
        XCTAssertEqual(all.book.count, 5, "a key is booked once")
        XCTAssertNil(all.message)
    }

    func testRewardLedgerDraftsAndKeys() {
        let rules = ReferralRules(requiredInvites: 2, reward: Money(fen: 5000), rewardName: "花生油", perInviteReward: Money(fen: 100))
        let join = F.date("2026-11-01T02:00:00Z")
        let events = ["n1", "n2", "n3"].enumerated().map {
            F.event(.join, member: $0.element, at: join.addingTimeInterval(Double($0.offset)), actor: "inviter", via: .inviteLink)
        }
        let facts = Dictionary(uniqueKeysWithValues: ["n1", "n2", "n3"].map { (MemberKey(groupID: "g1", memberID: $0), InviteeFacts(hasSpoken: true)) })
        let report = ReferralReport.evaluate(events: events, rules: rules, groupIDs: ["g1"], from: nil, through: nil, facts: facts, now: join.addingTimeInterval(8 * 86_400))
        let drafts = CampaignSpend.referralRewards(report, rules: rules, campaignID: "ref")
        XCTAssertEqual(drafts.map(\.dedupeKey), [
            "campaign:ref:reward:invite:n1", "campaign:ref:reward:invite:n2", "campaign:ref:reward:invite:n3", "campaign:ref:reward:referral:inviter",
        ])
        XCTAssertEqual(drafts.reduce(Money.zero) { $0 + $1.amount }, Money(fen: 5300))
        XCTAssertEqual(report.rewardsOwed, Money(fen: 5300))
        let entry = drafts[3].entry(id: 9, recordedAt: join)
        XCTAssertEqual(entry.kind, .reward)
        XCTAssertEqual(entry.memberID, "inviter")
    }

    func testLotteryPrizesAndChallengeRewards() {
        let draw = LotteryDraw.draw(entrants: (0..<5).map { LotteryEntrant(memberID: "m\($0)", groupID: "g1") }, eligibility: .everyone, winners: 2, seed: 8)
        let lottery = LotteryRules(winners: 2, prize: "空气炸锅", prizeValue: Money(fen: 19_900), eligibility: .everyone)
        let prizes = CampaignSpend.lotteryPrizes(draw, rules: lottery, campaignID: "lot")
        XCTAssertEqual(prizes.count, 2)
        XCTAssertTrue(prizes.allSatisfy { $0.kind == .prize && $0.amount == Money(fen: 19_900) })
        XCTAssertTrue(prizes[0].note.contains("seed 8"))

        let rules = CheckinChallengeRules(requiredDays: 3, reward: Money(fen: 2000), rewardName: "体脂秤")
        let d = F.day("2026-11-01")
        let report = ChallengeReport.evaluate(
            checkinDays: [
                MemberKey(groupID: "g1", memberID: "a"): [d, d.adding(days: 1), d.adding(days: 2)],
                MemberKey(groupID: "g2", memberID: "a"): [d, d.adding(days: 1), d.adding(days: 2)],
                MemberKey(groupID: "g1", memberID: "b"): [d, d.adding(days: 2)],
            ], rules: rules, first: d, last: d.adding(days: 9), today: d.adding(days: 3))
        let rewards = CampaignSpend.challengeRewards(report, rules: rules, campaignID: "ck")
        XCTAssertEqual(rewards.map(\.memberID), ["a"], "once per member even in two groups")
        XCTAssertEqual(rewards.first?.dedupeKey, "campaign:ck:reward:challenge:a")
    }
}
