import Foundation
import XCTest

@testable import QunCore

final class CampaignScheduleTests: XCTestCase {
    typealias F = CampaignFixtures

    func runs(_ recurrence: Recurrence, after: String, zone: TimeZone, limit: Int, startsAt: Date? = nil, endsAt: Date? = nil) -> [ScheduledSlot] {
        CampaignSchedule(recurrence, startsAt: startsAt, endsAt: endsAt)
            .nextRuns(campaignID: "c1", groupID: "g1", after: F.date(after), in: zone, limit: limit)
    }

    // MARK: Europe/Berlin, 2026-03-29 (spring forward) and 2026-10-25 (fall back)

    func testDailySevenOClockStaysLocalAcrossBerlinSpringForward() {
        let slots = runs(.daily(at: F.time("07:00")), after: "2026-03-27T00:00:00Z", zone: F.berlin, limit: 4)
        XCTAssertEqual(slots.map(\.dueAt), [
            F.date("2026-03-27T06:00:00Z"),  // 07:00 CET
            F.date("2026-03-28T06:00:00Z"),
            F.date("2026-03-29T05:00:00Z"),  // 07:00 CEST
            F.date("2026-03-30T05:00:00Z"),
        ])
        XCTAssertTrue(slots.allSatisfy { localHour(of: $0.dueAt, in: F.berlin) == 7 })
        XCTAssertTrue(slots.allSatisfy { $0.adjustment == .exact })
        XCTAssertEqual(slots[2].idempotencyKey, "campaign:c1:group:g1:slot:2026-03-29T07:00")
    }

    func testDailySevenOClockStaysLocalAcrossBerlinFallBack() {
        let slots = runs(.daily(at: F.time("07:00")), after: "2026-10-24T00:00:00Z", zone: F.berlin, limit: 3)
        XCTAssertEqual(slots.map(\.dueAt), [
            F.date("2026-10-24T05:00:00Z"),  // 07:00 CEST
            F.date("2026-10-25T06:00:00Z"),  // 07:00 CET
            F.date("2026-10-26T06:00:00Z"),
        ])
        XCTAssertEqual(slots.map(\.local.description), ["2026-10-24T07:00", "2026-10-25T07:00", "2026-10-26T07:00"])
    }

    func testNonexistentLocalTimeRunsAtTheNextValidMinute() {
        // 02:30 does not exist in Berlin on 2026-03-29 (02:00 CET → 03:00 CEST): it runs at 03:00 CEST.
        let slots = runs(.daily(at: F.time("02:30")), after: "2026-03-27T12:00:00Z", zone: F.berlin, limit: 3)
        XCTAssertEqual(slots.map(\.dueAt), [
            F.date("2026-03-28T01:30:00Z"),  // 02:30 CET
            F.date("2026-03-29T01:00:00Z"),  // 03:00 CEST, the first minute after the gap
            F.date("2026-03-30T00:30:00Z"),  // 02:30 CEST
        ])
        XCTAssertEqual(slots[1].adjustment, .movedPastGap)
        XCTAssertEqual(slots[1].local.description, "2026-03-29T02:30", "the key keeps the reading the schedule asked for")
        XCTAssertEqual(slots[1].idempotencyKey, "campaign:c1:group:g1:slot:2026-03-29T02:30")
        XCTAssertEqual(LocalDateTime(slots[1].dueAt, in: F.berlin).description, "2026-03-29T03:00")
    }

    func testRepeatedLocalTimeRunsOnceAtItsFirstOccurrence() {
        // 02:30 happens twice in Berlin on 2026-10-25 (03:00 CEST → 02:00 CET).
        let slots = runs(.daily(at: F.time("02:30")), after: "2026-10-24T12:00:00Z", zone: F.berlin, limit: 2)
        XCTAssertEqual(slots.map(\.dueAt), [F.date("2026-10-25T00:30:00Z"), F.date("2026-10-26T01:30:00Z")])
        XCTAssertEqual(slots[0].adjustment, .firstOfRepeated)
        XCTAssertEqual(Set(slots.map(\.idempotencyKey)).count, 2)
    }

