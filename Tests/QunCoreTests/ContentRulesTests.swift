import XCTest

@testable import QunCore

/// The store's ingest-time screen: `ContentRules()` / `screen(_:)` must keep working on top of the engine.
final class ContentRulesTests: XCTestCase {
    let rules = ContentRules()

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
            XCTAssertTrue(rules.screen(text).contains { $0.rule == "ad" }, text)
        }
    }

    func testOrdinaryChatIsNotFlagged() {
        for text in ["我用微信支付了", "拉你进微信群", "请不要发广告哦", "今天的草莓很新鲜🍓", "早安☀️", "收到，谢谢群主", "39.9一份，已付款",
                     "Anyone tried the hotpot place?", "I'll bring 饺子", "The vortex fan vexes me, wx2 is a model name? no: wxyz"] {
            XCTAssertEqual(rules.screen(text), [], text)
        }
    }

    func testAllowListedDomainsPass() {
        let allowing = ContentRules(allowedDomains: ["t.cn"])
        XCTAssertEqual(allowing.screen("看这个https://t.cn/A6xYz"), [])
        XCTAssertEqual(allowing.screen("www.fake-shop.top").first?.rule, "link")
    }

    func testSwitchedOffRulesStaySilent() {
        XCTAssertEqual(ContentRules(checksLinks: false).screen("www.fake-shop.top"), [])
        XCTAssertEqual(ContentRules(checksAds: false).screen("加微信领取优惠券"), [])
    }

    func testHitsCarryAReason() {
        let hit = rules.screen("看这个https://t.cn/A6xYz，赶紧").first
        XCTAssertEqual(hit?.match, "https://t.cn/A6xYz")
        XCTAssertEqual(hit?.reason, "link to t.cn")
    }

    func testTheMostSevereAdPatternNamesTheHit() {
        let hit = rules.screen("刷单返利，扣扣 123456").first { $0.rule == "ad" }
        XCTAssertEqual(hit?.match, "刷单")
        XCTAssertEqual(hit?.severity, 5)
    }

    func testGroupRulesApplyThroughTheAdapter() {
        let ruleSet = RuleSet(groups: ["car-club": RuleSettings(link: LinkSettings(allow: ["autohome.com.cn"]))])
        let screen = ContentRules(ruleSet: ruleSet)
        XCTAssertEqual(screen.screen("看看这款 www.autohome.com.cn/spec/1", groupID: "car-club"), [])
        XCTAssertEqual(screen.screen("看看这款 www.autohome.com.cn/spec/1").first?.rule, "link")
    }
}
