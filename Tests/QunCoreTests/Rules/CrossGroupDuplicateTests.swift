import XCTest

@testable import QunCore

/// The same spam from one member in several groups within minutes.
final class CrossGroupDuplicateTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_763_852_400)
    let spam = "周末特惠，全场五折，名额有限先到先得"

    func input(_ text: String, elsewhere: [(String, String, TimeInterval)]) -> MessageInput {
        MessageInput(
            text: text, groupID: "g1", memberID: "m", sentAt: t0,
            recentElsewhere: elsewhere.map { RecentMessage(text: $0.0, groupID: $0.1, sentAt: t0.addingTimeInterval(-$0.2)) })
    }

    func testTheSameTextInThreeGroupsWithinTenMinutesIsFlagged() throws {
        let engine = RuleEngine()
        XCTAssertTrue(engine.evaluate(spam).isClean, "one group alone sees nothing")
        let verdict = engine.evaluate(input(spam, elsewhere: [(spam + "！", "g2", 60), ("周末特惠 全场五折 名额有限 先到先得", "g3", 240)]))
        let flag = try XCTUnwrap(verdict.flags.first { $0.rule == .crossGroupDuplicate })
        XCTAssertEqual(flag.reason, "same message in 3 groups within 10 min (limit 2)")
        XCTAssertEqual(flag.action, .queue)
    }

    func testTwoGroupsOldCopiesShortTextsAndOtherTextsAreNot() {
        let engine = RuleEngine()
        XCTAssertTrue(engine.evaluate(input(spam, elsewhere: [(spam, "g2", 60)])).isClean, "two groups only")
        XCTAssertTrue(engine.evaluate(input(spam, elsewhere: [(spam, "g2", 60), (spam, "g3", 3600)])).isClean, "an hour ago")
        XCTAssertTrue(engine.evaluate(input(spam, elsewhere: [(spam, "g1", 60), (spam, "g1", 90)])).isClean, "same group: flood's business")
        XCTAssertTrue(engine.evaluate(input("收到谢谢", elsewhere: [("收到谢谢", "g2", 60), ("收到谢谢", "g3", 90)])).isClean, "too short")
        XCTAssertTrue(engine.evaluate(input(spam, elsewhere: [("今天下午三点小区停水请储水", "g2", 60), ("明天上午十点开业主大会", "g3", 90)])).isClean)
    }

    func testGroupsCanRaiseTheCount() {
        let engine = RuleEngine(ruleSet: RuleSet(defaults: RuleSettings(crossGroupDuplicate: CrossGroupDuplicateSettings(groups: 4))))
        XCTAssertTrue(engine.evaluate(input(spam, elsewhere: [(spam, "g2", 60), (spam, "g3", 90)])).isClean)
    }
}