    func testHourlyWindowThroughTheSpringForwardGapPostsOncePerInstant() {
        // 01:00–04:00 at :00 on 2026-03-29: 02:00 does not exist and would move onto 03:00, which exists: one post.
        let slots = runs(.hourly(window: F.window("01:00-04:00"), minute: 0), after: "2026-03-28T22:30:00Z", zone: F.berlin, limit: 10,
                         endsAt: F.date("2026-03-29T12:00:00Z"))
        XCTAssertEqual(slots.map(\.dueAt), [F.date("2026-03-29T00:00:00Z"), F.date("2026-03-29T01:00:00Z"), F.date("2026-03-29T02:00:00Z")])
        XCTAssertEqual(slots.map(\.local.time.description), ["01:00", "03:00", "04:00"])
        XCTAssertTrue(slots.allSatisfy { $0.adjustment == .exact })
    }

    func testHourlyWindowThroughTheFallBackOverlapRunsEachHourOnce() {
        let slots = runs(.hourly(window: F.window("01:00-04:00"), minute: 0), after: "2026-10-24T22:00:00Z", zone: F.berlin, limit: 10,
                         endsAt: F.date("2026-10-25T12:00:00Z"))
        XCTAssertEqual(slots.map(\.dueAt), [
            F.date("2026-10-24T23:00:00Z"),  // 01:00 CEST
            F.date("2026-10-25T00:00:00Z"),  // 02:00 CEST (first of two)
            F.date("2026-10-25T02:00:00Z"),  // 03:00 CET
            F.date("2026-10-25T03:00:00Z"),  // 04:00 CET
        ])
        XCTAssertEqual(slots.map(\.local.time.description), ["01:00", "02:00", "03:00", "04:00"])
    }

    // MARK: America/New_York, 2026-03-08 and 2026-11-01

    func testNewYorkDailyAcrossBothChanges() {
        let spring = runs(.daily(at: F.time("07:00")), after: "2026-03-07T00:00:00Z", zone: F.newYork, limit: 2)
        XCTAssertEqual(spring.map(\.dueAt), [F.date("2026-03-07T12:00:00Z"), F.date("2026-03-08T11:00:00Z")])
        let fall = runs(.daily(at: F.time("07:00")), after: "2026-10-31T00:00:00Z", zone: F.newYork, limit: 2)
        XCTAssertEqual(fall.map(\.dueAt), [F.date("2026-10-31T11:00:00Z"), F.date("2026-11-01T12:00:00Z")])
    }

    func testNewYorkGapAndOverlap() {
        let gap = runs(.daily(at: F.time("02:30")), after: "2026-03-08T00:00:00Z", zone: F.newYork, limit: 1)
        XCTAssertEqual(gap.first?.dueAt, F.date("2026-03-08T07:00:00Z"))  // 03:00 EDT
        XCTAssertEqual(gap.first?.adjustment, .movedPastGap)
        let overlap = runs(.daily(at: F.time("01:30")), after: "2026-11-01T00:00:00Z", zone: F.newYork, limit: 2)
        XCTAssertEqual(overlap.first?.dueAt, F.date("2026-11-01T05:30:00Z"))  // 01:30 EDT, not 06:30Z (EST)
        XCTAssertEqual(overlap.first?.adjustment, .firstOfRepeated)
        XCTAssertEqual(overlap[1].dueAt, F.date("2026-11-02T06:30:00Z"))
    }

    // MARK: Asia/Shanghai (no DST) and hourly windows

    func testShanghaiHourlyWindowTenToTwenty() {
        let slots = runs(.hourly(window: F.window("10:00-20:00"), minute: 0), after: "2026-11-10T16:00:00Z", zone: F.shanghai, limit: 30)
        XCTAssertEqual(slots.count, 30)
        let firstDay = slots.filter { $0.local.day == F.day("2026-11-11") }
        XCTAssertEqual(firstDay.count, 11)
        XCTAssertEqual(firstDay.first?.dueAt, F.date("2026-11-11T02:00:00Z"))
        XCTAssertEqual(firstDay.last?.dueAt, F.date("2026-11-11T12:00:00Z"))
        XCTAssertEqual(firstDay.map { localHour(of: $0.dueAt, in: F.shanghai) }, Array(10...20))
        XCTAssertEqual(slots[11].local.description, "2026-11-12T10:00")
    }

    func testHourlyAtHalfPastStaysInsideTheWindow() {
        let slots = runs(.hourly(window: F.window("10:00-20:00"), minute: 30), after: "2026-11-10T16:00:00Z", zone: F.shanghai, limit: 10)
        XCTAssertEqual(slots.first?.local.time.description, "10:30")
        XCTAssertEqual(slots.last?.local.time.description, "19:30")
        XCTAssertEqual(slots.count, 10)
    }

