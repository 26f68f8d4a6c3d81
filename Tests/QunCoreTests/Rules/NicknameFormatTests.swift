import XCTest

@testable import QunCore

final class NicknameFormatTests: XCTestCase {
    let engine = RuleEngine(ruleSet: RuleSet(groups: [
        "zz-jinshui-1": RuleSettings(nicknameFormat: NicknameFormatSettings(format: "城市+社区+名字")),
        "zz-jinshui-2": RuleSettings(nicknameFormat: NicknameFormatSettings(
            format: "城市+社区+名字", values: ["城市": ["郑州"], "社区": ["金水", "金水花园"]])),
        "car-club": RuleSettings(nicknameFormat: NicknameFormatSettings(format: "城市+名字+车型")),
    ]))

    private func formatVerdict(_ name: String, _ group: String = "zz-jinshui-1") -> RuleVerdict? {
        engine.evaluateNickname(name, groupID: group).first { $0.rule == .nicknameFormat }
    }

    func testNamesThatFit() {
        for name in ["郑州+金水+小李", "郑州-金水-小李", "郑州 金水 小李", "郑州＋金水＋老王", "郑州·金水花园·张姐", "郑州市+金水+李建国", "鄭州+金水+小李",
                     "杭州+滨江花苑+Tom", "Beijing+朝阳+Lily", " 郑州 + 金水 + 小李 "] {
            XCTAssertEqual(engine.evaluateNickname(name, groupID: "zz-jinshui-1"), [], name)
        }
        XCTAssertEqual(engine.evaluateNickname("郑州+小王+比亚迪", groupID: "car-club"), [])
    }

    func testNamesThatDoNotFitSayWhy() throws {
        let lucky = try XCTUnwrap(formatVerdict("Lucky🍀"))
        XCTAssertEqual(lucky.action, .queue)
        XCTAssertEqual(lucky.match, "Lucky🍀")
        XCTAssertTrue(lucky.chineseReason.hasPrefix("昵称格式应为 城市+社区+名字（当前“Lucky🍀”）"), lucky.chineseReason)
        XCTAssertEqual(lucky.reason, "nickname should be 城市+社区+名字 (got 'Lucky🍀'): has 1 part instead of 3; contains emoji or symbols")

        XCTAssertEqual(try XCTUnwrap(formatVerdict("郑州+小李")).reason, "nickname should be 城市+社区+名字 (got '郑州+小李'): has 2 parts instead of 3")
        XCTAssertTrue(try XCTUnwrap(formatVerdict("幸福+金水+小李")).reason.hasSuffix("'幸福' is not a known city"))
        XCTAssertTrue(try XCTUnwrap(formatVerdict("郑州+金水+")).reason.contains("has 2 parts instead of 3"))
        XCTAssertTrue(try XCTUnwrap(formatVerdict("郑州+金水+★小美★")).reason.contains("contains emoji or symbols"))
        XCTAssertTrue(try XCTUnwrap(formatVerdict("郑州+金水+8888")).reason.contains("名字 '8888' is only digits"))
        XCTAssertTrue(try XCTUnwrap(formatVerdict("郑州+金水+李建国李建国李建国李建国李")).reason.contains("longer than 12 characters"))
        XCTAssertTrue(try XCTUnwrap(formatVerdict("郑州金水小李")).reason.contains("has 1 part instead of 3"))
    }

    func testSpamNamesAreCaughtEitherWay() throws {
        let spam = try XCTUnwrap(formatVerdict("郑州+金水+加V:abc123"))
        XCTAssertTrue(spam.reason.contains("contains an ad"), spam.reason)
        XCTAssertTrue(try XCTUnwrap(formatVerdict("郑州+金水+t.cn/abc")).reason.contains("contains a link"))
        // Without a format, ad and link rules still look at names.
        let plain = RuleEngine()
        XCTAssertEqual(plain.evaluateNickname("加V:abc123 看朋友圈", groupID: "g").map(\.rule), [.ad])
        XCTAssertEqual(plain.evaluateNickname("Lucky🍀", groupID: "g"), [])
        XCTAssertEqual(plain.evaluateNickname("傻逼", groupID: "g").map(\.rule), [.bannedWord])
    }

    func testConfiguredValuesReplaceTheCityCheck() throws {
        XCTAssertEqual(engine.evaluateNickname("郑州+金水花园+小李", groupID: "zz-jinshui-2"), [])
        let other = try XCTUnwrap(formatVerdict("郑州+二七+小李", "zz-jinshui-2"))
        XCTAssertTrue(other.reason.contains("社区 should be one of 金水, 金水花园 (got '二七')"), other.reason)
        XCTAssertNotNil(formatVerdict("洛阳+金水+小李", "zz-jinshui-2"))
    }

    func testFormatFromTheStoreOverridesTheRuleSet() {
        let plain = RuleEngine()
        XCTAssertEqual(plain.evaluateNickname("Lucky🍀", groupID: "g", format: "城市+社区+名字").map(\.rule), [.nicknameFormat])
        XCTAssertEqual(plain.evaluateNickname("郑州+小李+特斯拉", groupID: "g", format: "城市+名字+车型"), [])
    }

    func testCityCheckCanBeSwitchedOff() {
        let lenient = RuleEngine(ruleSet: RuleSet(defaults: RuleSettings(
            nicknameFormat: NicknameFormatSettings(format: "城市+社区+名字", knownCity: false))))
        XCTAssertEqual(lenient.evaluateNickname("幸福+金水+小李", groupID: "any"), [])
    }

    func testFreeStyleDemoNicknamesDoNotFit() {
        for name in DemoNames.freeStyleNicknames {
            XCTAssertNotNil(formatVerdict(name), name)
        }
    }

    func testDemoNicknamesFollowTheirGroupsFormat() {
        let now = Date(timeIntervalSince1970: 1_763_852_400)
        var checked = 0
        var failing: [String] = []
        DemoCommunity(seed: 7, now: now).forEachDay { _, _, events in
            for event in events where event.kind == .join && event.groupID.hasPrefix("zz-jinshui") {
                guard let name = event.memberName, name.hasPrefix("郑州+金水+") else { continue }
                checked += 1
                if !engine.evaluateNickname(name, groupID: "zz-jinshui-1").isEmpty { failing.append(name) }
            }
        }
        XCTAssertGreaterThan(checked, 100)
        XCTAssertEqual(failing, [])
    }
}
