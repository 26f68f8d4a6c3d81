import Foundation
import XCTest

@testable import QunCore

final class CampaignCatchUpTests: XCTestCase {
    typealias F = CampaignFixtures
    let flashSale = CampaignSchedule(.hourly(window: LocalTimeWindow("10:00-20:00")!, minute: 0))
    let preview = CampaignSchedule(.daily(at: LocalTime("20:00")!))

    func due(_ schedule: CampaignSchedule, from: String, to: String, policy: CatchUpPolicy, zone: TimeZone = CampaignFixtures.shanghai) -> CatchUpResult {
        schedule.dueSlots(campaignID: "c1", groupID: "g1", between: F.date(from), and: F.date(to), in: zone, policy: policy)
    }

    func testFlashSalePushMoreThanThirtyMinutesLateIsSkippedAndReported() {
        // Down from 09:00 to 11:40 Shanghai: the 10:00 and 11:00 pushes are both over 30 minutes late.
        let policy = CatchUpPolicy.default(for: .flashSale)
        let r = due(flashSale, from: "2026-11-11T01:00:00Z", to: "2026-11-11T03:40:00Z", policy: policy)
        XCTAssertTrue(r.due.isEmpty)
        XCTAssertEqual(r.skipped.map(\.slot.local.description), ["2026-11-11T10:00", "2026-11-11T11:00"])
        XCTAssertEqual(r.skipped.map(\.reason), [.tooLate, .tooLate])
        XCTAssertEqual(r.skipped[1].lateBy, 40 * 60)
        XCTAssertEqual(r.skipped[1].describe(policy: policy), "skipped 2026-11-11T11:00 in g1: 40 min late (limit 30 min)")
    }

    func testFlashSalePushWithinThirtyMinutesStillPosts() {
        let r = due(flashSale, from: "2026-11-11T01:00:00Z", to: "2026-11-11T03:20:00Z", policy: .default(for: .flashSale))
        XCTAssertEqual(r.due.map(\.local.description), ["2026-11-11T11:00"])
        XCTAssertEqual(r.skipped.map(\.slot.local.description), ["2026-11-11T10:00"])
    }

    func testPreviewPostsWhenLessThanTwoHoursLate() {
        let policy = CatchUpPolicy.default(for: .preview)
        XCTAssertEqual(due(preview, from: "2026-11-11T11:00:00Z", to: "2026-11-11T13:30:00Z", policy: policy).due.count, 1)  // 21:30
        let late = due(preview, from: "2026-11-11T11:00:00Z", to: "2026-11-11T14:30:00Z", policy: policy)  // 22:30
        XCTAssertTrue(late.due.isEmpty)
        XCTAssertEqual(late.skipped.first?.reason, .tooLate)
    }

    func testDaysOfDowntimePostOnlyTheLatestAcceptableSlot() {
        // Down for three days; back at 21:00: the three older previews are skipped, tonight's posts.
        let r = due(preview, from: "2026-11-08T11:00:00Z", to: "2026-11-11T13:00:00Z", policy: .default(for: .preview))
        XCTAssertEqual(r.due.map(\.local.description), ["2026-11-11T20:00"])
        XCTAssertEqual(r.skipped.count, 3)
        XCTAssertTrue(r.skipped.allSatisfy { $0.reason == .tooLate })
    }

    func testLatestOnlySupersedesOlderAcceptableSlots() {
        let policy = CatchUpPolicy(maxLateness: 6 * 3600, latestOnly: true)
        let r = due(flashSale, from: "2026-11-11T02:30:00Z", to: "2026-11-11T05:10:00Z", policy: policy)  // 10:30 → 13:10
        XCTAssertEqual(r.due.map(\.local.time.description), ["13:00"])
        XCTAssertEqual(r.skipped.map(\.reason), [.superseded, .superseded])
        let all = due(flashSale, from: "2026-11-11T02:30:00Z", to: "2026-11-11T05:10:00Z", policy: CatchUpPolicy(maxLateness: 6 * 3600, latestOnly: false))
        XCTAssertEqual(all.due.map(\.local.time.description), ["11:00", "12:00", "13:00"])
    }