    func testAfterIsStrictAndMidWindowResumes() {
        // Asked at exactly 12:00 local: the 12:00 slot is not "after", 13:00 is next.
        let slots = runs(.hourly(window: F.window("10:00-20:00"), minute: 0), after: "2026-11-11T04:00:00Z", zone: F.shanghai, limit: 1)
        XCTAssertEqual(slots.first?.local.description, "2026-11-11T13:00")
    }

    func testEachGroupUsesItsOwnZone() {
        var plan = CampaignTemplate(.preview).defaultPlan(name: "早安", groups: ["sh", "berlin", "ny"], now: F.date("2026-06-01T00:00:00Z"), id: "p1")
        plan.schedule = CampaignSchedule(.daily(at: F.time("07:00")), startsAt: F.date("2026-06-01T00:00:00Z"))
        let zones = ["sh": F.shanghai, "berlin": F.berlin, "ny": F.newYork]
        let slots = plan.nextRuns(after: F.date("2026-06-01T00:00:00Z"), zones: zones, limit: 3)
        XCTAssertEqual(slots.map(\.groupID), ["berlin", "ny", "sh"])
        XCTAssertEqual(slots.map(\.dueAt), [F.date("2026-06-01T05:00:00Z"), F.date("2026-06-01T11:00:00Z"), F.date("2026-06-01T23:00:00Z")])
        XCTAssertTrue(slots.allSatisfy { $0.local.time.description == "07:00" })
    }

    // MARK: other recurrences and bounds

    func testOnceEveryNDaysAndBounds() {
        let once = runs(.once(at: F.date("2026-12-12T12:00:00Z")), after: "2026-12-01T00:00:00Z", zone: F.shanghai, limit: 5)
        XCTAssertEqual(once.map(\.idempotencyKey), ["campaign:c1:group:g1:slot:2026-12-12T20:00"])
        XCTAssertTrue(runs(.once(at: F.date("2026-12-12T12:00:00Z")), after: "2026-12-12T12:00:00Z", zone: F.shanghai, limit: 5).isEmpty)

        let every3 = runs(.everyNDays(n: 3, at: F.time("19:00"), anchor: F.day("2026-03-27")), after: "2026-03-20T00:00:00Z", zone: F.berlin, limit: 3)
        XCTAssertEqual(every3.map(\.local.description), ["2026-03-27T19:00", "2026-03-30T19:00", "2026-04-02T19:00"])
        XCTAssertEqual(every3[1].dueAt, F.date("2026-03-30T17:00:00Z"))

        let bounded = runs(.daily(at: F.time("20:00")), after: "2026-11-01T00:00:00Z", zone: F.shanghai, limit: 10,
                           startsAt: F.date("2026-11-03T00:00:00Z"), endsAt: F.date("2026-11-05T12:00:00Z"))
        XCTAssertEqual(bounded.map(\.local.description), ["2026-11-03T20:00", "2026-11-04T20:00", "2026-11-05T20:00"], "both ends included")

        XCTAssertTrue(runs(.manual, after: "2026-11-01T00:00:00Z", zone: F.shanghai, limit: 5).isEmpty)
        XCTAssertTrue(runs(.onJoin(delayMinutes: 2), after: "2026-11-01T00:00:00Z", zone: F.shanghai, limit: 5).isEmpty)
        XCTAssertTrue(runs(.daily(at: F.time("07:00")), after: "2026-11-01T00:00:00Z", zone: F.shanghai, limit: 0).isEmpty)
    }

    func testEmptyWindowDoesNotLoopForever() {
        // 10:00–10:20 at :30 has no slot on any day.
        let slots = runs(.hourly(window: F.window("10:00-10:20"), minute: 30), after: "2026-11-01T00:00:00Z", zone: F.shanghai, limit: 5)
        XCTAssertTrue(slots.isEmpty)
    }

    // MARK: idempotency keys

