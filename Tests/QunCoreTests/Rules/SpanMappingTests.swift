import XCTest

@testable import QunCore

/// Rules match a folded copy; what they report must be the original text, exactly.
final class SpanMappingTests: XCTestCase {
    let engine = RuleEngine()

    private func adFlag(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> RuleVerdict? {
        let flag = engine.evaluate(text).flags.first { $0.rule == .ad }
        XCTAssertNotNil(flag, text, file: file, line: line)
        return flag
    }

    func testZeroWidthCharactersStayInTheMatch() throws {
        let text = "你好👋 请加\u{200B}微\u{200B}信，谢谢"
        let flag = try XCTUnwrap(adFlag(text))
        XCTAssertEqual(flag.match, "加\u{200B}微\u{200B}信")
        XCTAssertEqual(String(text[flag.range]), flag.match)
    }

    func testFullWidthLettersAreReportedFullWidth() throws {
        let text = "有需要的ＶＸ：ｓｈｏｐ８８８ 谢谢"
        let flag = try XCTUnwrap(adFlag(text))
        XCTAssertEqual(flag.match, "ＶＸ：ｓｈｏｐ８８８")
        XCTAssertEqual(String(text[flag.range]), flag.match)
    }

    func testZeroWidthAndFullWidthTogether() throws {
        let text = "早安☀️ 加\u{200C}Ｖ\u{200D}信 ａｂｃ８８８ 领券"
        let flag = try XCTUnwrap(adFlag(text))
        XCTAssertEqual(flag.match, "加\u{200C}Ｖ\u{200D}信 ａｂｃ８８８")
    }

    func testTraditionalAndLookalikeLettersKeepTheirOriginalForm() throws {
        XCTAssertEqual(try XCTUnwrap(adFlag("廣告位招租，加微信詳聊")).match, "加微信")
        XCTAssertEqual(try XCTUnwrap(adFlag("有货 VХ：abc123")).match, "VХ：abc123")  // Cyrillic Х
    }

    func testCombiningMarksAreNotCutOff() throws {
        let text = "加v\u{0337}x\u{0337} 秒回"
        let flag = try XCTUnwrap(adFlag(text))
        XCTAssertEqual(flag.match, "加v\u{0337}x\u{0337}")
    }

    func testLinkSpanAndNormalisedLink() throws {
        let text = "打开ｗｗｗ．ｆｕｌｉ．ｃｎ领福利"
        let verdict = engine.evaluate(text)
        XCTAssertEqual(verdict.links, ["www.fuli.cn"])
        let flag = try XCTUnwrap(verdict.flags.first)
        XCTAssertEqual(flag.match, "ｗｗｗ．ｆｕｌｉ．ｃｎ")
        XCTAssertEqual(String(text[flag.range]), flag.match)
    }

    func testUTF16OffsetsForJSONConsumers() throws {
        let text = "🌹看这个https://t.cn/A6xYz，赶紧"
        let flag = try XCTUnwrap(engine.evaluate(text).flags.first)
        let offsets = flag.utf16Offsets(in: text)
        XCTAssertEqual(offsets, 5..<23)  // 🌹 is two UTF-16 units, 看这个 three
        let utf16 = Array(text.utf16)
        XCTAssertEqual(String(decoding: utf16[offsets], as: UTF16.self), "https://t.cn/A6xYz")
    }

    func testFoldingUndoesDisguises() {
        func lower(_ s: String) -> String { FoldedText(s).lowerString }
        XCTAssertEqual(lower("ＶＸ：１２３"), "vx:123")
        XCTAssertEqual(lower("加\u{200B}微\u{FEFF}信"), "加微信")
        XCTAssertEqual(lower("廣告 衛星 聯繫"), "广告 卫星 联系")
        XCTAssertEqual(lower("VХ wесһаt νχ"), "vx wechat vx")
        XCTAssertEqual(lower("①③⑧"), "138")
        XCTAssertEqual(lower("1️⃣3️⃣"), "13")
        XCTAssertEqual(lower("🅥🅧"), "vx")
        XCTAssertEqual(FoldedText("加 🌹 微-信").coreString, "加微信")
        XCTAssertEqual(FoldedText("刷🈲单").coreString, "刷单", "emoji stay symbols (NFKC would make 🈲 a 禁)")
    }

    func testEveryFoldedScalarMapsBackInsideTheOriginal() {
        for text in ["加\u{200B}Ｖ信 ｘ１", "e\u{0301}\u{200B}x", "👨‍👩‍👧 郑州+金水", "㈱ﬁ㎏", "", "\u{200B}"] {
            let folded = FoldedText(text)
            for range in folded.origins {
                XCTAssertTrue(range.lowerBound >= text.startIndex && range.upperBound <= text.endIndex, text)
                XCTAssertFalse(String(text[range]).isEmpty, text)
            }
        }
    }
}
