import XCTest
@testable import QunCore

final class TerminalTextTests: XCTestCase {
    // MARK: sanitize

    func testSanitizeKeepsOrdinaryChatTextIdentical() {
        let samples = [
            "早安☀️ 郑州+金水+小李 👨‍👩‍👧",
            "hello world",
            "👍🏽🇨🇳1️⃣❤️🏴󠁧󠁢󠁳󠁣󠁴󠁿",
            "cafe\u{0301} naïve",
            "ｶﾀｶﾅ ＡＢＣ 한국어",
            "葛\u{E0100}城 \u{1E9B}\u{0323} x\u{200D}y \u{2620}\u{FE0E}",
            "",
        ]
        for sample in samples {
            XCTAssertEqual(TerminalText.sanitize(sample), sample)
            XCTAssertEqual(Array(TerminalText.sanitize(sample).unicodeScalars), Array(sample.unicodeScalars))
        }
    }

    func testSanitizeMarksEscapeSequences() {
        let result = TerminalText.sanitize("\u{1B}[31mred")
        XCTAssertFalse(result.unicodeScalars.contains("\u{1B}"))
        XCTAssertEqual(result, "␛[31mred")
        XCTAssertEqual(DisplayWidth.of(result), 8, "the marker is visible and takes a column")
    }

    func testSanitizeNeutralizesOSCTitleSequence() {
        let result = TerminalText.sanitize("\u{1B}]0;pwned\u{07}hi")
        XCTAssertEqual(result, "␛]0;pwned␇hi")
        XCTAssertFalse(result.unicodeScalars.contains { $0.value < 0x20 })
    }

    func testSanitizeC0Controls() {
        XCTAssertEqual(TerminalText.sanitize("a\u{07}b"), "a␇b", "BEL")
        XCTAssertEqual(TerminalText.sanitize("a\rb"), "a␍b")
        XCTAssertEqual(TerminalText.sanitize("line1\nline2"), "line1␊line2")
        XCTAssertEqual(TerminalText.sanitize("a\r\nb"), "a␍␊b")
        XCTAssertEqual(TerminalText.sanitize("a\u{08}b"), "a␈b", "backspace")
        XCTAssertEqual(TerminalText.sanitize("\u{00}"), "␀")
        XCTAssertEqual(TerminalText.sanitize("a\tb"), "a b")
        XCTAssertEqual(TerminalText.sanitize("a\u{7F}b"), "a␡b")
    }

