import XCTest

@testable import QunCore

/// Links spelled with a space or separator after every character.
final class SpacedLinkTests: XCTestCase {
    func testSpacedOutDomainsAndSchemesAreLinks() throws {
        let engine = RuleEngine()
        let cases: [(String, String)] = [
            ("w w w . x x 8 8 . c o m 注册就送", "www.xx88.com"),
            ("h t t p : / / b e t 3 6 5 . v i p 点击进入", "bet365.vip"),
            ("打开 w-w-w-x-y-z-9-9-c-c 领取", "www.xyz99.cc"),
            ("看 b 6 6 8 . c c 新用户", "b668.cc"),
            ("ｗ ｗ ｗ ． ｋ ９ ． ｔ ｏ ｐ", "www.k9.top"),
        ]
        for (text, host) in cases {
            let verdict = engine.evaluate(text)
            let flag = try XCTUnwrap(verdict.flags.first { $0.rule == .link }, text)
            XCTAssertTrue(flag.reason.contains(host), "\(text): \(flag.reason)")
            XCTAssertTrue(flag.match.hasPrefix(String(text.drop { !$0.isLetter || $0 > "~" }.prefix(1))), "\(text): match \(flag.match)")
        }
    }

    func testMatchCoversTheSpacedOutLinkAsWritten() throws {
        let flag = try XCTUnwrap(RuleEngine().evaluate("快来 w w w . x x 8 8 . c o m 注册").flags.first)
        XCTAssertEqual(flag.match, "w w w . x x 8 8 . c o m")
    }

    func testAllowListStillApplies() {
        let engine = RuleEngine(ruleSet: RuleSet(defaults: RuleSettings(link: LinkSettings(allow: ["xx88.com"]))))
        XCTAssertTrue(engine.evaluate("w w w . x x 8 8 . c o m").isClean)
    }

    func testSpelledOutLettersThatAreNoLinkAreLeftAlone() {
        let engine = RuleEngine()
        for text in ["A B C D E F G", "成绩 A A B A C A", "1 2 3 4 5 6 7 8 9", "s o s 救命啊", "Y M C A 跳起来", "比分 3 : 1 : 2 : 0"] {
            XCTAssertTrue(engine.evaluate(text).isClean, text)
        }
    }
}