    func testLotteryDrawIsNeverTooLate() {
        let draw = CampaignSchedule(.once(at: F.date("2026-12-12T12:00:00Z")))
        let r = due(draw, from: "2026-12-12T11:00:00Z", to: "2026-12-14T09:00:00Z", policy: .default(for: .lottery))
        XCTAssertEqual(r.due.count, 1)
        XCTAssertTrue(r.skipped.isEmpty)
    }

    func testLongDowntimeIsCappedByLookback() {
        let r = due(flashSale, from: "2026-09-01T00:00:00Z", to: "2026-11-11T03:10:00Z", policy: .default(for: .flashSale))
        XCTAssertTrue(r.lookbackTruncated)
        XCTAssertEqual(r.due.map(\.local.description), ["2026-11-11T11:00"])
        XCTAssertLessThanOrEqual(r.skipped.count, 11 * 8)
    }

    func testCatchUpAcrossBerlinSpringForward() {
        // A 02:30 daily post on 2026-03-29 is due at 03:00 CEST; the scheduler back at 03:10 posts it.
        let s = CampaignSchedule(.daily(at: LocalTime("02:30")!))
        let r = due(s, from: "2026-03-29T00:00:00Z", to: "2026-03-29T01:10:00Z", policy: .default(for: .preview), zone: F.berlin)
        XCTAssertEqual(r.due.map(\.idempotencyKey), ["campaign:c1:group:g1:slot:2026-03-29T02:30"])
    }

    func testTickingEveryMinuteAndTwoProcessesPostEachSlotOnce() {
        // Two schedulers tick every minute over a day, with overlapping windows (one restarts mid-day and
        // re-covers an hour). An outbox keyed by idempotency key ends with each slot exactly once.
        var outbox: [String: Int] = [:]
        let start = F.date("2026-11-10T16:00:00Z")  // 00:00 Shanghai
        let policy = CatchUpPolicy.default(for: .flashSale)
        for process in 0..<2 {
            var last = start
            for minute in stride(from: 1, through: 24 * 60, by: 1) {
                let now = start.addingTimeInterval(Double(minute * 60))
                if process == 1 && minute == 13 * 60 { last = last.addingTimeInterval(-3600) }  // restart re-covers an hour
                for slot in flashSale.dueSlots(campaignID: "c1", groupID: "g1", between: last, and: now, in: F.shanghai, policy: policy).due {
                    if outbox[slot.idempotencyKey] == nil { outbox[slot.idempotencyKey] = process }
                }
                last = now
            }
        }
        XCTAssertEqual(outbox.count, 11)
        XCTAssertEqual(Set(outbox.keys), Set(flashSale.nextRuns(campaignID: "c1", groupID: "g1", after: start, in: F.shanghai, limit: 11).map(\.idempotencyKey)))
    }

    func testPlanLevelCatchUpCoversEveryGroupInItsZone() {
        var plan = CampaignTemplate(.checkinChallenge).defaultPlan(name: "21天打卡", groups: ["sh", "berlin"], now: F.date("2026-03-01T00:00:00Z"), id: "ck")
        plan.schedule = CampaignSchedule(.daily(at: LocalTime("07:00")!))
        let r = plan.dueSlots(between: F.date("2026-03-28T22:00:00Z"), and: F.date("2026-03-29T05:30:00Z"), zones: ["sh": F.shanghai, "berlin": F.berlin])
        // Shanghai 07:00 (23:00Z) is 6.5 h late (skipped, limit 2 h); Berlin 07:00 CEST (05:00Z) is 30 min late (due).
        XCTAssertEqual(r.due.map(\.groupID), ["berlin"])
        XCTAssertEqual(r.skipped.map(\.slot.groupID), ["sh"])
    }

    func testEventDrivenPostsUseTheSamePolicy() {
        let welcome = CatchUpPolicy.default(for: .welcome)
        let due = F.date("2026-11-11T02:00:00Z")
        XCTAssertFalse(welcome.isTooLate(dueAt: due, now: due.addingTimeInterval(3600)))
        XCTAssertTrue(welcome.isTooLate(dueAt: due, now: due.addingTimeInterval(3601)))
        XCTAssertFalse(CatchUpPolicy.default(for: .lottery).isTooLate(dueAt: due, now: due.addingTimeInterval(30 * 86_400)))
    }
}
