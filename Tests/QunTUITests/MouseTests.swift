import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

/// A click focuses a pane and selects the row drawn under it; the wheel scrolls what is under the pointer.
final class MouseTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 140, height: 45)

    private func click(_ x: Int, _ y: Int) { press(.mouse(MouseEvent(x: x, y: y, button: .left))) }

    /// The screen row on which `text` is drawn.
    private func row(of text: String) -> Int? {
        DashboardView.render(state).text().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }
    }

    func testClickFocusesThePaneAndSelectsTheRowUnderIt() throws {
        let y = try XCTUnwrap(row(of: "Lucky🍀"))
        click(10, y)
        XCTAssertEqual(state.focus, .moderation)
        XCTAssertEqual(selectedQueueItem(state)?.id, 2)
        let campaign = try XCTUnwrap(row(of: "Christmas"))
        click(80, campaign)
        XCTAssertEqual(state.focus, .campaigns)
        XCTAssertEqual(state.selectedIdentity(.campaigns), .campaign("lottery"))
    }

    func testClickingTheCheckinMembersSkipsTheRatesBox() throws {
        let y = try XCTUnwrap(row(of: "Jörg Müller"))
        click(80, y)
        XCTAssertEqual(state.focus, .checkins)
        XCTAssertEqual(state.checkinRows[state.cursor(.checkins)].member.memberID, "m3")
    }

    func testClickOnABorderOrHeaderFocusesWithoutMovingTheCursor() throws {
        press(.character("3"), .down)
        click(5, 3)  // Activity's header row
        XCTAssertEqual(state.focus, .activity)
        XCTAssertEqual(state.cursor(.activity), 0)
        XCTAssertEqual(state.cursor(.moderation), 1)
    }

    func testWheelScrollsThePaneUnderThePointerAndOverlays() throws {
        let y = try XCTUnwrap(row(of: "Lucky🍀"))
        press(.mouse(MouseEvent(x: 10, y: y, button: .wheelDown)))
        XCTAssertEqual(state.cursor(.moderation), 3, "three rows, clamped to the list")
        XCTAssertEqual(state.focus, .activity, "the wheel does not take the focus")
        press(.character("?"))
        press(.mouse(MouseEvent(x: 10, y: 10, button: .wheelDown)))
        XCTAssertEqual(state.overlayScroll, 3)
    }

    func testSingleLayoutMapsClicksToTheFocusedPane() throws {
        state = SampleDashboard.state(width: 80, height: 24)
        press(.character("3"))
        let y = try XCTUnwrap(row(of: "郑州+金水+新人王"))
        click(20, y)
        XCTAssertEqual(selectedQueueItem(state)?.id, 3)
    }
}
