import Foundation
import XCTest

@testable import QunCore

final class CampaignLifecycleTests: XCTestCase {
    typealias F = CampaignFixtures

    func testAllowedTransitions() throws {
        let expected: [(CampaignStatus, CampaignStatus)] = [
            (.draft, .scheduled), (.draft, .running), (.draft, .cancelled),
            (.scheduled, .draft), (.scheduled, .running), (.scheduled, .paused), (.scheduled, .cancelled),
            (.running, .paused), (.running, .completed), (.running, .cancelled),
            (.paused, .scheduled), (.paused, .running), (.paused, .completed), (.paused, .cancelled),
        ]
        XCTAssertEqual(CampaignLifecycle.allTransitions.count, expected.count)
        for (from, to) in expected {
            let t = try CampaignLifecycle.transition(from: from, to: to)
            XCTAssertEqual(t.from, from)
            XCTAssertEqual(t.to, to)
        }
        for from in CampaignStatus.allCases {
            for to in CampaignStatus.allCases where !expected.contains(where: { $0 == (from, to) }) {
                XCTAssertThrowsError(try CampaignLifecycle.transition(from: from, to: to), "\(from) → \(to)")
            }
        }
        XCTAssertTrue(CampaignLifecycle.isFinal(.completed))
        XCTAssertTrue(CampaignLifecycle.isFinal(.cancelled))
        XCTAssertFalse(CampaignLifecycle.isFinal(.paused))
    }

    func testErrorsNameBothStates() {
        XCTAssertThrowsError(try CampaignLifecycle.transition(from: .completed, to: .running)) { error in
            let text = String(describing: error)
            XCTAssertEqual(text, "cannot move a campaign from completed to running: completed is final")
        }
        XCTAssertThrowsError(try CampaignLifecycle.transition(from: .draft, to: .paused)) { error in
            XCTAssertEqual(String(describing: error), "cannot move a campaign from draft to paused: from draft it can go to cancelled, running, scheduled")
        }
        XCTAssertThrowsError(try CampaignLifecycle.transition(from: .paused, to: .paused)) { error in
            XCTAssertEqual(String(describing: error), "campaign is already paused")
        }
    }

    func testAuditDescriptions() throws {
        let pause = try CampaignLifecycle.transition(from: .running, to: .paused)
        XCTAssertEqual(pause.action, "campaign pause")
        XCTAssertEqual(pause.describe(campaignID: "flash-1111", name: "爆品秒杀", reason: "budget: ¥2.50 would exceed ¥6.00"),
                       "campaign flash-1111 「爆品秒杀」: running → paused (budget: ¥2.50 would exceed ¥6.00)")
        XCTAssertEqual(try CampaignLifecycle.transition(from: .paused, to: .running).action, "campaign resume")
        XCTAssertEqual(try CampaignLifecycle.transition(from: .paused, to: .scheduled).action, "campaign resume")
        XCTAssertEqual(try CampaignLifecycle.transition(from: .draft, to: .scheduled).action, "campaign schedule")
        XCTAssertEqual(try CampaignLifecycle.transition(from: .scheduled, to: .running).action, "campaign start")
        XCTAssertEqual(try CampaignLifecycle.transition(from: .running, to: .completed).action, "campaign complete")
        XCTAssertEqual(try CampaignLifecycle.transition(from: .scheduled, to: .cancelled).action, "campaign cancel")
        XCTAssertEqual(try CampaignLifecycle.transition(from: .scheduled, to: .draft).action, "campaign unschedule")
    }

    func testCommandsPauseResumeCancel() throws {
        let now = F.date("2026-11-11T00:00:00Z")
        XCTAssertEqual(try CampaignLifecycle.transition(for: .pause, from: .running, startsAt: nil, now: now).to, .paused)
        XCTAssertEqual(try CampaignLifecycle.transition(for: .resume, from: .paused, startsAt: now.addingTimeInterval(-60), now: now).to, .running)
        XCTAssertEqual(try CampaignLifecycle.transition(for: .resume, from: .paused, startsAt: now.addingTimeInterval(3600), now: now).to, .scheduled)
        XCTAssertThrowsError(try CampaignLifecycle.transition(for: .resume, from: .running, startsAt: nil, now: now)) { error in
            XCTAssertEqual(String(describing: error), "campaign is already running")
        }
        XCTAssertThrowsError(try CampaignLifecycle.transition(for: .resume, from: .draft, startsAt: nil, now: now)) { error in
            XCTAssertEqual(String(describing: error), "cannot move a campaign from draft to running: only a paused campaign can be resumed")
        }
        XCTAssertThrowsError(try CampaignLifecycle.transition(for: .cancel, from: .completed, startsAt: nil, now: now))
        XCTAssertEqual(try CampaignLifecycle.transition(for: .cancel, from: .paused, startsAt: nil, now: now).to, .cancelled)
    }

    func testTrigger() throws {
        XCTAssertNil(try CampaignLifecycle.transitionForTrigger(from: .running))
        XCTAssertEqual(try CampaignLifecycle.transitionForTrigger(from: .scheduled)?.to, .running)
        XCTAssertEqual(try CampaignLifecycle.transitionForTrigger(from: .draft)?.to, .running)
        XCTAssertThrowsError(try CampaignLifecycle.transitionForTrigger(from: .paused)) { error in
            XCTAssertEqual(String(describing: error), "cannot move a campaign from paused to running: resume it before triggering")
        }
        XCTAssertThrowsError(try CampaignLifecycle.transitionForTrigger(from: .cancelled))
    }

    func testAutomaticTransitions() {
        let now = F.date("2026-11-11T00:00:00Z")
        let future = CampaignSchedule(.daily(at: LocalTime("20:00")!), startsAt: now.addingTimeInterval(3600))
        XCTAssertNil(CampaignLifecycle.automaticTransition(status: .scheduled, schedule: future, now: now))
        XCTAssertEqual(CampaignLifecycle.automaticTransition(status: .scheduled, schedule: future, now: now.addingTimeInterval(7200))?.to, .running)
        let ended = CampaignSchedule(.daily(at: LocalTime("20:00")!), startsAt: now.addingTimeInterval(-86_400 * 3), endsAt: now.addingTimeInterval(-1))
        XCTAssertEqual(CampaignLifecycle.automaticTransition(status: .running, schedule: ended, now: now)?.to, .completed)
        XCTAssertNil(CampaignLifecycle.automaticTransition(status: .running, schedule: ended, now: now, hasUnpostedSlots: true))
        let draw = CampaignSchedule(.once(at: now.addingTimeInterval(-60)))
        XCTAssertEqual(CampaignLifecycle.automaticTransition(status: .running, schedule: draw, now: now)?.to, .completed)
        XCTAssertNil(CampaignLifecycle.automaticTransition(status: .paused, schedule: ended, now: now), "a paused campaign stays paused")
        XCTAssertTrue(CampaignLifecycle.isLive(.running))
        XCTAssertFalse(CampaignLifecycle.isLive(.paused))
    }
}
