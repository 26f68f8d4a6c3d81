import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

/// Status messages are never cut, stay until the next key, and say what a ladder step did.
final class StatusMessageTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 80, height: 24)

    static let longError =
        "store: database is locked (another qundeck process held the write lock for more than 5 s); the action was not applied, nothing changed — try again"

    func testWrappingBreaksAtSpacesAndBetweenChineseCharacters() {
        XCTAssertEqual(WrappedText.lines("warn #2 muted for one hour", width: 10), ["warn #2", "muted for", "one hour"])
        XCTAssertEqual(WrappedText.lines("郑州金水花园一群", width: 6), ["郑州金", "水花园", "一群"])
        XCTAssertEqual(WrappedText.lines("short", width: 10), ["short"])
    }

    func testAnErrorStaysThroughReloadsUntilTheNextKey() {
        _ = reduce(&state, .failed("store: disk full"))
        var data = state.data
        data.campaigns.removeFirst()
        press(.character("4"))
        _ = reduce(&state, .failed("store: disk full"))
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(state.status?.text, "store: disk full", "a reload does not replace an error")
        press(.character("j"))
        XCTAssertNil(state.status, "the next key clears it")
    }

    func testALongStatusTakesTwoRowsAndIsNotCut() {
        let text = "approve 12 items · ladder: 郑州+金水+老王 → muted 1h, Lucky🍀 → kicked · audit 9120 · u undo"
        _ = reduce(&state, .moderated(text))
        XCTAssertEqual(state.statusRows, 2)
        let screen = DashboardView.render(state).text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bottom = screen[22] + screen[23]
        for word in ["approve 12 items", "Lucky🍀 → kicked", "u undo"] {
            XCTAssertTrue(bottom.contains(word), "\(word) is on the two status rows:\n\(screen[22])\n\(screen[23])")
        }
        XCTAssertTrue(screen[21].hasPrefix("└"), "the pane ends above the two rows:\n\(screen[21])")
    }

    func testAStatusLongerThanTwoRowsOpensWithEnter() {
        _ = reduce(&state, .failed(Self.longError + " " + Self.longError))
        XCTAssertTrue(state.statusNeedsReading)
        XCTAssertEqual(press(.enter), [], "Enter reads the message instead of opening a detail view")
        XCTAssertEqual(state.overlay, .message)
        let text = DashboardView.render(state).text()
        XCTAssertTrue(text.contains("nothing changed"), text)
        press(.escape)
        XCTAssertNil(state.overlay)
        XCTAssertNil(state.status, "read, it is gone")
    }

    func testLadderStepSaysWhatHappened() {
        let stepped = ActionReport(
            action: .warn, caseIDs: [351], lastAuditID: 88,
            warnings: [.init(memberName: "郑州+老毛", number: 2, penalty: .mute(seconds: 3600))])
        XCTAssertEqual(stepped.text(.en), "warn #2 → muted 1h (ladder) · 郑州+老毛 · audit 88 · u undo")
        XCTAssertEqual(stepped.text(.zh), "警告 #2 → 禁言 1h（阶梯） · 郑州+老毛 · 审计 88 · u 撤销")
        let first = ActionReport(action: .warn, caseIDs: [351], lastAuditID: 88, warnings: [.init(memberName: "小李", number: 1, penalty: nil)])
        XCTAssertEqual(first.text(.en), "warn #1 · 小李 · audit 88 · u undo")
        let bulk = ActionReport(
            action: .warn, caseIDs: [1, 2], lastAuditID: 90,
            warnings: [.init(memberName: "A", number: 1, penalty: nil), .init(memberName: "B", number: 4, penalty: .kick)])
        XCTAssertEqual(bulk.text(.en), "warn 2 items · ladder: B → kicked · audit 90 · u undo")
        XCTAssertEqual(ActionReport(action: .kick, caseIDs: [7], lastAuditID: 3).text(.en), "kick #7 · audit 3 · u undo")
        XCTAssertEqual(bulk.text(.zh), "警告 2 项 · 阶梯：B → 踢出 · 审计 90 · u 撤销", "every word of it in Chinese")
    }
}

extension GoldenFrameTests {
    func testTwoLineErrorStatus() {
        var state = SampleDashboard.state(width: 80, height: 24)
        _ = reduce(&state, .failed(StatusMessageTests.longError))
        assertFrame(state, named: "status-two-lines-80x24")
    }
}
