import Foundation
import XCTest

@testable import QunCore

final class CampaignTemplateTests: XCTestCase {
    typealias F = CampaignFixtures
    /// 08:00 in Shanghai on 11.11.
    let now = CampaignFixtures.date("2026-11-11T00:00:00Z")

    func testEveryTemplateGivesAValidPlan() throws {
        XCTAssertEqual(Set(CampaignTemplate.all.map(\.type)), Set(CampaignType.allCases))
        for template in CampaignTemplate.all {
            let plan = template.defaultPlan(name: "测试 \(template.type.rawValue)", groups: ["g1", "g2"], now: now)
            XCTAssertEqual(plan.problems(), [], "\(template.type)")
            XCTAssertTrue(plan.rules.fits.contains(plan.type))
            XCTAssertEqual(plan.status, .draft)
            XCTAssertEqual(plan.groupIDs, ["g1", "g2"])
            XCTAssertGreaterThan(plan.goal.target, 0)
            XCTAssertGreaterThanOrEqual(plan.budget.fen, plan.estimatedSpend().fen, "\(template.type): budget covers the plan")
            XCTAssertFalse(plan.messages.isEmpty)
            XCTAssertFalse(template.title.isEmpty)
            XCTAssertFalse(template.summary.isEmpty)
            XCTAssertEqual(try CampaignPlan.fromJSON(try plan.jsonString()), plan, "\(template.type) round-trips")
        }
    }

    func testDefaultIDAndNames() {
        XCTAssertEqual(CampaignTemplate(.flashSale).defaultPlan(name: "x", groups: ["g"], now: now).id, "flash_sale-20261111-0800")
        XCTAssertEqual(CampaignTemplate(named: "flash-sale")?.type, .flashSale)
        XCTAssertEqual(CampaignTemplate(named: "秒杀")?.type, .flashSale)
        XCTAssertEqual(CampaignTemplate(named: "red_packet")?.type, .redPacket)
        XCTAssertEqual(CampaignTemplate(named: "抽奖")?.type, .lottery)
        XCTAssertNil(CampaignTemplate(named: "nonsense"))
    }

    func testRedPacketDefaults() {
        let plan = CampaignTemplate(.redPacket).defaultPlan(name: "红包", groups: ["g1"], now: now, id: "rp")
        guard case let .redPacket(r) = plan.rules else { return XCTFail("rules") }
        XCTAssertEqual(r.amount, Money(fen: 300))
        XCTAssertEqual(r.slots, 20)
        XCTAssertEqual(plan.schedule.recurrence, .manual)
        let slot = ScheduledSlot.manualTrigger(campaignID: "rp", groupID: "g1", at: now, in: F.shanghai)
        let posts = plan.posts(for: slot)
        XCTAssertEqual(posts.count, 1)
        XCTAssertEqual(posts[0].action, CampaignPost.sendRedPacket)
        XCTAssertEqual(posts[0].text, "🧧 五常大米 5kg，手气最佳包邮送到家！")
        XCTAssertEqual(posts[0].spend, Money(fen: 300))
        XCTAssertEqual(posts[0].idempotencyKey, "campaign:rp:group:g1:trigger:2026-11-11T08:00")
    }

    func testFlashSaleDefaultsPushOneProductAnHourInTheWindow() throws {
        let plan = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["g1"], now: now, id: "fs")
        let slots = plan.nextRuns(after: now, zones: ["g1": F.shanghai], limit: 100)
        XCTAssertEqual(slots.count, 33, "11 pushes a day for 3 days")
        XCTAssertEqual(slots.first?.local.description, "2026-11-11T10:00")
        XCTAssertEqual(slots.last?.local.description, "2026-11-13T20:00")
        let g1 = Group(id: "g1", name: "郑州·金水花园1群", createdAt: now)
        let eleven = plan.posts(for: slots[1], group: g1)
        XCTAssertEqual(eleven.map(\.action), [CampaignPost.sendRedPacket, CampaignPost.sendMessage])
        XCTAssertEqual(eleven[0].text, "🧧 赣南脐橙 10斤")
        XCTAssertEqual(eleven[1].text, "⏰ 11:00 秒杀：赣南脐橙 10斤 只要 ¥49.90！手慢无～")
        XCTAssertEqual(eleven[0].idempotencyKey, "campaign:fs:group:g1:slot:2026-11-11T11:00:red_packet")
        XCTAssertEqual(eleven[1].idempotencyKey, "campaign:fs:group:g1:slot:2026-11-11T11:00")
        XCTAssertEqual(CampaignSpend.proposed(eleven), Money(fen: 250))
        XCTAssertEqual(plan.posts(for: slots[4]).last?.text.contains("五常大米"), true, "the line-up wraps around")
        XCTAssertEqual(plan.budget, Money(fen: 250 * 33))

