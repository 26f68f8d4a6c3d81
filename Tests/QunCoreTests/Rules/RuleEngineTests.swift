import XCTest

@testable import QunCore

final class RuleEngineTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_763_852_400)

    // MARK: flood

    func testFloodFiresAtTheNthMessageWithinTheWindow() throws {
        let engine = RuleEngine()  // 8 messages in 30 s
        let earlier = (1...7).map { t0.addingTimeInterval(-Double($0) * 3) }
        let verdict = engine.evaluate(MessageInput(text: "1", groupID: "g", memberID: "m", sentAt: t0, recentMessageTimes: earlier))
        let flood = try XCTUnwrap(verdict.flags.first { $0.rule == .flood })
        XCTAssertEqual(flood.action, .mute)
        XCTAssertEqual(flood.muteMinutes, 10)
        XCTAssertEqual(flood.reason, "8 messages in 30 s (limit 7)")
        XCTAssertEqual(flood.match, "1")

        let fewer = Array(earlier.prefix(6))
        XCTAssertTrue(engine.evaluate(MessageInput(text: "1", sentAt: t0, recentMessageTimes: fewer)).isClean)
    }

    func testFloodIgnoresMessagesOutsideTheWindowAndFutureOnes() {
        let engine = RuleEngine()
        let old = (0..<20).map { t0.addingTimeInterval(-31 - Double($0)) }
        let future = (1...5).map { t0.addingTimeInterval(Double($0)) }
        let recent = (1...3).map { t0.addingTimeInterval(-Double($0)) }
        XCTAssertTrue(engine.evaluate(MessageInput(text: "hi", sentAt: t0, recentMessageTimes: old + future + recent)).isClean)
        XCTAssertTrue(engine.evaluate(MessageInput(text: "hi", recentMessageTimes: recent + recent + recent)).isClean, "no send time, no flood")
    }

    func testFloodThresholdsPerGroup() {
        let ruleSet = RuleSet(groups: ["quiet": RuleSettings(flood: FloodSettings(action: .queue, messages: 3, seconds: 60))])
        let engine = RuleEngine(ruleSet: ruleSet)
        let earlier = [t0.addingTimeInterval(-50), t0.addingTimeInterval(-20)]
        XCTAssertEqual(engine.evaluate(MessageInput(text: "x", groupID: "quiet", sentAt: t0, recentMessageTimes: earlier)).flags.map(\.action), [.queue])
        XCTAssertTrue(engine.evaluate(MessageInput(text: "x", groupID: "other", sentAt: t0, recentMessageTimes: earlier)).isClean)
    }

    // MARK: mass mention

    func testMassMention() throws {
        let engine = RuleEngine()  // 5 or more
        let five = "@张三 @李四 @王五 @赵六 @钱七 快来看"
        let flag = try XCTUnwrap(engine.evaluate(five).flags.first)
        XCTAssertEqual(flag.rule, .massMention)
        XCTAssertEqual(flag.match, "@张三 @李四 @王五 @赵六 @钱七")
        XCTAssertTrue(engine.evaluate("@张三 @李四 @王五 @赵六 明天见").isClean)
        XCTAssertTrue(engine.evaluate("简历发 zhang@163.com 和 li@qq.com 谢谢 @王五").isClean, "addresses are not mentions")
        // WeChat ends a mention with U+2005.
        XCTAssertFalse(engine.evaluate("@小李\u{2005}@小王\u{2005}@老刘\u{2005}@张姐\u{2005}@王哥\u{2005}开会").isClean)
        XCTAssertFalse(engine.evaluate(MessageInput(text: "大家看一下", mentionCount: 12)).isClean, "platform-counted mentions")
    }

    func testMentionEveryoneFromAMemberButNotFromStaff() throws {
        let engine = RuleEngine()
        let flag = try XCTUnwrap(engine.evaluate("@所有人 快来领红包").flags.first)
        XCTAssertEqual(flag.rule, .massMention)
        XCTAssertEqual(flag.reason, "mentions everyone (@所有人)")
        XCTAssertTrue(engine.evaluate(MessageInput(text: "@所有人 今晚8点开会", senderIsStaff: true)).isClean)
        XCTAssertTrue(engine.evaluate("@allen 你好").isClean)
    }

    // MARK: new member link

    func testNewMemberLinkByHoursSinceJoining() throws {
        let engine = RuleEngine()  // 24 hours, delete
        let text = "大家好 看看 www.fake-shop.top"
        let fresh = MessageInput(text: text, groupID: "g", memberID: "m", memberJoinedAt: t0.addingTimeInterval(-2 * 3600), sentAt: t0)
        let flag = try XCTUnwrap(engine.evaluate(fresh).flags.first)
        XCTAssertEqual(flag.rule, .newMemberLink)
        XCTAssertEqual(flag.action, .delete)
        XCTAssertEqual(flag.match, "www.fake-shop.top")
        XCTAssertEqual(flag.reason, "link to www.fake-shop.top within 24 hours of joining")

        var settled = fresh
        settled.memberJoinedAt = t0.addingTimeInterval(-30 * 3600)
        XCTAssertEqual(engine.evaluate(settled).flags.map(\.rule), [.link])

        let patient = RuleEngine(ruleSet: RuleSet(defaults: RuleSettings(newMemberLink: NewMemberLinkSettings(hours: 48))))
        XCTAssertEqual(patient.evaluate(settled).flags.map(\.rule), [.newMemberLink])

        var unknown = fresh
        unknown.memberJoinedAt = nil
        XCTAssertEqual(engine.evaluate(unknown).flags.map(\.rule), [.link], "unknown join time: an ordinary link")
    }

    func testNewMemberLinkWorksWithTheLinkRuleOff() {
        let ruleSet = RuleSet(defaults: RuleSettings(link: LinkSettings(enabled: false)))
        let engine = RuleEngine(ruleSet: ruleSet)
        let joined = t0.addingTimeInterval(-600)
        XCTAssertEqual(engine.evaluate(MessageInput(text: "t.cn/abc", memberJoinedAt: joined, sentAt: t0)).flags.map(\.rule), [.newMemberLink])
        XCTAssertTrue(engine.evaluate(MessageInput(text: "t.cn/abc", memberJoinedAt: t0.addingTimeInterval(-90_000), sentAt: t0)).isClean)
    }

    // MARK: links and allow-lists

    func testAllowListCoversSubdomainsAndIsPerGroup() {
        let ruleSet = RuleSet(
            defaults: RuleSettings(link: LinkSettings(allow: ["https://www.T.cn/"])),
            groups: ["car-club": RuleSettings(link: LinkSettings(allow: ["autohome.com.cn"]))])
        let engine = RuleEngine(ruleSet: ruleSet)
        XCTAssertTrue(engine.evaluate("看这个https://t.cn/A6xYz").isClean)
        XCTAssertTrue(engine.evaluate("m.t.cn/abc").isClean)
        XCTAssertFalse(engine.evaluate("eviltcn.com/abc").isClean)
        XCTAssertTrue(engine.evaluate("www.autohome.com.cn/1 和 t.cn/2", groupID: "car-club").isClean, "group list adds to the defaults")
        XCTAssertEqual(engine.evaluate("www.autohome.com.cn/1", groupID: "zz-jinshui-1").flags.map(\.rule), [.link])
        XCTAssertEqual(engine.evaluate("t.cn/2 www.x.com").links, ["t.cn/2", "www.x.com"], "links lists allowed links too")
    }

    // MARK: banned words

    func testBannedWordsMatchChineseAsSubstringsAndLatinAsWords() {
        let ruleSet = RuleSet(groups: ["g": RuleSettings(bannedWord: BannedWordSettings(words: ["赌博", "ass", "钓鱼执法"]))])
        let engine = RuleEngine(ruleSet: ruleSet)
        func matches(_ text: String) -> [String] { engine.evaluate(text, groupID: "g").flags.map(\.match) }
        XCTAssertEqual(matches("网络赌博害人"), ["赌博"])
        XCTAssertEqual(matches("網絡賭博"), ["賭博"], "traditional matches simplified")
        XCTAssertEqual(matches("赌 博"), ["赌 博"], "spaced out")
        XCTAssertEqual(matches("you ass!"), ["ass"])
        XCTAssertEqual(matches("ＡＳＳ"), ["ＡＳＳ"])
        for clean in ["pass the glass", "class assignment", "assess", "钓鱼群周六见"] {
            XCTAssertEqual(matches(clean), [], clean)
        }
        let flag = engine.evaluate("你个傻逼", groupID: "g").flags.first
        XCTAssertEqual(flag?.rule, .bannedWord, "a group's words add to the defaults")
        XCTAssertEqual(flag?.reason, "banned word '傻逼'")
        XCTAssertTrue(engine.evaluate("网络赌博害人", groupID: "other").isClean)
    }

    func testDefaultWordsReplaceTheBuiltInList() {
        let engine = RuleEngine(ruleSet: RuleSet(defaults: RuleSettings(bannedWord: BannedWordSettings(words: ["赌博"]))))
        XCTAssertTrue(engine.evaluate("你个傻逼").isClean, "removed from the community list")
        XCTAssertFalse(engine.evaluate("赌博").isClean)
    }

    // MARK: actions, severity, staff

    func testActionAndSeverityPerRule() {
        let ruleSet = RuleSet(
            defaults: RuleSettings(
                link: LinkSettings(action: .log, severity: 1), ad: AdSettings(action: .delete),
                bannedWord: BannedWordSettings(action: .mute, muteMinutes: 60)),
            groups: ["strict": RuleSettings(ad: AdSettings(action: .mute, severity: 5, muteMinutes: 1440))])
        let engine = RuleEngine(ruleSet: ruleSet)
        let verdict = engine.evaluate("傻逼 加微信 mm668899 www.x.com")
        XCTAssertEqual(verdict.flags.map(\.rule), [.bannedWord, .ad, .link])
        XCTAssertEqual(verdict.flags.map(\.action), [.mute, .delete, .log])
        XCTAssertEqual(verdict.flags.first?.muteMinutes, 60)
        XCTAssertEqual(verdict.flags.last?.severity, 1)
        XCTAssertEqual(verdict.mostSevere?.rule, .ad)

        let strict = engine.evaluate("加微信 mm668899", groupID: "strict").flags.first
        XCTAssertEqual(strict?.action, .mute)
        XCTAssertEqual(strict?.severity, 5)
        XCTAssertEqual(strict?.muteMinutes, 1440)
    }

    func testDisabledRulesStaySilent() {
        let off = RuleSettings(
            link: LinkSettings(enabled: false), ad: AdSettings(enabled: false), bannedWord: BannedWordSettings(enabled: false),
            flood: FloodSettings(enabled: false), massMention: MassMentionSettings(enabled: false),
            newMemberLink: NewMemberLinkSettings(enabled: false))
        let engine = RuleEngine(ruleSet: RuleSet(defaults: off))
        let input = MessageInput(
            text: "@a @b @c @d @e @所有人 傻逼 加微信 mm668899 www.x.com", memberJoinedAt: t0, sentAt: t0,
            recentMessageTimes: Array(repeating: t0, count: 20))
        let verdict = engine.evaluate(input)
        XCTAssertTrue(verdict.isClean)
        XCTAssertEqual(verdict.links, ["www.x.com"])
    }

    func testStaffAreExemptUnlessTheGroupSaysOtherwise() {
        let message = MessageInput(text: "秒杀链接 www.shop.top 加群主微信 mm668899", groupID: "g", senderIsStaff: true)
        XCTAssertTrue(RuleEngine().evaluate(message).isClean)
        let strict = RuleEngine(ruleSet: RuleSet(groups: ["g": RuleSettings(exemptStaff: false)]))
        XCTAssertEqual(strict.evaluate(message).flags.map(\.rule), [.link, .ad])
    }

    func testFlagsAreInTextOrder() {
        let verdict = RuleEngine().evaluate("www.a.com 然后 加微信 mm668899 再 www.b.com")
        XCTAssertEqual(verdict.flags.map(\.rule), [.link, .ad, .link])
        XCTAssertEqual(verdict.flags.map(\.match), ["www.a.com", "加微信 mm668899", "www.b.com"])
    }

    // MARK: findings, then judgement

    /// The text's findings are made once; judging them for different senders gives what `evaluate` gives.
    func testOneSetOfFindingsJudgedForDifferentSenders() {
        let engine = RuleEngine()
        let text = "新人福利 https://spam.example.com/x 加vx领取"
        let findings = engine.findings(in: text, groupID: "g")
        XCTAssertFalse(findings.isClean)
        let senders = [
            MessageInput(text: text, groupID: "g", memberID: "m", memberJoinedAt: t0.addingTimeInterval(-600), sentAt: t0),
            MessageInput(text: text, groupID: "g", memberID: "m", memberJoinedAt: t0.addingTimeInterval(-90 * 86_400), sentAt: t0),
            MessageInput(text: text, groupID: "g", memberID: "m", sentAt: t0, senderIsStaff: true),
        ]
        for input in senders { XCTAssertEqual(engine.judge(findings, input), engine.evaluate(input)) }
        XCTAssertTrue(engine.judge(findings, senders[0]).flags.contains { $0.rule == .newMemberLink })
        XCTAssertTrue(engine.judge(findings, senders[1]).flags.contains { $0.rule == .link })
        XCTAssertTrue(engine.judge(findings, senders[2]).isClean, "staff are exempt")
    }

    func testOrdinaryChatHasCleanFindings() {
        XCTAssertTrue(RuleEngine().findings(in: "今天天气不错，大家早点休息", groupID: "g").isClean)
    }
}
