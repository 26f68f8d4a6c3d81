import XCTest

@testable import QunCore

/// The rules as ingest applies them to a message's text alone (flood, new-member and staff rules need a
/// full `MessageInput` and are covered in RuleEngineTests).
final class ContentRulesTests: XCTestCase {
    let rules = RuleEngine()

    func screen(_ text: String, _ engine: RuleEngine? = nil, groupID: String = "") -> [RuleVerdict] {
        (engine ?? rules).evaluate(text, groupID: groupID).flags
    }

    static func engine(_ settings: RuleSettings) -> RuleEngine { RuleEngine(ruleSet: RuleSet(defaults: settings)) }

    func testLinksGluedToChineseText() {
        XCTAssertEqual(LinkDetector.links(in: "看这个https://t.cn/A6xYz，赶紧"), ["https://t.cn/A6xYz"])
        XCTAssertEqual(LinkDetector.links(in: "特价清仓 www.fake-shop.top 先到先得"), ["www.fake-shop.top"])
        XCTAssertEqual(LinkDetector.links(in: "新品上市 shop.example.cn/p/123 快来"), ["shop.example.cn/p/123"])
        XCTAssertEqual(LinkDetector.links(in: "点这里bit.ly/3xYz抽奖"), ["bit.ly/3xYz"])
        XCTAssertEqual(LinkDetector.links(in: "网址：例子.中国"), ["例子.中国"])
    }

    func testNumbersAndFileNamesAreNotLinks() {
        for text in ["今天39.9元", "7.30开会", "版本1.2.3", "见report.pdf", "价格 12.5", "a.b", "文件.docx", "photo.jpg"] {
            XCTAssertEqual(LinkDetector.links(in: text), [], text)
        }
    }

    func testAdsThroughEvasions() {
        for text in ["加V信 abc8888 领优惠券", "ｗｅｉｘｉｎ：ｍｍ６６６", "加 微 信 领红包🧧", "薇信 hy2025", "需要的加VX：shop_888", "廣告位招租，加微信詳聊",
                     "刷单返利，扣扣 123456", "兼职日结300", "低价代购，电话 138 0013 8000", "加\u{200B}微\u{200B}信"] {
            XCTAssertTrue(screen(text).contains { $0.rule == .ad }, text)
        }
    }

    func testOrdinaryChatIsNotFlagged() {
        for text in ["我用微信支付了", "拉你进微信群", "请不要发广告哦", "今天的草莓很新鲜🍓", "早安☀️", "收到，谢谢群主", "39.9一份，已付款",
                     "Anyone tried the hotpot place?", "I'll bring 饺子", "The vortex fan vexes me, wx2 is a model name? no: wxyz"] {
            XCTAssertEqual(screen(text), [], text)
        }
    }

    func testAllowListedDomainsPass() {
        let allowing = Self.engine(RuleSettings(link: LinkSettings(allow: ["t.cn"])))
        XCTAssertEqual(screen("看这个https://t.cn/A6xYz", allowing), [])
        XCTAssertEqual(screen("www.fake-shop.top", allowing).first?.rule, .link)
    }

    func testSwitchedOffRulesStaySilent() {
        XCTAssertEqual(screen("www.fake-shop.top", Self.engine(RuleSettings(link: LinkSettings(enabled: false)))), [])
        XCTAssertEqual(screen("加微信领取优惠券", Self.engine(RuleSettings(ad: AdSettings(enabled: false)))), [])
    }

    func testHitsCarryAReason() {
        let hit = screen("看这个https://t.cn/A6xYz，赶紧").first
        XCTAssertEqual(hit?.match, "https://t.cn/A6xYz")
        XCTAssertEqual(hit?.reason, "link to t.cn")
    }

    func testTheMostSevereAdPatternNamesTheHit() {
        let hit = screen("刷单返利，扣扣 123456").first { $0.rule == .ad }
        XCTAssertEqual(hit?.match, "刷单")
        XCTAssertEqual(hit?.severity, 5)
    }

    func testGroupRulesApplyOverTheDefaults() {
        let engine = RuleEngine(ruleSet: RuleSet(groups: ["car-club": RuleSettings(link: LinkSettings(allow: ["autohome.com.cn"]))]))
        XCTAssertEqual(screen("看看这款 www.autohome.com.cn/spec/1", engine, groupID: "car-club"), [])
        XCTAssertEqual(screen("看看这款 www.autohome.com.cn/spec/1", engine).first?.rule, .link)
    }
}
