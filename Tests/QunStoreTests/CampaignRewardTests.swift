import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Rewards and prizes booked by the scheduler tick as they are earned: once per member (or drop) across ticks
/// and store handles, budget-checked (the stop pauses and books nothing more), best luck with ties.
class CampaignRewardTests: StoreContractTestCase {
    static let created = at("2026-10-23T09:00:00+08:00")

    func makeRewardStore() throws -> any QundeckStore {
        let store = try makeStore()
        try store.saveGroup(Group(id: "sh", name: "上海群", timeZoneID: "Asia/Shanghai", createdAt: Self.created.addingTimeInterval(-86_400 * 90)))
        return store
    }

    func rewardRows(_ store: any QundeckStore, _ id: String) throws -> [LedgerEntry] {
        try store.campaignLedger(id: id).filter { $0.kind == .reward || $0.kind == .prize }
    }

    /// Ticks at `first`, again at `first`+1 min, then from a second handle on the same store a day later:
    /// the bookings after the first tick never change.
    func assertBookedOnce(_ store: any QundeckStore, _ id: String, at first: Date, file: StaticString = #filePath, line: UInt = #line)
        throws -> [LedgerEntry]
    {
        try store.runDue(now: first)
        let booked = try rewardRows(store, id)
        try store.runDue(now: first.addingTimeInterval(60))
        XCTAssertEqual(try rewardRows(store, id), booked, "a second tick books nothing more", file: file, line: line)
        let other = try openAnother(store)
        try other.runDue(now: first.addingTimeInterval(86_400))
        XCTAssertEqual(try rewardRows(other, id), booked, "a second process books nothing more", file: file, line: line)
        return booked
    }

    func outboxTexts(_ store: any QundeckStore, _ id: String, purpose: String) throws -> [String] {
        try store.campaignOutbox(id: id).compactMap { item in
            guard item.purpose == purpose, case let .sendMessage(_, text, _, _) = item.command else { return nil }
            return text
        }
    }

    func testReferralRewardIsBookedOnceWhenQualifiedInvitesReachTheThreshold() throws {
        let store = try makeRewardStore()
        var events: [Event] = [
            event("ja", .join, "a", "2026-10-01T10:00:00+08:00", group: "sh", name: "阿强"),
            event("jb", .join, "b", "2026-10-01T10:00:00+08:00", group: "sh", name: "小白"),
            // a invites n1, n2 (both speak); b invites n3 (speaks) and n4 (silent); n5 comes by QR (no credit).
            event("j1", .join, "n1", "2026-10-23T10:00:00+08:00", group: "sh", actor: "a", via: .inviteLink),
            event("j2", .join, "n2", "2026-10-23T11:00:00+08:00", group: "sh", actor: "a", via: .added),
            event("j3", .join, "n3", "2026-10-23T12:00:00+08:00", group: "sh", actor: "b", via: .inviteLink),
            event("j4", .join, "n4", "2026-10-23T12:00:00+08:00", group: "sh", actor: "b", via: .inviteLink),
            event("j5", .join, "n5", "2026-10-23T12:00:00+08:00", group: "sh", actor: "b", via: .qr),
        ]
        for n in ["n1", "n2", "n3", "n5"] { events.append(event("m-\(n)", .message, n, "2026-10-24T10:00:00+08:00", group: "sh", text: "大家好")) }
        try store.append(events, now: Self.created)

        var plan = CampaignTemplate(.referral).defaultPlan(name: "拉新", groups: ["sh"], now: Self.created, id: "ref")
        plan.rules = .referral(ReferralRules(requiredInvites: 2, reward: Money(fen: 5000), rewardName: "5L花生油一桶"))
        plan.budget = Money(fen: 50_000)
        try store.createCampaign(plan, actor: "a", now: Self.created)

        // Day 2: the invites are still inside their 7 qualifying days.
        try store.runDue(now: at("2026-10-25T09:00:00+08:00"))
        XCTAssertEqual(try rewardRows(store, "ref"), [])

        let booked = try assertBookedOnce(store, "ref", at: at("2026-10-30T13:00:00+08:00"))
        XCTAssertEqual(booked.map(\.memberID), ["a"], "b has one qualified invite (n4 never spoke, n5 came by QR)")
        XCTAssertEqual(booked.first?.amount, Money(fen: 5000))
        XCTAssertEqual(booked.first?.kind, .reward)
        XCTAssertEqual(try store.campaignBudget(id: "ref", now: at("2026-10-31T13:00:00+08:00")).spent, Money(fen: 5000))

        let audit = try store.campaignAudit(id: "ref").filter { $0.action == "campaign reward" }
        XCTAssertEqual(audit.count, 1)
        XCTAssertEqual(audit.first?.memberID, "a")
        XCTAssertEqual(audit.first?.campaignID, "ref")
        XCTAssertEqual(audit.first?.evidence, "campaign:ref:reward:referral:a")
        XCTAssertEqual(try outboxTexts(store, "ref", purpose: "reward"), ["🎉 @阿强 已有效邀请2位好友，获得5L花生油一桶！"])
    }

    func testCheckinChallengeRewardsEachMemberOnceAfterNConsecutiveDays() throws {
        let store = try makeRewardStore()
        var plan = CampaignTemplate(.checkinChallenge).defaultPlan(name: "签到挑战", groups: ["sh"], now: Self.created, id: "ci")
        plan.rules = .checkinChallenge(CheckinChallengeRules(requiredDays: 3, reward: Money(fen: 2000), rewardName: "小礼品一份"))
        plan.budget = Money(fen: 10_000)
        try store.createCampaign(plan, actor: "a", now: Self.created)
        // The challenge starts the next local day (Oct 24). m1: 24, 25, 26; m2: 24, 25, 27 (broken); m3: 23 (before), 24, 25.
        var events: [Event] = []
        for (m, days) in [("m1", [24, 25, 26]), ("m2", [24, 25, 27]), ("m3", [23, 24, 25])] {
            events.append(event("j-\(m)", .join, m, "2026-10-01T10:00:00+08:00", group: "sh", name: "成员\(m)"))
            for d in days { events.append(event("c-\(m)-\(d)", .checkin, m, "2026-10-\(d)T07:30:00+08:00", group: "sh")) }
        }
        try store.append(events, now: at("2026-10-27T08:00:00+08:00"))

        let booked = try assertBookedOnce(store, "ci", at: at("2026-10-27T12:00:00+08:00"))
        XCTAssertEqual(booked.map(\.memberID), ["m1"])
        XCTAssertEqual(booked.first?.amount, Money(fen: 2000))
        XCTAssertEqual(try outboxTexts(store, "ci", purpose: "reward"), ["🎉 @成员m1 已连续签到3天，获得小礼品一份！"])
        XCTAssertEqual(try store.campaignAudit(id: "ci").filter { $0.action == "campaign reward" }.map(\.memberID), ["m1"])
    }

    func testFirstOrderRewardIsBookedOncePerNewMember() throws {
        let store = try makeRewardStore()
        var plan = CampaignTemplate(.firstOrder).defaultPlan(name: "新人首单", groups: ["sh"], now: Self.created, id: "fo")
        plan.budget = Money(fen: 10_000)
        try store.createCampaign(plan, actor: "a", now: Self.created)
        try store.append([
            event("j1", .join, "new1", "2026-10-23T10:00:00+08:00", group: "sh", name: "新人1"),
            event("o1", .order, "new1", "2026-10-23T11:00:00+08:00", group: "sh", amount: Money(fen: 2000)),
            event("o2", .order, "new1", "2026-10-23T12:00:00+08:00", group: "sh", amount: Money(fen: 3000)),
            // Too small an order, then a good one: the good one is new2's first qualifying order.
            event("j2", .join, "new2", "2026-10-23T10:00:00+08:00", group: "sh", name: "新人2"),
            event("o3", .order, "new2", "2026-10-23T11:00:00+08:00", group: "sh", amount: Money(fen: 500)),
            event("o4", .order, "new2", "2026-10-24T11:00:00+08:00", group: "sh", amount: Money(fen: 1500)),
            // An old member is not new.
            event("j3", .join, "old", "2026-08-01T10:00:00+08:00", group: "sh", name: "老人"),
            event("o5", .order, "old", "2026-10-23T11:00:00+08:00", group: "sh", amount: Money(fen: 9900)),
        ], now: at("2026-10-24T12:00:00+08:00"))

        let booked = try assertBookedOnce(store, "fo", at: at("2026-10-24T13:00:00+08:00"))
        XCTAssertEqual(booked.map(\.memberID), ["new1", "new2"])
        XCTAssertEqual(booked.map(\.amount), [Money(fen: 500), Money(fen: 500)])
        let ledgerSum = try store.campaignLedger(id: "fo").reduce(Int64(0)) { $0 + $1.amount.fen }
        XCTAssertEqual(ledgerSum, 1000)
        XCTAssertEqual(try store.campaignBudget(id: "fo", now: at("2026-10-26T13:00:00+08:00")).spent, Money(fen: 1000))
        XCTAssertEqual(try outboxTexts(store, "fo", purpose: "reward").count, 2)
    }

    func testBestLuckOfADropWithATieGoesToTheEarliestClaimAndIsBookedAndAnnouncedOnce() throws {
        let store = try makeRewardStore()
        var plan = CampaignTemplate(.redPacket).defaultPlan(name: "红包", groups: ["sh"], now: Self.created, id: "rp")
        plan.rules = .redPacket(RedPacketRules(amount: Money(fen: 300), slots: 3, product: "五常大米", prize: "包邮送五常大米 5kg",
                                               prizeValue: Money(fen: 1500)))
        plan.budget = Money(fen: 3000)
        try store.createCampaign(plan, actor: "a", now: Self.created)
        try store.append(["m1", "m2", "m3"].map { event("j-\($0)", .join, $0, "2026-10-01T10:00:00+08:00", group: "sh", name: "成员\($0)") },
                         now: Self.created)
        let t = Self.created.addingTimeInterval(600)
        XCTAssertEqual(try store.triggerCampaign(id: "rp", actor: "a", now: t).queue.inserted.count, 1)

        // Two of three slots claimed: the best luck is not final yet.
        try store.append([
            event("c1", .redpacketClaim, "m1", "2026-10-23T09:10:10+08:00", group: "sh", amount: Money(fen: 60), campaign: "rp"),
            event("c2", .redpacketClaim, "m2", "2026-10-23T09:10:20+08:00", group: "sh", amount: Money(fen: 120), campaign: "rp"),
        ], now: t.addingTimeInterval(30))
        try store.runDue(now: t.addingTimeInterval(60))
        XCTAssertEqual(try rewardRows(store, "rp"), [])
        XCTAssertEqual(try outboxTexts(store, "rp", purpose: "winners"), [])

        // m3 ties m2's ¥1.20 later: m2 (the earlier claim) is 手气最佳.
        try store.append([event("c3", .redpacketClaim, "m3", "2026-10-23T09:10:30+08:00", group: "sh", amount: Money(fen: 120), campaign: "rp")],
                         now: t.addingTimeInterval(90))
        let booked = try assertBookedOnce(store, "rp", at: t.addingTimeInterval(120))
        XCTAssertEqual(booked.map(\.memberID), ["m2"])
        XCTAssertEqual(booked.first?.kind, .prize)
        XCTAssertEqual(booked.first?.amount, Money(fen: 1500))
        XCTAssertEqual(try outboxTexts(store, "rp", purpose: "winners"), ["🎉 恭喜 @成员m2 手气最佳，包邮送五常大米 5kg！"])
        XCTAssertEqual(try store.campaignOutbox(id: "rp").filter { $0.idempotencyKey.hasSuffix(":best_luck") }.count, 1)
        XCTAssertEqual(try store.campaignAudit(id: "rp").filter { $0.action == "campaign prize" }.map(\.memberID), ["m2"])

        // The ledger holds the three claims (booked at ingest) and the prize; the budget's spent is their sum.
        let ledger = try store.campaignLedger(id: "rp")
        XCTAssertEqual(ledger.reduce(Int64(0)) { $0 + $1.amount.fen }, 60 + 120 + 120 + 1500)
        XCTAssertEqual(try store.campaignBudget(id: "rp", now: t.addingTimeInterval(3 * 86_400)).spent, Money(fen: 1800))
    }

    func testBudgetStopPausesTheCampaignAndBooksNothingMore() throws {
        let store = try makeRewardStore()
        var events: [Event] = []
        for inviter in ["a", "b", "c"] {
            events.append(event("j-\(inviter)", .join, inviter, "2026-10-01T10:00:00+08:00", group: "sh", name: inviter))
            events.append(event("ji-\(inviter)", .join, "new-\(inviter)", "2026-10-23T10:00:00+08:00", group: "sh", actor: inviter, via: .added))
            events.append(event("m-\(inviter)", .message, "new-\(inviter)", "2026-10-23T11:00:00+08:00", group: "sh", text: "hi"))
        }
        try store.append(events, now: Self.created)
        var plan = CampaignTemplate(.referral).defaultPlan(name: "拉新", groups: ["sh"], now: Self.created, id: "ref")
        plan.rules = .referral(ReferralRules(requiredInvites: 1, reward: Money(fen: 5000), rewardName: "花生油"))
        plan.budget = Money(fen: 6000)  // one reward fits, the second does not
        try store.createCampaign(plan, actor: "a", now: Self.created)

        let t = at("2026-10-30T12:00:00+08:00")
        let report = try XCTUnwrap(store.runDue(now: t).first { $0.campaignID == "ref" })
        XCTAssertEqual(report.rewards.booked.map(\.memberID), ["a"])
        XCTAssertEqual(report.rewards.owed.map(\.memberID), ["b", "c"])
        XCTAssertEqual(report.rewards.budgetStop,
                       "budget: ¥50.00 would exceed ¥60.00 (spent ¥50.00, reserved ¥0.00, short ¥40.00); 2 payout(s) of ¥100.00 owed over budget")
        XCTAssertEqual(try store.campaignPlan(id: "ref")?.status, .paused)
        let last = try XCTUnwrap(store.campaignAudit(id: "ref").last)
        XCTAssertEqual(last.action, "campaign pause")
        XCTAssertTrue(last.reason?.contains("would exceed ¥60.00") ?? false, last.reason ?? "")

        // Paused: later ticks book nothing; resumed and still over budget: stopped again, nothing booked.
        try store.runDue(now: t.addingTimeInterval(3600))
        XCTAssertEqual(try rewardRows(store, "ref").map(\.memberID), ["a"])
        try store.transitionCampaign(id: "ref", command: .resume, actor: "a", now: t.addingTimeInterval(7200))
        try store.runDue(now: t.addingTimeInterval(7260))
        XCTAssertEqual(try rewardRows(store, "ref").map(\.memberID), ["a"])
        XCTAssertEqual(try store.campaignPlan(id: "ref")?.status, .paused)
        XCTAssertEqual(try store.campaignBudget(id: "ref", now: t.addingTimeInterval(7300)).spent, Money(fen: 5000))

        // A bigger budget: the owed rewards are booked on the next tick, once.
        var bigger = try XCTUnwrap(store.campaignPlan(id: "ref"))
        bigger.budget = Money(fen: 20_000)
        try store.saveCampaignPlan(bigger, now: t.addingTimeInterval(7400))
        try store.transitionCampaign(id: "ref", command: .resume, actor: "a", now: t.addingTimeInterval(7500))
        try store.runDue(now: t.addingTimeInterval(7560))
        try store.runDue(now: t.addingTimeInterval(7620))
        XCTAssertEqual(try rewardRows(store, "ref").compactMap(\.memberID).sorted(), ["a", "b", "c"])
        XCTAssertEqual(try store.campaignBudget(id: "ref", now: t.addingTimeInterval(7700)).spent, Money(fen: 15_000))
    }

    func testRewardsEarnedAfterTheEndAreStillBookedWhileTheCampaignSettles() throws {
        let store = try makeRewardStore()
        var plan = CampaignTemplate(.referral).defaultPlan(name: "拉新", groups: ["sh"], now: Self.created, id: "ref")
        plan.rules = .referral(ReferralRules(requiredInvites: 1, reward: Money(fen: 5000), rewardName: "花生油"))
        plan.schedule.endsAt = at("2026-10-25T00:00:00+08:00")
        plan.budget = Money(fen: 50_000)
        try store.createCampaign(plan, actor: "a", now: Self.created)
        try store.append([
            event("ja", .join, "a", "2026-10-01T10:00:00+08:00", group: "sh", name: "阿强"),
            event("j1", .join, "n1", "2026-10-24T10:00:00+08:00", group: "sh", actor: "a", via: .added),
            event("m1", .message, "n1", "2026-10-24T11:00:00+08:00", group: "sh", text: "hi"),
        ], now: Self.created)
        try store.runDue(now: at("2026-10-25T01:00:00+08:00"))
        XCTAssertEqual(try store.campaignPlan(id: "ref")?.status, .completed)
        XCTAssertEqual(try rewardRows(store, "ref"), [])
        // The invite qualifies on Oct 31, after the end: booked then, once.
        try store.runDue(now: at("2026-10-31T12:00:00+08:00"))
        try store.runDue(now: at("2026-10-31T12:01:00+08:00"))
        XCTAssertEqual(try rewardRows(store, "ref").map(\.memberID), ["a"])
    }
}
