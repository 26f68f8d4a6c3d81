import XCTest

@testable import QunTUI

final class ScreenTests: XCTestCase {
    func testWideCharactersTakeTwoCellsAndTruncateCleanly() {
        var screen = Screen(width: 10, height: 1)
        let used = screen.put("中文字符串", x: 0, y: 0, maxWidth: 7)
        XCTAssertEqual(screen.text(), "中文字…\n")
        XCTAssertEqual(used, 7)
        XCTAssertTrue(screen[1, 0].isContinuation)
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.put("中文字", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        XCTAssertEqual(screen.text(), " x文字\n")
    }

    func testEscapeSequencesNeverReachTheGrid() {
        var screen = Screen(width: 40, height: 1)
        screen.put("a\u{1B}[2Jb\u{202E}c\u{07}", x: 0, y: 0)
        let text = screen.text()
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x07 })
        XCTAssertTrue(text.hasPrefix("a␛[2Jb"))
    }

    func testEmojiSequencesStayWhole() {
        var screen = Screen(width: 12, height: 1)
        screen.put("👨‍👩‍👧🇨🇳👍🏽", x: 0, y: 0)
        XCTAssertEqual(screen.text(), "👨‍👩‍👧🇨🇳👍🏽\n")
        XCTAssertTrue(screen[1, 0].isContinuation)
        XCTAssertEqual(screen[2, 0].grapheme, "🇨🇳")
    }

    func testBoxAndClipping() {
        var screen = Screen(width: 8, height: 3)
        screen.box(Rect(x: 0, y: 0, width: 8, height: 3), title: "标题很长很长", role: .paneBorder)
        XCTAssertEqual(screen.text(), "┌─ 标…─┐\n│      │\n└──────┘\n")
    }

    func testSparklineAndBar() {
        XCTAssertEqual(Format.sparkline([0, 1, 2, 4, 8]), "·▂▃▅█")
        XCTAssertEqual(Format.bar(0.5, width: 4), "██░░")
        XCTAssertEqual(Format.bar(2, width: 3), "███", "over 100% is a full bar")
        XCTAssertEqual(Format.percent(0.394), "39%")
    }
}
