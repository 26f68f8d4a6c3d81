import XCTest

@testable import QunCore

/// A contact id split over two consecutive messages by one member.
final class SplitContactTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_763_852_400)

    func input(_ text: String, after previous: String, gap: TimeInterval = 5, group: String = "g") -> MessageInput {
        MessageInput(
            text: text, groupID: group, memberID: "m", sentAt: t0,
            previousMessage: RecentMessage(text: previous, groupID: "g", sentAt: t0.addingTimeInterval(-gap)))
    }

    func testAnIdSplitOverTwoMessagesIsAnAdOnTheSecond() throws {
        let engine = RuleEngine()
        for (first, second) in [("微信", "abc8899"), ("我的扣扣", "2837465910"), ("电话138 1234", "5678"), ("wx号", "lucky666")] {
            XCTAssertTrue(engine.evaluate(first).isClean, first)
            XCTAssertTrue(engine.evaluate(second).isClean, second)
            let flag = try XCTUnwrap(engine.evaluate(input(second, after: first)).flags.first { $0.rule == .ad }, "\(first) + \(second)")
            XCTAssertTrue(flag.reason.contains("split over two messages"), flag.reason)
            XCTAssertTrue(second.hasPrefix(flag.match), flag.match)
        }
    }

    func testUnrelatedOrLateOrOtherGroupMessagesAreNotJoined() {
        let engine = RuleEngine()
        XCTAssertTrue(engine.evaluate(input("信abc8899", after: "加我微", gap: 600)).isClean, "too far apart")
        XCTAssertTrue(engine.evaluate(input("信abc8899", after: "加我微", group: "other")).isClean, "another group")
        XCTAssertTrue(engine.evaluate(input("明天见", after: "好的谢谢")).isClean)
        XCTAssertTrue(engine.evaluate(input("在3栋门口", after: "快递到了")).isClean)
    }

    func testAnAdAlreadyInOneHalfIsNotReportedTwice() {
        let verdict = RuleEngine().evaluate(input("加我微信abc8899", after: "你好"))
        XCTAssertEqual(verdict.flags.filter { $0.rule == .ad }.count, 1)
        XCTAssertFalse(verdict.flags[0].reason.contains("split"))
    }
}
