import XCTest

@testable import QunCore

final class SpamTokenizerTests: XCTestCase {
    func testChineseGivesCharacterBigramsAndTrigrams() {
        let tokens = SpamTokenizer.tokens(in: "加微信领取")
        for gram in ["加微", "微信", "信领", "领取", "加微信", "微信领", "信领取"] { XCTAssertTrue(tokens.contains(gram), gram) }
        XCTAssertFalse(tokens.contains("加微信领取"), "no whole-sentence token")
    }

    func testEmojiAndSpacesWedgedBetweenCharactersAreSqueezedOut() {
        let tokens = SpamTokenizer.tokens(in: "加🌹微🌹信")
        XCTAssertTrue(tokens.contains("微信"))
        XCTAssertTrue(tokens.contains("🌹"))
        XCTAssertTrue(SpamTokenizer.tokens(in: "加 微 信").contains("加微信"))
    }

    func testTraditionalAndFullWidthFoldFirst() {
        XCTAssertEqual(Set(SpamTokenizer.tokens(in: "廣告")), Set(SpamTokenizer.tokens(in: "广告")))
        XCTAssertTrue(SpamTokenizer.tokens(in: "ＷｅＣｈａｔ").contains("wechat"))
    }

    func testPhoneNumbersBecomeTheirShape() {
        XCTAssertTrue(SpamTokenizer.tokens(in: "电话 13912345678").contains("<num:11>"))
        XCTAssertTrue(SpamTokenizer.tokens(in: "138 1234 5678").contains("<num:11>"))
        XCTAssertTrue(SpamTokenizer.tokens(in: "138-1234-5678").contains("<num:11>"))
        XCTAssertTrue(SpamTokenizer.tokens(in: "订单 2023112012345678").contains("<num:13+>"))
    }

    func testIdsLinksAndMentionsBecomeShapes() {
        let tokens = SpamTokenizer.tokens(in: "V信：lucky8899 看 https://m.tb.cn/x @小王")
        XCTAssertTrue(tokens.contains("<id>"))
        XCTAssertTrue(tokens.contains("lucky"))
        XCTAssertTrue(tokens.contains("<url>"))
        XCTAssertTrue(tokens.contains("<host:tb.cn>"))
        XCTAssertTrue(tokens.contains("<mention>"))
    }

    func testLettersSpelledOutOneByOneAreJoined() {
        XCTAssertTrue(SpamTokenizer.tokens(in: "加 v x").contains("vx"))
        XCTAssertTrue(SpamTokenizer.tokens(in: "w.e.c.h.a.t").contains("wechat"))
        XCTAssertFalse(SpamTokenizer.tokens(in: "see you at the gym").contains("seeyouatthegym"))
    }

    func testEachFeatureOnceInFirstSeenOrder() {
        let tokens = SpamTokenizer.tokens(in: "哈哈哈哈哈")
        XCTAssertEqual(tokens, ["哈哈", "哈哈哈"])
        XCTAssertEqual(SpamTokenizer.tokens(in: "加我微信 abc123"), SpamTokenizer.tokens(in: "加我微信 abc123"))
    }
}

final class FeatureHashTests: XCTestCase {
    func testHashesAreTheHashesOfTheTokens() {
        for text in ["加🌹微🌹信 lucky8899 138 1234 5678", "w w w . x x 8 8 . c o m", "Good morning 👋 @all", "廣告 ＷｅＣｈａｔ"] {
            XCTAssertEqual(SpamTokenizer.featureHashes(in: text), SpamTokenizer.tokens(in: text).map(StableHash.fnv1a), text)
        }
    }

    func testScoringFromHashesMatchesScoringFromTokens() {
        let classifier = SpamClassifier.seeded()
        for text in ["宝妈在家兼职，日结三百，加v了解", "明天早上八点在小区门口集合", "扫码进群领福利"] {
            let tokens = SpamTokenizer.tokens(in: text)
            XCTAssertEqual(classifier.assess(text).probability, classifier.model.probability(tokens), accuracy: 1e-12, text)
            XCTAssertEqual(classifier.assess(text).similar, classifier.index.similar(to: tokens), text)
        }
    }
}