        XCTAssertEqual(eleven[0].groupID, "g1")
        XCTAssertEqual(eleven[0].dueAt, slots[1].dueAt)
        XCTAssertEqual(eleven[0].packetAmount, Money(fen: 250))
        XCTAssertEqual(eleven[0].packetSlots, 20)
        XCTAssertNil(eleven[0].mention)
        XCTAssertEqual(eleven[0].campaignID, "fs")
        XCTAssertEqual(eleven[0].local.description, "2026-11-11T11:00")
    }

    func testPreviewAnnouncesTomorrowsProductAtTwenty() {
        let plan = CampaignTemplate(.preview).defaultPlan(name: "明日预告", groups: ["g1"], now: now, id: "pv")
        let slots = plan.nextRuns(after: now, zones: [:], limit: 2)
        XCTAssertEqual(slots.map(\.local.description), ["2026-11-11T20:00", "2026-11-12T20:00"])
        // Day 1 of the campaign is 11-11: the preview on 11-11 announces the product of 11-12 (the second).
        XCTAssertEqual(plan.posts(for: slots[0]).first?.text, "📣 明日预告：明天 10:00，赣南脐橙 10斤 只要 ¥49.90！定好闹钟⏰")
        XCTAssertEqual(plan.posts(for: slots[1]).first?.text.contains("土鸡蛋"), true)
    }

    func testCheckinChallengeDefaults() {
        let plan = CampaignTemplate(.checkinChallenge).defaultPlan(name: "21天打卡", groups: ["g1"], now: now, id: "ck")
        guard case let .checkinChallenge(r) = plan.rules else { return XCTFail("rules") }
        XCTAssertEqual(r.requiredDays, 21)
        XCTAssertEqual(plan.schedule.startsAt, F.date("2026-11-11T16:00:00Z"), "starts tomorrow at local midnight")
        let slots = plan.nextRuns(after: now, zones: [:], limit: 100)
        XCTAssertEqual(slots.count, 21)
        XCTAssertEqual(slots.first?.local.description, "2026-11-12T07:00")
        XCTAssertEqual(plan.posts(for: slots[2]).first?.text, "☀️ 早安！21天打卡第3天，回复「签到」打卡，连续21天送小礼品一份💪")
    }

    func testReferralLotteryWelcomeFirstOrderDefaults() {
        let referral = CampaignTemplate(.referral).defaultPlan(name: "拉新", groups: ["g1"], now: now, id: "ref")
        guard case let .referral(rr) = referral.rules else { return XCTFail("rules") }
        XCTAssertEqual(rr.requiredInvites, 20)
        XCTAssertEqual(rr.qualifyingDays, 7)
        XCTAssertTrue(rr.mustHaveSpoken)
        XCTAssertEqual(referral.goal.metric, .invites)

        let lottery = CampaignTemplate(.lottery).defaultPlan(name: "双12抽奖", groups: ["g1"], now: now, id: "lot")
        XCTAssertEqual(lottery.schedule.recurrence, .once(at: F.date("2026-11-18T12:00:00Z")), "in 7 days at 20:00 local")
        XCTAssertEqual(lottery.slotWork, .lotteryDraw)
        guard case let .lottery(lr) = lottery.rules else { return XCTFail("rules") }
        XCTAssertEqual(lr.eligibility.joinedBefore, now)
        XCTAssertEqual(lottery.budget, Money(fen: 3 * 19_900))

        let welcome = CampaignTemplate(.welcome).defaultPlan(name: "欢迎", groups: ["g1"], now: now, id: "wel")
        let group = Group(id: "g1", name: "郑州·金水花园1群", nicknameFormat: "城市+社区+名字", createdAt: now)
        let join = F.event(.join, member: "u1", at: now.addingTimeInterval(600), actor: "inv", via: .inviteLink, name: "小李")
        let posts = welcome.welcomePosts(for: [join, F.event(.message, member: "u2", at: now.addingTimeInterval(700))], group: group)
        XCTAssertEqual(posts.count, 1)
        XCTAssertEqual(posts[0].text, "@小李 欢迎加入郑州·金水花园1群！🎉 请先阅读群公告，并把群昵称改为「城市+社区+名字」。群规：" + CampaignTemplate.defaultRulesText)
        XCTAssertEqual(posts[0].mention, "u1")
        XCTAssertEqual(posts[0].dueAt, join.timestamp.addingTimeInterval(120))
        XCTAssertEqual(posts[0].idempotencyKey, "campaign:wel:group:g1:welcome:u1:2026-11-11T08:10")
        XCTAssertTrue(posts[0].unknownPlaceholders.isEmpty)

        let firstOrder = CampaignTemplate(.firstOrder).defaultPlan(name: "首单", groups: ["g1"], now: now, id: "fo")
        guard case let .firstOrder(fr) = firstOrder.rules else { return XCTFail("rules") }
        XCTAssertEqual(fr.reward, Money(fen: 500))
        XCTAssertEqual(fr.newMemberDays, 30)
    }

    func testWinnerPosts() {
        let plan = CampaignTemplate(.lottery).defaultPlan(name: "双12抽奖", groups: ["g1", "g2"], now: now, id: "lot")
        let draw = LotteryDraw.draw(
            entrants: [LotteryEntrant(memberID: "a", groupID: "g1"), LotteryEntrant(memberID: "b", groupID: "g2"), LotteryEntrant(memberID: "c", groupID: "g1")],
            eligibility: .everyone, winners: 3, seed: 1)
        let posts = plan.winnerPosts(for: draw, names: ["a": "小李", "b": "王姐", "c": "老张"], at: now)
        XCTAssertEqual(posts.map(\.groupID), ["g1", "g2"])
        XCTAssertEqual(posts.map(\.idempotencyKey), ["campaign:lot:group:g1:draw:1", "campaign:lot:group:g2:draw:1"])
        XCTAssertTrue(posts[1].text.hasPrefix("🎉 双12抽奖开奖：恭喜 @王姐 获得空气炸锅"))
        XCTAssertTrue(posts[0].text.contains("@小李") && posts[0].text.contains("@老张"))
    }

    func testLiftingTheDemoCampaigns() throws {
        let demo = DemoCommunity(seed: 1, now: now, days: 3)
        for campaign in demo.campaigns() {
            let plan = CampaignPlan(campaign: campaign)
            XCTAssertEqual(plan.id, campaign.id)
            XCTAssertEqual(plan.goal.metric.rawValue, campaign.goalMetric)
            XCTAssertEqual(plan.budget, campaign.budget)
            XCTAssertEqual(plan.schedule.startsAt, campaign.startsAt)
            XCTAssertTrue(plan.rules.fits.contains(campaign.type))
            let back = plan.campaign(nextRunAt: campaign.nextRunAt)
            XCTAssertEqual(back.id, campaign.id)
            XCTAssertEqual(back.goalTarget, campaign.goalTarget)
            XCTAssertEqual(back.endsAt, campaign.endsAt)
            if let product = campaign.product { XCTAssertEqual(back.product, product) }
        }
    }

    func testApplyingAt() throws {
        let daily = CampaignSchedule(.daily(at: LocalTime("20:00")!))
        XCTAssertEqual(try daily.applying(at: "19:30", zone: F.shanghai, now: now).recurrence, .daily(at: LocalTime("19:30")!))
        let manual = CampaignSchedule(.manual)
        XCTAssertEqual(try manual.applying(at: "2026-12-12 20:00", zone: F.shanghai, now: now).recurrence, .once(at: F.date("2026-12-12T12:00:00Z")))
        XCTAssertEqual(try manual.applying(at: "07:00", zone: F.shanghai, now: now).recurrence, .once(at: F.date("2026-11-11T23:00:00Z")), "next 07:00")
        XCTAssertEqual(try manual.applying(at: "2026-12-12T20:00:00+01:00", zone: F.shanghai, now: now).recurrence, .once(at: F.date("2026-12-12T19:00:00Z")))
        XCTAssertEqual(try daily.applying(at: "2026-12-01 00:00", zone: F.shanghai, now: now).startsAt, F.date("2026-11-30T16:00:00Z"))
        XCTAssertThrowsError(try daily.applying(at: "tomorrow", zone: F.shanghai, now: now))
        XCTAssertThrowsError(try CampaignSchedule(.onJoin(delayMinutes: 2)).applying(at: "07:00", zone: F.shanghai, now: now))
    }

    func testValidationFindsProblems() {
        var plan = CampaignTemplate(.redPacket).defaultPlan(name: " ", groups: [], now: now, id: "rp")
        plan.rules = .redPacket(RedPacketRules(amount: Money(fen: 10), slots: 20, product: "x", prize: "y"))
        plan.messages[.redPacket] = "🧧 {product} {colour}"
        plan.goal.target = 0
        let fields = plan.problems().map(\.field)
        XCTAssertEqual(fields, ["name", "groups", "goal", "amount", "message red_packet"])
        var lottery = CampaignTemplate(.lottery).defaultPlan(name: "抽奖", groups: ["g"], now: now, id: "l")
        lottery.schedule.recurrence = .daily(at: LocalTime("20:00")!)
        lottery.rules = .welcome(WelcomeRules(rulesText: ""))
        XCTAssertEqual(lottery.problems().map(\.field), ["rules", "schedule"])
    }
}
