import XCTest
@testable import QunCore

final class MatchNormalizerTests: XCTestCase {
    func testFullwidthToHalfwidth() {
        XCTAssertEqual(MatchNormalizer.normalize("ｗｅｉｘｉｎ"), "weixin")
        XCTAssertEqual(MatchNormalizer.normalize("ＶＸ：１２３"), "vx:123")
        XCTAssertEqual(MatchNormalizer.normalize("加\u{3000}我"), "加 我", "ideographic space")
    }

    func testZeroWidthCharactersRemoved() {
        XCTAssertEqual(MatchNormalizer.normalize("加\u{200B}微信"), "加微信")
        XCTAssertEqual(MatchNormalizer.normalize("加\u{200C}微\u{200D}信\u{2060}\u{FEFF}"), "加微信")
        XCTAssertEqual(MatchNormalizer.normalize("v\u{00AD}x"), "vx", "soft hyphen")
        XCTAssertEqual(MatchNormalizer.normalize("微\u{202E}信"), "微信", "bidi override")
        XCTAssertEqual(MatchNormalizer.normalize("微\u{3164}信"), "微信", "Hangul filler")
        XCTAssertEqual(MatchNormalizer.normalize("❤️"), MatchNormalizer.normalize("❤"), "variation selector")
    }

    func testZeroWidthDoesNotBlockComposition() {
        XCTAssertEqual(MatchNormalizer.normalize("caf\u{0065}\u{200B}\u{0301}"), "caf\u{E9}")
        XCTAssertEqual(MatchNormalizer.normalize("cafe\u{0301}"), MatchNormalizer.normalize("café"))
    }

    func testTraditionalToSimplified() {
        XCTAssertEqual(MatchNormalizer.normalize("廣告"), "广告")
        XCTAssertEqual(MatchNormalizer.normalize("加微信 發財 開戶"), "加微信 发财 开户")
        XCTAssertEqual(MatchNormalizer.normalize("广告"), "广告", "simplified stays")
    }

    func testCaseFolding() {
        XCTAssertEqual(MatchNormalizer.normalize("VX"), "vx")
        XCTAssertEqual(MatchNormalizer.normalize("WeChat"), "wechat")
        XCTAssertEqual(MatchNormalizer.normalize("ＷｅＣｈａｔ"), "wechat")
    }

    func testCompatibilityForms() {
        XCTAssertEqual(MatchNormalizer.normalize("①"), "1")
        XCTAssertEqual(MatchNormalizer.normalize("①②③"), "123")
        XCTAssertEqual(MatchNormalizer.normalize("㈱"), "(株)")
        XCTAssertEqual(MatchNormalizer.normalize("ﬁ"), "fi")
        XCTAssertEqual(MatchNormalizer.normalize("㎏"), "kg")
        XCTAssertEqual(MatchNormalizer.normalize("ｶﾀｶﾅ"), "カタカナ", "halfwidth katakana composes to standard")
    }

    func testControlsRemovedButWhitespaceKept() {
        XCTAssertEqual(MatchNormalizer.normalize("加\u{1B}微信"), "加微信")
        XCTAssertEqual(MatchNormalizer.normalize("加\n微信"), "加\n微信")
    }

    func testIdempotent() {
        let samples = ["ｗｅｉｘｉｎ", "加\u{200B}微信", "廣告", "VX", "①", "早安☀️ 郑州+金水+小李 👨‍👩‍👧", "Straße"]
        for sample in samples {
            let once = MatchNormalizer.normalize(sample)
            XCTAssertEqual(MatchNormalizer.normalize(once), once, sample)
        }
    }

    func testPlainASCII() {
        XCTAssertEqual(MatchNormalizer.normalize("Hello World 123"), "hello world 123")
        XCTAssertEqual(MatchNormalizer.normalize(""), "")
    }
}
