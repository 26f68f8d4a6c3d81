import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Campaigns in the store: plans saved whole, audited lifecycle, the scheduler tick (time zones, DST,
/// idempotency under two processes), the budget stop, and reproducible lottery draws.
class CampaignStoreTests: StoreContractTestCase {
    static let created = at("2026-10-23T09:00:00+08:00")

    /// A store with a Shanghai group "sh" and a Berlin group "be".
    func makeCampaignStore() throws -> any QundeckStore {
        let store = try makeStore()
        try store.saveGroup(Group(id: "sh", name: "上海群", timeZoneID: "Asia/Shanghai", createdAt: Self.created.addingTimeInterval(-86_400 * 30)))
        try store.saveGroup(Group(id: "be", name: "Berlin 华人群", timeZoneID: "Europe/Berlin", createdAt: Self.created.addingTimeInterval(-86_400 * 30)))
        return store
    }

    func audit(_ store: any QundeckStore, _ id: String) throws -> [String] { try store.campaignAudit(id: id).map(\.action) }

    func testPlanRoundTripsAndKeepsTheSummaryRowInSync() throws {
        let store = try makeCampaignStore()
        let plan = CampaignTemplate(.flashSale).defaultPlan(name: "双11秒杀", groups: ["sh", "be"], now: Self.created, id: "flash")
        let saved = try store.createCampaign(plan, actor: "alice", now: Self.created)
        XCTAssertEqual(saved.status, .scheduled)
        let loaded = try XCTUnwrap(store.campaignPlan(id: "flash"))
        XCTAssertEqual(loaded, saved)
        XCTAssertEqual(loaded.schedule, plan.schedule)
        XCTAssertEqual(loaded.messages, plan.messages)

        let row = try XCTUnwrap(store.campaigns().first { $0.id == "flash" })
        XCTAssertEqual(row.campaign.status, .scheduled)
        XCTAssertEqual(row.campaign.type, .flashSale)
        XCTAssertEqual(row.campaign.budget, plan.budget)
        XCTAssertEqual(row.campaign.product, "五常大米 5kg")
        // The next run is the first 10:00 after creation: the group in Shanghai.
        XCTAssertEqual(row.campaign.nextRunAt, at("2026-10-23T10:00:00+08:00"))
        XCTAssertEqual(try audit(store, "flash"), ["campaign create", "campaign schedule"])

        // A second plan with the same id gets a unique one.
        let again = try store.createCampaign(plan, draft: true, actor: "alice", now: Self.created)
        XCTAssertEqual(again.id, "flash-2")
        XCTAssertEqual(again.status, .draft)
    }

    func testUnknownGroupsAndBadPlansAreRefused() throws {
        let store = try makeCampaignStore()
        let plan = CampaignTemplate(.preview).defaultPlan(name: "预告", groups: ["nope"], now: Self.created)
        XCTAssertThrowsError(try store.createCampaign(plan, actor: "a", now: Self.created)) { XCTAssertTrue("\($0)".contains("nope")) }
        var empty = plan
        empty.groupIDs = []
        XCTAssertThrowsError(try store.createCampaign(empty, actor: "a", now: Self.created)) { XCTAssertTrue("\($0)".contains("groups")) }
        XCTAssertTrue(try store.campaigns().isEmpty)
    }

    func testTransitionsAreAuditedAndInvalidOnesRefused() throws {
        let store = try makeCampaignStore()
        let plan = CampaignTemplate(.preview).defaultPlan(name: "预告", groups: ["sh"], now: Self.created, id: "pv")
        try store.createCampaign(plan, actor: "alice", now: Self.created)
        let later = Self.created.addingTimeInterval(3600)

        let pause = try store.transitionCampaign(id: "pv", command: .pause, actor: "bob", reason: "holiday", now: later)
        XCTAssertEqual(pause.to, .paused)
        XCTAssertThrowsError(try store.transitionCampaign(id: "pv", command: .pause, actor: "bob", now: later)) {
            XCTAssertTrue("\($0)".contains("already paused"), "\($0)")
        }
        let resume = try store.transitionCampaign(id: "pv", command: .resume, actor: "bob", now: later)
        XCTAssertEqual(resume.to, .running)
        XCTAssertEqual(try store.campaignLastRun(id: "pv"), later, "resuming restarts the cursor")
        try store.transitionCampaign(id: "pv", command: .cancel, actor: "bob", reason: "no stock", now: later)
        XCTAssertThrowsError(try store.transitionCampaign(id: "pv", command: .resume, actor: "bob", now: later)) {
            XCTAssertTrue("\($0)".contains("cancelled"), "\($0)")
        }
        XCTAssertThrowsError(try store.triggerCampaign(id: "pv", actor: "bob", now: later))
        XCTAssertThrowsError(try store.transitionCampaign(id: "missing", command: .pause, actor: "bob", now: later)) {
            XCTAssertTrue("\($0)".contains("missing"))
        }

        let entries = try store.campaignAudit(id: "pv")
        XCTAssertEqual(entries.map(\.action), ["campaign create", "campaign schedule", "campaign pause", "campaign resume", "campaign cancel"])
        XCTAssertEqual(entries[2].actor, "bob")
        XCTAssertEqual(entries[2].reason, "campaign pv 「预告」: scheduled → paused (holiday)")
        XCTAssertEqual(entries[2].before, "scheduled")
        XCTAssertEqual(try store.campaignPlan(id: "pv")?.status, .cancelled)
        XCTAssertNil(try store.campaigns().first?.campaign.nextRunAt, "a cancelled campaign has no next run")
    }

    /// Ticks every 15 minutes from `from` through `through`.
    func tick(_ store: any QundeckStore, from: Date, through: Date, step: TimeInterval = 900) throws {
        var now = from
        while now <= through {
            try store.runDue(now: now)
            now.addTimeInterval(step)
        }
    }

    func localReading(_ date: Date, _ zone: String) -> String {
        LocalDateTime(date, in: TimeZone(identifier: zone)!).description
    }

    func testFlashSaleSlotsLandAtLocalTimesInShanghaiAndBerlinAcrossTheDSTChange() throws {
        let store = try makeCampaignStore()
        var plan = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["sh", "be"], now: Self.created, id: "fs")
        plan.schedule.startsAt = at("2026-10-24T00:00:00+08:00")
        plan.schedule.endsAt = at("2026-10-26T12:00:00+08:00")
        plan.budget = Money(fen: 1_000_000)
        try store.createCampaign(plan, actor: "a", now: Self.created)
        // A night window through Berlin's repeated hour (02:00–03:00 happens twice on 2026-10-25).
        var night = CampaignTemplate(.flashSale).defaultPlan(name: "夜场", groups: ["be"], now: Self.created, id: "night")
        night.schedule = CampaignSchedule(
            .hourly(window: LocalTimeWindow(start: LocalTime(hour: 0, minute: 0)!, end: LocalTime(hour: 4, minute: 0)!)!, minute: 0),
            startsAt: at("2026-10-25T00:00:00+02:00"), endsAt: at("2026-10-25T12:00:00+01:00"))
        night.budget = Money(fen: 1_000_000)
        try store.createCampaign(night, actor: "a", now: Self.created)

        try tick(store, from: at("2026-10-23T23:00:00Z"), through: at("2026-10-26T00:00:00Z"))

        let pushes = try store.campaignOutbox(id: "fs").filter { $0.action == CampaignPost.sendMessage }
        let sh = pushes.filter { $0.groupID == "sh" }.map { localReading($0.dueAt, "Asia/Shanghai") }
        let be = pushes.filter { $0.groupID == "be" }.map { localReading($0.dueAt, "Europe/Berlin") }
        let hours = (10...20).map { String(format: "%02d:00", $0) }
        // Shanghai: every hour 10:00–20:00 on the 24th and the 25th.
        XCTAssertEqual(Array(sh.prefix(22)), ["2026-10-24", "2026-10-25"].flatMap { d in hours.map { "\(d)T\($0)" } })
        // Berlin: the same wall-clock hours although the offset changed from +02:00 to +01:00 overnight.
        XCTAssertEqual(be.filter { $0.hasPrefix("2026-10-24") || $0.hasPrefix("2026-10-25") },
                       ["2026-10-24", "2026-10-25"].flatMap { d in hours.map { "\(d)T\($0)" } })
        let berlin10 = pushes.filter { $0.groupID == "be" && $0.idempotencyKey.hasSuffix("T10:00") }.map(\.dueAt)
        XCTAssertTrue(berlin10.contains(at("2026-10-24T08:00:00Z")))
        XCTAssertTrue(berlin10.contains(at("2026-10-25T09:00:00Z")))
        // Every item's key names the local reading it was posted at, and each push follows its red packet.
        for item in pushes {
            let zone = item.groupID == "sh" ? "Asia/Shanghai" : "Europe/Berlin"
            XCTAssertEqual(item.idempotencyKey, "campaign:fs:group:\(item.groupID):slot:\(localReading(item.dueAt, zone))")
        }
        let packets = try store.campaignOutbox(id: "fs").filter { $0.action == CampaignPost.sendRedPacket }
        XCTAssertEqual(packets.count, pushes.count)
        // The repeated hour posts once, at its first occurrence (02:00 CEST = 00:00Z).
        let nightItems = try store.campaignOutbox(id: "night").filter { $0.action == CampaignPost.sendMessage }
        XCTAssertEqual(nightItems.map { $0.idempotencyKey.components(separatedBy: ":slot:").last! },
                       ["2026-10-25T00:00", "2026-10-25T01:00", "2026-10-25T02:00", "2026-10-25T03:00", "2026-10-25T04:00"])
        XCTAssertEqual(nightItems[2].dueAt, at("2026-10-25T00:00:00Z"))
        XCTAssertEqual(try store.campaignPlan(id: "night")?.status, .completed, "the night sale completes once its end has passed")
        XCTAssertEqual(try store.campaignPlan(id: "fs")?.status, .running)
    }

    func testTheSameTickTwiceAndTwoStoreInstancesAddNothing() throws {
        let store = try makeCampaignStore()
        var plan = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["sh", "be"], now: Self.created, id: "fs")
        plan.budget = Money(fen: 1_000_000)
        try store.createCampaign(plan, actor: "a", now: Self.created)
        let tick = at("2026-10-23T10:00:00+08:00")
        let first = try store.runDue(now: tick)
        XCTAssertEqual(first.first?.queue.inserted.count, 2)
        XCTAssertEqual(try store.runDue(now: tick), [], "the same tick again does nothing")
        XCTAssertEqual(try store.campaignOutbox(id: "fs").count, 2)

        // Two processes (two handles on the same store) ticking the same instants at the same time.
        let other = try openAnother(store)
        let errors = Locked<[String]>([])
        let instants = (1...12).map { tick.addingTimeInterval(Double($0) * 900) }
        let ok = runConcurrently([store, other].map { s in
            { @Sendable in
                for now in instants {
                    do { try s.runDue(now: now) } catch { errors.mutate { $0.append("\(error)") } }
                }
            }
        })
        XCTAssertTrue(ok)
        XCTAssertEqual(errors.get(), [])
        // 11:00, 12:00, 13:00 in Shanghai; none yet in Berlin (10:00 there is 17:00 in Shanghai): 3 slots × 2 items.
        let items = try store.campaignOutbox(id: "fs")
        XCTAssertEqual(items.count, 2 + 6)
        XCTAssertEqual(Set(items.map(\.idempotencyKey)).count, items.count)

        // A restart that re-covers the same window posts nothing twice. The cursor is rewound the only way the
        // roles allow: a pause and a resume dated before the first tick (resuming restarts the cursor there).
        try store.transitionCampaign(id: "fs", command: .pause, actor: "a", now: tick.addingTimeInterval(-60))
        try store.transitionCampaign(id: "fs", command: .resume, actor: "a", now: tick.addingTimeInterval(-60))
        XCTAssertEqual(try store.campaignLastRun(id: "fs"), tick.addingTimeInterval(-60))
        let again = try other.runDue(now: instants.last!)
        XCTAssertTrue(again.allSatisfy { $0.queue.inserted.isEmpty })
        XCTAssertEqual(try store.campaignOutbox(id: "fs").count, 8)
    }

    func testBudgetStopPausesTheCampaignQueuesNothingAndSaysWhy() throws {
        let store = try makeCampaignStore()
        var plan = CampaignTemplate(.redPacket).defaultPlan(name: "红包", groups: ["sh"], now: Self.created, id: "rp")
        plan.budget = Money(fen: 600)  // two ¥3 drops
        try store.createCampaign(plan, actor: "a", now: Self.created)
        let t = Self.created.addingTimeInterval(600)
        XCTAssertEqual(try store.triggerCampaign(id: "rp", actor: "a", now: t).queue.inserted.count, 1)
        XCTAssertEqual(try store.campaignPlan(id: "rp")?.status, .running)
        // A double press within the same minute posts once.
        XCTAssertEqual(try store.triggerCampaign(id: "rp", actor: "a", now: t.addingTimeInterval(5)).queue.alreadyQueued.count, 1)
        XCTAssertEqual(try store.triggerCampaign(id: "rp", actor: "a", now: t.addingTimeInterval(120)).queue.inserted.count, 1)
        XCTAssertEqual(try store.campaignBudget(id: "rp", now: t.addingTimeInterval(130)).reserved, Money(fen: 600))

        let stopped = try store.triggerCampaign(id: "rp", actor: "a", now: t.addingTimeInterval(240))
        XCTAssertEqual(stopped.queue.inserted, [])
        XCTAssertEqual(stopped.queue.budgetStop, "budget: ¥3.00 would exceed ¥6.00 (spent ¥0.00, reserved ¥6.00, short ¥3.00)")
        XCTAssertEqual(try store.campaignOutbox(id: "rp").count, 2)
        XCTAssertEqual(try store.campaignPlan(id: "rp")?.status, .paused)
        let last = try XCTUnwrap(store.campaignAudit(id: "rp").last)
        XCTAssertEqual(last.action, "campaign pause")
        XCTAssertTrue(last.reason?.contains("would exceed ¥6.00") ?? false)
        XCTAssertThrowsError(try store.triggerCampaign(id: "rp", actor: "a", now: t.addingTimeInterval(300))) {
            XCTAssertTrue("\($0)".contains("resume it before triggering"), "\($0)")
        }
        // A day later the packets have expired: the reservation ends and a resumed campaign can drop again.
        let nextDay = t.addingTimeInterval(86_400 + 600)
        try store.transitionCampaign(id: "rp", command: .resume, actor: "a", now: nextDay)
        XCTAssertEqual(try store.triggerCampaign(id: "rp", actor: "a", now: nextDay).queue.inserted.count, 1)
    }

    func testScheduledLotteryDrawIsReproducibleFromItsSeedAndARedrawRepeatsNoWinner() throws {
        let store = try makeCampaignStore()
        // 12 members joined before the launch and spoke 3 times; m12 left; "boss" is an admin.
        var events: [Event] = []
        for i in 1...12 {
            let m = "m\(i)"
            events.append(event("j\(i)", .join, m, "2026-10-01T10:00:00+08:00", group: "sh", name: "成员\(i)"))
            for k in 1...3 { events.append(event("msg\(i)-\(k)", .message, m, "2026-10-02T1\(k):00:00+08:00", group: "sh", text: "你好")) }
        }
        events.append(event("l12", .leave, "m12", "2026-10-20T10:00:00+08:00", group: "sh"))
        events.append(event("jb", .join, "boss", "2026-10-01T10:00:00+08:00", group: "sh", role: .admin))
        for k in 1...3 { events.append(event("mb-\(k)", .message, "boss", "2026-10-02T1\(k):30:00+08:00", group: "sh", text: "hi", role: .admin)) }
        try store.append(events, now: Self.created)

        var plan = CampaignTemplate(.lottery).defaultPlan(name: "抽奖", groups: ["sh"], now: Self.created, id: "lot")
        plan.budget = Money(fen: 19_900 * 5)
        try store.createCampaign(plan, actor: "a", now: Self.created)
        guard case let .once(drawAt) = plan.schedule.recurrence, case let .lottery(rules) = plan.rules else { return XCTFail("not a lottery") }

        XCTAssertEqual(try store.runDue(now: drawAt.addingTimeInterval(-60)).compactMap(\.draw), [])
        let report = try XCTUnwrap(store.runDue(now: drawAt.addingTimeInterval(60)).first)
        let draw = try XCTUnwrap(report.draw)
        XCTAssertEqual(draw.winners.count, 3)
        XCTAssertEqual(try store.runDue(now: drawAt.addingTimeInterval(120)).compactMap(\.draw), [], "a slot is drawn once")
        XCTAssertEqual(try store.campaignPlan(id: "lot")?.status, .completed)

        // Reproduce from the record: the stored seed and the members' facts give the same winners.
        let stored = try XCTUnwrap(store.lotteryDraws(campaignID: "lot").first)
        XCTAssertEqual(stored, draw)
        let replay = LotteryDraw.draw(
            entrants: try store.lotteryEntrants(groupIDs: ["sh"]), eligibility: rules.eligibility, winners: 3, seed: stored.seed)
        XCTAssertEqual(replay.winners, stored.winners)
        XCTAssertEqual(stored.pool.count, 11, "m12 left and boss is staff")
        XCTAssertFalse(stored.pool.contains("m12"))
        XCTAssertFalse(stored.pool.contains("boss"))

        // Prizes booked once each; the winners' post queued.
        XCTAssertEqual(try store.campaignLedger(id: "lot").map(\.memberID), draw.winners.map(\.memberID))
        XCTAssertEqual(try store.campaignOutbox(id: "lot").map(\.idempotencyKey), ["campaign:lot:group:sh:draw:1"])

        // A re-draw of 2 more: never a round-1 winner, reproducible from its own seed, which keeps all 64 bits
        // (the top one set: it does not fit a signed 64-bit column as a number).
        let redrawSeed = UInt64.max - 12_345
        let (redraw, _) = try store.drawLottery(campaignID: "lot", seed: redrawSeed, winners: 2, actor: "a", now: drawAt.addingTimeInterval(3600))
        let second = try XCTUnwrap(redraw)
        XCTAssertEqual(second.round, 2)
        XCTAssertEqual(second.seed, redrawSeed)
        XCTAssertEqual(second.winners.count, 2)
        XCTAssertTrue(Set(second.winners.map(\.memberID)).isDisjoint(with: draw.winners.map(\.memberID)))
        XCTAssertEqual(second, try store.lotteryDraws(campaignID: "lot").last)
        let replay2 = stored.redraw(entrants: try store.lotteryEntrants(groupIDs: ["sh"]), eligibility: rules.eligibility, winners: 2, seed: redrawSeed)
        XCTAssertEqual(replay2.winners, second.winners)
        XCTAssertEqual(try store.campaignLedger(id: "lot").count, 5)

        // The budget (5 prizes) is spent: another re-draw stops and says so.
        let (none, stop) = try store.drawLottery(campaignID: "lot", seed: 1, winners: 1, actor: "a", now: drawAt.addingTimeInterval(7200))
        XCTAssertNil(none)
        XCTAssertNotNil(stop.budgetStop)
        XCTAssertEqual(try store.lotteryDraws(campaignID: "lot").count, 2)
        XCTAssertEqual(try audit(store, "lot").filter { $0.hasPrefix("campaign") && $0.contains("draw") }, ["campaign draw", "campaign redraw"])
    }
}