    func testKeysAreStableAndUniquePerSlot() {
        let schedule = CampaignSchedule(.hourly(window: F.window("00:00-23:00"), minute: 30))
        // Thirty days around both Berlin changes, every hour: every key distinct.
        for start in ["2026-03-15T00:00:00Z", "2026-10-11T00:00:00Z"] {
            let slots = schedule.nextRuns(campaignID: "c1", groupID: "g1", after: F.date(start), in: F.berlin, limit: 24 * 30)
            XCTAssertEqual(Set(slots.map(\.idempotencyKey)).count, slots.count)
            XCTAssertEqual(Set(slots.map(\.dueAt)).count, slots.count)
            XCTAssertEqual(slots, slots.sorted())
        }
        // Computed from different starting points, the same slot has the same key.
        let a = schedule.nextRuns(campaignID: "c1", groupID: "g1", after: F.date("2026-03-28T00:00:00Z"), in: F.berlin, limit: 60)
        let b = schedule.nextRuns(campaignID: "c1", groupID: "g1", after: F.date("2026-03-29T00:10:00Z"), in: F.berlin, limit: 20)
        let keysA = Dictionary(uniqueKeysWithValues: a.map { ($0.dueAt, $0.idempotencyKey) })
        for slot in b { XCTAssertEqual(keysA[slot.dueAt], slot.idempotencyKey) }
        // Different groups and campaigns never share a key.
        let other = schedule.nextRuns(campaignID: "c1", groupID: "g2", after: F.date("2026-03-28T00:00:00Z"), in: F.berlin, limit: 60)
        XCTAssertTrue(Set(a.map(\.idempotencyKey)).isDisjoint(with: other.map(\.idempotencyKey)))
    }

    func testManualTriggerKeyIsPerMinuteAndApartFromSlots() {
        let t1 = ScheduledSlot.manualTrigger(campaignID: "c1", groupID: "g1", at: F.date("2026-11-11T02:00:05Z"), in: F.shanghai)
        let t2 = ScheduledSlot.manualTrigger(campaignID: "c1", groupID: "g1", at: F.date("2026-11-11T02:00:50Z"), in: F.shanghai)
        XCTAssertEqual(t1.idempotencyKey, "campaign:c1:group:g1:trigger:2026-11-11T10:00")
        XCTAssertEqual(t1.idempotencyKey, t2.idempotencyKey, "a double press posts once")
        XCTAssertNotEqual(t1.idempotencyKey, ScheduledSlot.key(campaignID: "c1", groupID: "g1", local: t1.local))
    }

    func testLocalClockResolution() {
        XCTAssertEqual(LocalClock.resolve(LocalDateTime(iso: "2026-07-01T12:00")!, in: F.shanghai).instant, F.date("2026-07-01T04:00:00Z"))
        let gap = LocalClock.resolve(LocalDateTime(iso: "2026-03-29T02:00")!, in: F.berlin)
        XCTAssertEqual(gap.instant, F.date("2026-03-29T01:00:00Z"))
        XCTAssertEqual(gap.adjustment, .movedPastGap)
        XCTAssertEqual(LocalDateTime(F.date("2026-03-29T01:00:00Z"), in: F.berlin).description, "2026-03-29T03:00")
        XCTAssertNil(LocalTime("24:00"))
        XCTAssertNil(LocalTime("7"))
        XCTAssertEqual(LocalTime("7:05")?.description, "07:05")
        XCTAssertNil(LocalTimeWindow("20:00-10:00"), "windows do not cross midnight")
    }

    func testScheduleRoundTripsThroughJSON() throws {
        let schedules = [
            CampaignSchedule(.once(at: F.date("2026-12-12T12:00:00Z"))),
            CampaignSchedule(.daily(at: F.time("20:00")), startsAt: F.date("2026-11-01T00:00:00Z")),
            CampaignSchedule(.hourly(window: F.window("10:00-20:00"), minute: 0), endsAt: F.date("2026-11-14T00:00:00Z")),
            CampaignSchedule(.everyNDays(n: 3, at: F.time("19:00"), anchor: F.day("2026-11-01"))),
            CampaignSchedule(.onJoin(delayMinutes: 2)),
            CampaignSchedule(.manual),
        ]
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        for s in schedules {
            let data = try encoder.encode(s)
            XCTAssertEqual(try decoder.decode(CampaignSchedule.self, from: data), s)
        }
        let json = String(decoding: try encoder.encode(schedules[2]), as: UTF8.self)
        XCTAssertTrue(json.contains("\"kind\":\"hourly\""), json)
        XCTAssertTrue(json.contains("\"start\":\"10:00\""), json)
    }
}
