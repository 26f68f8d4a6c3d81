import XCTest

@testable import QunTUI

/// Columns narrow before any is left out, and a wide terminal widens the ones that were cut.
final class ColumnLayoutTests: XCTestCase {
    private func moderation(_ total: Int) -> [Int] {
        ColumnLayout([
            .init(title: "", width: 1, alignment: .left, flexible: false),
            .init(title: "Member", width: 16, alignment: .left, flexible: false, minWidth: 10, maxWidth: 20),
            .init(title: "Reason", width: 0, alignment: .left, flexible: true),
            .init(title: "Age", width: 4, alignment: .right, flexible: false),
            .init(title: "Group", width: 16, alignment: .left, flexible: false, minWidth: 10, maxWidth: 24),
        ], totalWidth: total).columns.map(\.width)
    }

    func testTheGroupColumnStaysByNarrowingInsteadOfBeingLeftOut() {
        XCTAssertEqual(moderation(41).count, 5)
        XCTAssertEqual(moderation(41), [1, 10, 12, 4, 10], "Member and Group narrow to their least; Reason keeps the rest")
        XCTAssertEqual(moderation(30).count, 4, "too narrow even then: the last column goes")
    }

    func testAWideTerminalWidensTheCutColumnsNotOnlyTheFlexibleOne() {
        XCTAssertEqual(moderation(200), [1, 20, 147, 4, 24])
        XCTAssertEqual(moderation(60), [1, 16, 19, 4, 16], "at ordinary widths the preferred widths hold")
    }
}
