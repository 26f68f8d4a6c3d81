import XCTest

@testable import QunCore

final class AdRuleTests: XCTestCase {
    let engine = RuleEngine()

    private func ad(_ text: String) -> RuleVerdict? { engine.evaluate(text).flags.first { $0.rule == .ad } }

    private func assertAd(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts { XCTAssertNotNil(ad(text), text, file: file, line: line) }
    }

    private func assertNoAd(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts { XCTAssertNil(ad(text), "\(text) → \(ad(text)?.reason ?? "")", file: file, line: line) }
    }

    func testContactVerbBeforeAChannel() {
        assertAd(["加微信领取优惠券", "加我VX", "+V：abc1234", "添加客服微信领取红包", "联系客服QQ", "Add me on WeChat", "加个v 秒回"])
    }

    func testChannelFollowedByAnID() {
        assertAd(["微信号：xiaomei1998", "QQ 12345678", "扣扣 1 2 3 4 5 6 7", "wx：food888", "TG: @freemoney888", "V❤：lucky123"])
    }

    func testSpellingsThatOnlyExistToDodgeFilters() {
        assertAd(["薇信", "徽信聊", "v信", "企鹅号", "绿泡泡"])
    }

    func testEvasionFamilies() {
        assertAd([
            "ｗｅｉｘｉｎ：ｍｍ６６６", "加 V 信", "威-信：lucky2025", "加.微.信", "加\u{200B}微\u{200B}信", "廣告位招租，加微信詳聊", "VХ：abc123",
            "加🌹微🌹信", "有需要的加卫星：abc123",
        ])
    }

    func testHomophonesThatAreAlsoWordsNeedContext() {
        assertNoAd(["群主在小区很有威信", "今晚能看到卫星", "动物园的企鹅真可爱", "权威信息以公告为准", "他在安徽信用社上班", "蔷薇信箱"])
        assertAd(["加威信 lucky888", "卫星号 shop888", "需要的加企鹅 88886666"])
    }

    func testPhoneNumbers() throws {
        XCTAssertEqual(try XCTUnwrap(ad("低价代购，电话 138 0013 8000")).match, "138 0013 8000")
        XCTAssertEqual(try XCTUnwrap(ad("+86 139 1234 5678 国际代购")).match, "+86 139 1234 5678")
        assertAd(["138-0013-8000", "１３８００１３８０００", "①③⑧⓪⓪①③⑧⓪⓪⓪", "一三八零零一三八零零零", "1 3 8 0 0 1 3 8 0 0 0"])
        assertNoAd([
            "订单号 13800138000", "快递单号 SF1234567890123", "订单 202411230088121", "12345市长热线", "验证码 385920",
            "第一 3栋2单元1502", "房贷还剩27.6万，利率3.85%", "身份证后四位1234", "19.9 29.9 39.9 49.9",
        ])
    }

    func testJobAndMoneySpam() {
        assertAd(["兼职日结300", "刷单返利", "招代理，零门槛", "躺赚项目", "宝妈在家兼职", "返利群，每单返佣金", "日入500", "抖音刷赞，一单2元"])
        assertNoAd([
            "我女儿暑假在超市兼职收银", "他是这个牌子的代理商", "信用卡有返利活动吗", "装修师傅的工钱是日结的，一天350", "今天买的菠菜很嫩",
            "下水道返水了", "今晚带我上分", "楼下棋牌室太吵了", "宝妈们，孩子发烧怎么办",
        ])
    }

    func testOrdinaryMentionsOfWeChatAndQQ() {
        assertNoAd([
            "我用微信支付了", "拉你进微信群", "参加微信群里的抽奖活动了吗", "微信步数今天两万多", "我微信上跟你说", "qq音乐真好听", "小孩喜欢喝QQ星",
            "你微信名叫什么？", "我wx发你了", "疯狂星期四，谁V我50😂", "加我一份，谢谢团长", "+1，我要两份", "加油💪", "我办了vip卡",
        ])
    }

    func testTalkingAboutTheRulesOrWarningAboutScams() {
        assertNoAd([
            "请不要发广告哦", "禁止加群友微信推销", "不要私加微信，谨防诈骗", "请勿加陌生人微信", "派出所提醒：刷单都是诈骗，千万不要信",
            "有人加我微信要拉我进群刷单，大家小心", "上次那个发刷单广告的已经踢了", "群里禁止发二维码、微信号、QQ号",
        ])
        // A concrete contact still counts, whatever the wording around it.
        assertAd(["别问了，加微信 mm668899"])
    }

    func testLatinKeywordsNeedWordBoundaries() {
        assertNoAd(["The vortex fan vexes me, wx2 is a model name? no: wxyz", "the lvx band", "TV X-ray", "convex", "I love VXLAN"])
        assertAd(["需要的加 v x", "有需要vx私聊"])
    }

    func testMostSevereFindingNamesTheVerdict() throws {
        let flag = try XCTUnwrap(ad("刷单返利，扣扣 123456"))
        XCTAssertEqual(flag.match, "刷单")
        XCTAssertEqual(flag.severity, 5)
        XCTAssertEqual(flag.reason, "order-brushing scam (刷单)")
        XCTAssertEqual(flag.chineseReason, "刷单诈骗")
    }

    func testPhoneNumbersCanBeSwitchedOff() {
        let engine = RuleEngine(ruleSet: RuleSet(defaults: RuleSettings(ad: AdSettings(phoneNumbers: false))))
        XCTAssertTrue(engine.evaluate("家电维修 13700001111").isClean)
        XCTAssertFalse(engine.evaluate("加微信 mm668899").isClean)
    }
}