    func testSanitizeC1Controls() {
        let csi = TerminalText.sanitize("\u{9B}31mred")
        XCTAssertEqual(csi, "\u{FFFD}31mred")
        XCTAssertEqual(TerminalText.sanitize("\u{85}\u{9D}\u{80}"), "\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    func testSanitizeBidiControls() {
        XCTAssertEqual(TerminalText.sanitize("abc\u{202E}fed"), "abc\u{FFFD}fed")
        XCTAssertEqual(TerminalText.sanitize("\u{2066}x\u{2069}"), "\u{FFFD}x\u{FFFD}")
        for bidi: UInt32 in [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let text = "a" + String(Unicode.Scalar(bidi)!) + "b"
            XCTAssertEqual(TerminalText.sanitize(text), "a\u{FFFD}b", String(bidi, radix: 16))
        }
    }

    func testSanitizeOtherInvisibles() {
        XCTAssertEqual(TerminalText.sanitize("加\u{200B}微\u{FEFF}信\u{2060}"), "加微信")
        XCTAssertEqual(TerminalText.sanitize("soft\u{00AD}hyphen"), "softhyphen")
        XCTAssertEqual(TerminalText.sanitize("\u{2028}"), "␤")
        XCTAssertEqual(TerminalText.sanitize("\u{3164}"), "\u{FFFD}", "Hangul filler used for blank nicknames")
        XCTAssertEqual(TerminalText.sanitize("x\u{E0041}\u{E007F}"), "x", "tags outside an emoji flag")
        XCTAssertEqual(TerminalText.sanitize("a\u{200D}b"), "a\u{200D}b", "ZWJ is harmless and needed by emoji")
    }

    func testSanitizedOutputHasNoDangerousScalars() {
        var hostile = ""
        for value: UInt32 in Array(0x00...0x1F) + Array(0x7F...0x9F) + [0x202E, 0x2066, 0x200F, 0x061C, 0x2028] {
            hostile.unicodeScalars.append(Unicode.Scalar(value)!)
            hostile += "x"
        }
        let result = TerminalText.sanitize(hostile)
        for scalar in result.unicodeScalars {
            XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value), "\(scalar.value)")
            XCTAssertFalse([0x202E, 0x2066, 0x200F, 0x061C, 0x2028].contains(scalar.value))
        }
        XCTAssertEqual(result.filter { $0 == "x" }.count, 70)
        XCTAssertEqual(DisplayWidth.of(result), 140, "every control became a one-column mark")
    }

    func testNoScalarSurvivesThatCouldMoveTheCursorOrReorder() {
        let forbidden: (UInt32) -> Bool = { value in
            value < 0x20 || (0x7F...0x9F).contains(value) || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
        var everything = ""
        for value in UInt32(0)...0x2FFF {
            if let scalar = Unicode.Scalar(value) {
                everything.unicodeScalars.append(scalar)
            }
        }
        let result = TerminalText.sanitize(everything)
        XCTAssertFalse(result.unicodeScalars.contains { forbidden($0.value) })
        XCTAssertEqual(TerminalText.sanitize(result), result, "sanitizing is idempotent")
    }

    // MARK: truncate

    func testTruncateWideCharacters() {
        XCTAssertEqual(TerminalText.truncate("中文字符", toWidth: 5), "中文…")
        let four = TerminalText.truncate("中文字符", toWidth: 4)
        XCTAssertEqual(four, "中…")
        XCTAssertLessThanOrEqual(DisplayWidth.of(four), 4)
        XCTAssertEqual(TerminalText.truncate("中文字符", toWidth: 8), "中文字符")
        XCTAssertEqual(TerminalText.truncate("中文字符", toWidth: 7), "中文字…")
        XCTAssertEqual(TerminalText.truncate("中文字符", toWidth: 2), "…")
    }

    func testTruncateDoesNotCutWhenItFits() {
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 5), "hello")
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 50), "hello")
        XCTAssertEqual(TerminalText.truncate("小李🎉", toWidth: 6), "小李🎉")
        XCTAssertEqual(TerminalText.truncate("", toWidth: 3), "")
        XCTAssertFalse(TerminalText.truncate("郑州+金水", toWidth: 9).contains("…"))
    }

    func testTruncateASCII() {
        XCTAssertEqual(TerminalText.truncate("hello world", toWidth: 8), "hello w…")
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 4), "hel…")
    }

    func testTruncateEdgeWidths() {
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 0), "")
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: -3), "")
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 1), "…")
        XCTAssertEqual(TerminalText.truncate("h", toWidth: 1), "h")
        XCTAssertEqual(TerminalText.truncate("中", toWidth: 1), "…")
        XCTAssertEqual(TerminalText.truncate("中", toWidth: 2), "中")
    }

    func testTruncateKeepsEmojiSequencesWhole() {
        let family = "👨‍👩‍👧"
        XCTAssertEqual(TerminalText.truncate("ab\(family)cd", toWidth: 5), "ab\(family)…")
        XCTAssertEqual(TerminalText.truncate("ab\(family)cd", toWidth: 4), "ab…")
        XCTAssertEqual(TerminalText.truncate("🇨🇳🇯🇵🇺🇸", toWidth: 5), "🇨🇳🇯🇵…")
        XCTAssertEqual(TerminalText.truncate("🇨🇳🇯🇵🇺🇸", toWidth: 4), "🇨🇳…")
        XCTAssertEqual(TerminalText.truncate("e\u{301}e\u{301}e\u{301}", toWidth: 2), "e\u{301}…")
        let mixed = "x\(family)🇨🇳👍🏽1️⃣中e\u{301}"
        for width in 0...12 {
            let result = TerminalText.truncate(mixed, toWidth: width)
            XCTAssertLessThanOrEqual(DisplayWidth.of(result), width)
            let kept = result.hasSuffix("…") ? Array(result.dropLast()) : Array(result)
            XCTAssertEqual(kept, Array(Array(mixed).prefix(kept.count)), "whole clusters only, width \(width)")
        }
    }

    func testTruncateResultIsAtMostOneColumnShort() {
        for width in 1...10 {
            let result = TerminalText.truncate("郑州金水小李早安", toWidth: width)
            XCTAssertLessThanOrEqual(DisplayWidth.of(result), width)
            XCTAssertGreaterThanOrEqual(DisplayWidth.of(result), width - 1)
        }
    }

    // MARK: fit

    func testFitPadsToExactWidth() {
        XCTAssertEqual(TerminalText.fit("ab", width: 5), "ab   ")
        XCTAssertEqual(TerminalText.fit("ab", width: 5, alignment: .right), "   ab")
        XCTAssertEqual(TerminalText.fit("ab", width: 5, alignment: .center), " ab  ")
        XCTAssertEqual(TerminalText.fit("中文", width: 6, alignment: .center), " 中文 ")
        XCTAssertEqual(TerminalText.fit("", width: 3), "   ")
        XCTAssertEqual(TerminalText.fit("abc", width: 3), "abc")
        XCTAssertEqual(TerminalText.fit("abc", width: 0), "")
    }

    func testFitTruncatesThenPads() {
        XCTAssertEqual(TerminalText.fit("中文字符", width: 4), "中… ")
        XCTAssertEqual(TerminalText.fit("中文字符", width: 4, alignment: .right), " 中…")
        XCTAssertEqual(TerminalText.fit("hello world", width: 6), "hello…")
    }

    func testFitAlwaysHasExactWidth() {
        let samples = ["", "a", "中文字符", "郑州+金水+小李🎉", "👨‍👩‍👧🇨🇳", "e\u{301}\u{301}", "ｶﾀｶﾅ"]
        for sample in samples {
            for width in 0...20 {
                for alignment in [TextAlignment.left, .right, .center] {
                    let fitted = TerminalText.fit(sample, width: width, alignment: alignment)
                    XCTAssertEqual(DisplayWidth.of(fitted), width, "\(sample) \(width) \(alignment)")
                }
            }
        }
    }
}
