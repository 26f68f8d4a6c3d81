import XCTest

import QunCore

final class StreakStateTests: XCTestCase {
    private let monday = LocalDay(year: 2026, month: 11, day: 16)!

    private func day(_ offset: Int) -> LocalDay { LocalDay(number: monday.number + offset) }

    func testTheFirstCheckinStartsARunOfOne() {
        XCTAssertEqual(StreakState().checkingIn(on: monday), StreakState(current: 1, longest: 1, lastDay: monday.number))
    }

    func testTheNextDayExtendsTheRun() {
        let state = StreakState(current: 3, longest: 3, lastDay: day(2).number)
        XCTAssertEqual(state.checkingIn(on: day(3)), StreakState(current: 4, longest: 4, lastDay: day(3).number))
    }

    func testAGapStartsAgainButKeepsTheLongest() {
        let state = StreakState(current: 5, longest: 7, lastDay: day(4).number)
        XCTAssertEqual(state.checkingIn(on: day(6)), StreakState(current: 1, longest: 7, lastDay: day(6).number))
    }

    /// The same day again, or an earlier one, cannot be answered from the summary alone.
    func testADayNotAfterTheLastNeedsARecount() {
        let state = StreakState(current: 2, longest: 2, lastDay: day(1).number)
        XCTAssertNil(state.checkingIn(on: day(1)))
        XCTAssertNil(state.checkingIn(on: day(0)))
    }

    func testStepwiseAgreesWithTheCalculatorOnInOrderDays() {
        let offsets = [0, 1, 2, 4, 5, 9, 10, 11, 12, 20]
        var state = StreakState()
        for offset in offsets { state = state.checkingIn(on: day(offset))! }
        XCTAssertEqual(state, StreakState(StreakCalculator.compute(days: offsets.map(day))))
        XCTAssertEqual(state, StreakState(current: 1, longest: 4, lastDay: day(20).number))
    }
}
