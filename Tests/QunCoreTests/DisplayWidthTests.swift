import XCTest
@testable import QunCore

final class DisplayWidthTests: XCTestCase {
    func testASCII() {
        XCTAssertEqual(DisplayWidth.of("hello, world"), 12)
        XCTAssertEqual(DisplayWidth.of(""), 0)
        XCTAssertEqual(DisplayWidth.of(Character("a")), 1)
        XCTAssertEqual(DisplayWidth.of(Character(" ")), 1)
    }

    func testControlsAreZeroWidth() {
        XCTAssertEqual(DisplayWidth.of(Character("\u{1B}")), 0)
        XCTAssertEqual(DisplayWidth.of(Character("\r\n")), 0)
        XCTAssertEqual(DisplayWidth.of(Character("\u{7F}")), 0)
        XCTAssertEqual(DisplayWidth.of(Character("\u{9B}")), 0)
        XCTAssertEqual(DisplayWidth.of("a\tb\nc"), 3)
    }

    func testCJKIsWide() {
        XCTAssertEqual(DisplayWidth.of("中文"), 4)
        XCTAssertEqual(DisplayWidth.of(Character("郑")), 2)
        XCTAssertEqual(DisplayWidth.of("，。、"), 6, "CJK punctuation")
        XCTAssertEqual(DisplayWidth.of("\u{3000}"), 2, "ideographic space is fullwidth")
        XCTAssertEqual(DisplayWidth.of("\u{20BB7}"), 2, "CJK Extension B")
        XCTAssertEqual(DisplayWidth.of("ひらがなカタカナ"), 16)
        XCTAssertEqual(DisplayWidth.of("ㄅㄆㄇ"), 6, "Bopomofo")
    }

    func testFullwidthAndHalfwidthForms() {
        XCTAssertEqual(DisplayWidth.of("ＡＢＣ"), 6)
        XCTAssertEqual(DisplayWidth.of("！"), 2)
        XCTAssertEqual(DisplayWidth.of("￥"), 2)
        XCTAssertEqual(DisplayWidth.of(Character("ｶ")), 1, "halfwidth katakana")
        XCTAssertEqual(DisplayWidth.of("ｶﾀｶﾅ"), 4)
    }

    func testHangul() {
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)
        XCTAssertEqual(DisplayWidth.of(Character("\u{1100}")), 2, "leading jamo")
        XCTAssertEqual(DisplayWidth.of(Character("\u{1100}\u{1161}\u{11A8}")), 2, "conjoining jamo syllable")
    }

    func testAmbiguousWidthIsNarrow() {
        XCTAssertEqual(DisplayWidth.of("…"), 1)
        XCTAssertEqual(DisplayWidth.of("αβγ"), 3)
        XCTAssertEqual(DisplayWidth.of("\u{FFFD}"), 1)
    }

    func testEmoji() {
        XCTAssertEqual(DisplayWidth.of(Character("😀")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("🎉")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("👍🏽")), 2, "skin tone")
        XCTAssertEqual(DisplayWidth.of(Character("☝🏽")), 2, "skin tone on a text-default base")
        XCTAssertEqual(DisplayWidth.of(Character("👨‍👩‍👧")), 2, "ZWJ family")
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧"), 2)
        XCTAssertEqual(DisplayWidth.of(Character("🏳️‍🌈")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("🇨🇳")), 2, "flag")
        XCTAssertEqual(DisplayWidth.of("🇨🇳🇯🇵"), 4)
        XCTAssertEqual(DisplayWidth.of(Character("🏴󠁧󠁢󠁳󠁣󠁴󠁿")), 2, "tag sequence flag")
    }

    func testVariationSelectorSixteen() {
        XCTAssertEqual(DisplayWidth.of(Character("❤️")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("❤")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("☀️")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("☀")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("a\u{FE0F}")), 1, "VS16 on a non-emoji does nothing")
    }

    func testKeycap() {
        XCTAssertEqual(DisplayWidth.of(Character("1️⃣")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("#\u{20E3}")), 2, "keycap without VS16")
        XCTAssertEqual(DisplayWidth.of("1"), 1)
    }

    func testCombiningMarks() {
        XCTAssertEqual(DisplayWidth.of(Character("e\u{0301}")), 1)
        XCTAssertEqual(DisplayWidth.of("caf\u{0065}\u{0301}"), 4)
        XCTAssertEqual(DisplayWidth.of(Character("\u{0301}")), 0, "lone combining mark")
        XCTAssertEqual(DisplayWidth.of("\u{0301}\u{0308}"), 0)
        XCTAssertEqual(DisplayWidth.of(Character("中\u{0301}")), 2, "base width wins")
        XCTAssertEqual(DisplayWidth.of("\u{3099}"), 0, "wide but nonspacing kana voicing mark")
    }

    func testZeroWidthCharacters() {
        XCTAssertEqual(DisplayWidth.of(Character("\u{200D}")), 0, "lone ZWJ")
        XCTAssertEqual(DisplayWidth.of("\u{200B}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{FEFF}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{00AD}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{FE0F}"), 0)
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2)
    }

    func testMixedChatText() {
        XCTAssertEqual(DisplayWidth.of("郑州+金水+小李🎉"), 16)
        XCTAssertEqual(DisplayWidth.of("早安☀️ 郑州"), 11)
        XCTAssertEqual(DisplayWidth.of("[群主] Tom：收到👍🏽"), 18)
    }

    func testStringIsSumOfCharacters() {
        let samples = ["ae\u{301}中", "e\u{301}", "ab\r\nc", "x👨‍👩‍👧y🇨🇳z", "ｶﾞ", "abc\u{0301}\u{0302}中"]
        for sample in samples {
            let sum = sample.reduce(0) { $0 + DisplayWidth.of($1) }
            XCTAssertEqual(DisplayWidth.of(sample), sum, sample.debugDescription)
        }
    }

    func testSubstring() {
        let line = "昵称: 小李🎉 (admin)"
        let name = line[line.index(line.startIndex, offsetBy: 4)..<line.index(line.startIndex, offsetBy: 7)]
        XCTAssertEqual(String(name), "小李🎉")
        XCTAssertEqual(DisplayWidth.of(name), 6)
        XCTAssertEqual(DisplayWidth.of(line.dropFirst(4)), DisplayWidth.of(String(line.dropFirst(4))))
    }

    func testWideTableIsSortedAndDisjoint() {
        let ranges = EastAsianWidthTable.wideRanges
        XCTAssertEqual(ranges.count % 2, 0)
        for pair in stride(from: 0, to: ranges.count, by: 2) {
            XCTAssertLessThanOrEqual(ranges[pair], ranges[pair + 1])
            if pair + 2 < ranges.count {
                XCTAssertLessThan(ranges[pair + 1] + 1, ranges[pair + 2], "ranges must be merged and sorted")
            }
        }
        XCTAssertTrue(DisplayWidth.isEastAsianWide(0x1100))
        XCTAssertTrue(DisplayWidth.isEastAsianWide(0x3FFFD))
        XCTAssertFalse(DisplayWidth.isEastAsianWide(0x10FF))
        XCTAssertFalse(DisplayWidth.isEastAsianWide(0x3FFFE))
        XCTAssertFalse(DisplayWidth.isEastAsianWide(0xFF61), "halfwidth ideographic full stop")
    }
}
