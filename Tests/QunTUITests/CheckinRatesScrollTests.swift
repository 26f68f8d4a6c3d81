import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

/// Every group's check-in rate can be reached at 140×45: the rate box says how many are shown and scrolls.
final class CheckinRatesScrollTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 140, height: 45)

    override func setUp() {
        super.setUp()
        // Nine groups: more than the rate box holds beside the streak list.
        var rates = state.data.checkinRates
        for i in 0..<4 {
            var extra = rates[i]
            extra.group = SampleDashboard.group("extra\(i)", "分群\(i)")
            extra.checkedInToday = 0
            rates.append(extra)
        }
        state.data.checkinRates = rates
    }

    private var screenText: String { DashboardView.render(state).text() }

    func testTheRateBoxSaysHowManyItShowsAndScrollsWithBrackets() {
        XCTAssertTrue(screenText.contains("1–5/9 ↓"), screenText)
        press(.character("2"), .character("]"))
        XCTAssertTrue(screenText.contains("4–8/9 ↕"), screenText)
        press(.character("]"))
        XCTAssertTrue(screenText.contains("5–9/9 ↑"), screenText)
        XCTAssertTrue(screenText.contains("分群"), "the last groups are on screen:\n\(screenText)")
        press(.character("["), .character("["), .character("["))
        XCTAssertEqual(state.rateScroll, 0)
    }

    func testTheWheelOverTheRateBoxScrollsIt() throws {
        let lines = screenText.split(separator: "\n", omittingEmptySubsequences: false)
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("Check-in rate") }) + 3
        press(.mouse(MouseEvent(x: 100, y: y, button: .wheelDown)))
        XCTAssertEqual(state.rateScroll, 3)
        XCTAssertEqual(state.cursor(.checkins), 0, "the member list's cursor stays")
    }
}
