import Foundation
import XCTest

@testable import QunCore

/// The scheduler's tick as a decision: facts in, the writes to make (in order) and the report out.
final class CampaignTickTests: XCTestCase {
    static let created = CampaignFixtures.date("2026-10-23T09:00:00+08:00")
    static let group = Group(id: "g1", name: "上海群", timeZoneID: "Asia/Shanghai", createdAt: created.addingTimeInterval(-86_400))

    func snapshot(_ plan: CampaignPlan, cursor: Date?) -> CampaignSnapshot {
        CampaignSnapshot(plan: plan, cursor: cursor, groups: ["g1": Self.group])
    }

    func flashSale(budget: Money = Money(fen: 100_000)) -> CampaignPlan {
        var plan = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["g1"], now: Self.created, id: "fs")
        plan.status = .scheduled
        plan.budget = budget
        return plan
    }

    func firstSlot(_ plan: CampaignPlan) throws -> ScheduledSlot {
        try XCTUnwrap(plan.nextRuns(after: Self.created, zones: ["g1": Self.group.timeZone], limit: 1).first)
    }

    func enqueued(_ effects: [CampaignEffect]) -> [CampaignPost] {
        effects.compactMap { if case let .enqueue(post, _) = $0 { return post } else { return nil } }
    }

    func audits(_ effects: [CampaignEffect]) -> [AuditDraft] {
        effects.compactMap { if case let .audit(draft) = $0 { return draft } else { return nil } }
    }

    func testADueSlotStartsTheCampaignQueuesItsPacketAndPushAndMovesTheCursor() throws {
        let plan = flashSale()
        let slot = try firstSlot(plan)
        let tick = try XCTUnwrap(CampaignTick.plan(snapshot(plan, cursor: slot.dueAt.addingTimeInterval(-60)), now: slot.dueAt, actor: "scheduler", seed: 1))

        XCTAssertEqual(tick.report.transitions, [CampaignTransition(from: .scheduled, to: .running)])
        XCTAssertEqual(tick.report.queue.inserted, [slot.idempotencyKey + ":red_packet", slot.idempotencyKey])
        XCTAssertEqual(enqueued(tick.decision.effects).map(\.action), [CampaignPost.sendRedPacket, CampaignPost.sendMessage])
        XCTAssertEqual(audits(tick.decision.effects).map(\.action), ["campaign start"])
        XCTAssertEqual(tick.decision.effects.last, .savePlan(tick.decision.plan, nextRunAt: tick.decision.plan.nextRunAt(after: slot.dueAt, zones: ["g1": Self.group.timeZone])))
        XCTAssertTrue(tick.decision.effects.contains(.setCursor(campaignID: "fs", slot.dueAt)))
        XCTAssertEqual(tick.decision.plan.status, .running)
        // The queued packet reserves its amount until it is claimed.
        XCTAssertEqual(tick.decision.budget.reserved, Money(fen: 250))
    }

    func testASlotAlreadyQueuedIsNotQueuedAgain() throws {
        var plan = flashSale()
        plan.status = .running
        let slot = try firstSlot(plan)
        var facts = snapshot(plan, cursor: slot.dueAt.addingTimeInterval(-60))
        facts.queuedKeys = [slot.idempotencyKey, slot.idempotencyKey + ":red_packet"]
        let tick = try XCTUnwrap(CampaignTick.plan(facts, now: slot.dueAt, actor: "scheduler", seed: 1))
        XCTAssertEqual(tick.report.queue.alreadyQueued.sorted(), facts.queuedKeys.sorted())
        XCTAssertTrue(enqueued(tick.decision.effects).isEmpty)
        XCTAssertFalse(tick.report.didSomething)
    }

    func testASlotOverBudgetPausesTheCampaignQueuesNothingAndBooksNothing() throws {
        var plan = flashSale(budget: Money(fen: 200))
        plan.status = .running
        let slot = try firstSlot(plan)
        let tick = try XCTUnwrap(CampaignTick.plan(snapshot(plan, cursor: slot.dueAt.addingTimeInterval(-60)), now: slot.dueAt, actor: "scheduler", seed: 1))
        XCTAssertEqual(tick.report.queue.budgetStop, "budget: ¥2.50 would exceed ¥2.00 (spent ¥0.00, reserved ¥0.00, short ¥0.50)")
        XCTAssertTrue(enqueued(tick.decision.effects).isEmpty)
        XCTAssertEqual(tick.decision.plan.status, .paused)
        let pause = try XCTUnwrap(audits(tick.decision.effects).first)
        XCTAssertEqual(pause.action, "campaign pause")
        XCTAssertEqual(pause.before, "running")
        XCTAssertTrue(tick.decision.effects.contains(.followTransition(campaignID: "fs", CampaignTransition(from: .running, to: .paused), at: slot.dueAt)))
    }

    func testSlotsTooLateAreSkippedAndAudited() throws {
        var plan = flashSale()
        plan.status = .running
        let slot = try firstSlot(plan)
        let now = slot.dueAt.addingTimeInterval(40 * 60)  // past the 30 min limit, before the next hour
        let tick = try XCTUnwrap(CampaignTick.plan(snapshot(plan, cursor: slot.dueAt.addingTimeInterval(-60)), now: now, actor: "scheduler", seed: 1))
        XCTAssertEqual(tick.report.skipped, ["skipped \(slot.local) in g1: 40 min late (limit 30 min)"])
        XCTAssertEqual(audits(tick.decision.effects).map(\.evidence), [slot.idempotencyKey])
        XCTAssertTrue(enqueued(tick.decision.effects).isEmpty)
    }

    func testNothingHappensForACampaignThatIsNotLiveOrWhoseCursorIsNow() throws {
        var plan = flashSale()
        plan.status = .paused
        XCTAssertNil(try CampaignTick.plan(snapshot(plan, cursor: nil), now: Self.created, actor: "s", seed: 1))
        plan.status = .running
        let same = try XCTUnwrap(CampaignTick.plan(snapshot(plan, cursor: Self.created), now: Self.created, actor: "s", seed: 1))
        XCTAssertTrue(same.decision.effects.isEmpty)
    }

    func testALotterySlotDrawsWithTheSeedBooksThePrizesAndAnnouncesTheWinners() throws {
        var plan = CampaignTemplate(.lottery).defaultPlan(name: "抽奖", groups: ["g1"], now: Self.created, id: "lot")
        plan.status = .running
        guard case let .lottery(rules) = plan.rules, case let .once(drawAt) = plan.schedule.recurrence else { return XCTFail("not a lottery") }
        var facts = snapshot(plan, cursor: drawAt.addingTimeInterval(-60))
        facts.members = (1...6).map { n in
            CampaignMemberFacts(
                groupID: "g1", memberID: "m\(n)", role: .member, status: .active, statusAt: Self.created.addingTimeInterval(-86_400),
                joinedAt: Self.created.addingTimeInterval(-86_400), messageCount: 5, checkinCount: 0, name: "成员\(n)")
        }
        let tick = try XCTUnwrap(CampaignTick.plan(facts, now: drawAt, actor: "scheduler", seed: 42))
        let expected = LotteryDraw.draw(entrants: facts.members.map(\.entrant), eligibility: rules.eligibility, winners: 3, seed: 42)
        XCTAssertEqual(tick.report.draw, expected)
        XCTAssertTrue(tick.decision.effects.contains(.recordDraw(campaignID: "lot", expected, actor: "scheduler", at: drawAt)))
        let booked = tick.decision.effects.compactMap { if case let .book(d, _) = $0 { return d.memberID } else { return nil } }
        XCTAssertEqual(booked, expected.winners.map(\.memberID))
        let announcement = try XCTUnwrap(enqueued(tick.decision.effects).first)
        XCTAssertEqual(announcement.purpose, .winners)
        XCTAssertTrue(announcement.text.contains("@成员"), announcement.text)
        XCTAssertEqual(tick.decision.budget.spent, Money(fen: 19_900 * 3))
        XCTAssertEqual(tick.report.transitions.last, CampaignTransition(from: .running, to: .completed))
    }

    func testTriggeringAWelcomeOrAnAlreadyDrawnLotteryIsRefused() throws {
        var welcome = CampaignTemplate(.welcome).defaultPlan(name: "欢迎", groups: ["g1"], now: Self.created, id: "w")
        welcome.status = .running
        XCTAssertThrowsError(try CampaignTrigger.plan(snapshot(welcome, cursor: nil), now: Self.created, actor: "a", seed: 1)) {
            XCTAssertTrue("\($0)".contains("posts on each join"), "\($0)")
        }
        let lottery = CampaignTemplate(.lottery).defaultPlan(name: "抽奖", groups: ["g1"], now: Self.created, id: "lot")
        var drawn = snapshot(lottery, cursor: nil)
        drawn.draws = [LotteryDraw.draw(entrants: [], eligibility: LotteryEligibility(), winners: 1, seed: 1)]
        XCTAssertThrowsError(try CampaignTrigger.plan(drawn, now: Self.created, actor: "a", seed: 1)) {
            XCTAssertTrue("\($0)".contains("already been drawn"), "\($0)")
        }
    }

    func testCreationMakesTheIDUniqueRefusesUnknownGroupsAndSchedulesUnlessADraft() throws {
        let plan = CampaignTemplate(.preview).defaultPlan(name: "预告", groups: ["g1"], now: Self.created, id: "pv")
        let decision = try CampaignCreation.plan(
            plan, draft: false, takenIDs: ["pv", "pv-2"], groups: ["g1": Self.group], actor: "alice", now: Self.created)
        XCTAssertEqual(decision.plan.id, "pv-3")
        XCTAssertEqual(decision.plan.status, .scheduled)
        XCTAssertEqual(audits(decision.effects).map(\.action), ["campaign create", "campaign schedule"])
        XCTAssertTrue(decision.effects.contains(.setCursor(campaignID: "pv-3", Self.created)))

        let draft = try CampaignCreation.plan(plan, draft: true, takenIDs: [], groups: ["g1": Self.group], actor: "a", now: Self.created)
        XCTAssertEqual(draft.plan.status, .draft)
        XCTAssertThrowsError(try CampaignCreation.plan(plan, draft: false, takenIDs: [], groups: [:], actor: "a", now: Self.created)) {
            XCTAssertEqual($0 as? CampaignDecisionError, .unknownGroup("g1"))
        }
    }
}
