import XCTest

@testable import QunTUI

final class CellEncodingTests: XCTestCase {
    /// glibc's widths for the code points used here.
    private func wcwidth(_ c: UInt32) -> Int32 {
        switch c {
        case 0x200D, 0xFE0F, 0x0301: return 0
        case 0x1F1E6...0x1F1FF: return 1
        case 0x4E00...0x9FFF, 0x1F468, 0x1F469, 0x1F467, 0x1F44D, 0x1F3FB: return 2
        default: return 1
        }
    }

    private func cell(_ s: String, _ width: UInt8) -> Cell { Cell(grapheme: s, width: width, role: .text) }

    func testPlainAccentedAndCJKCellsGoInOneCchar() {
        XCTAssertEqual(CellEncoding.of(cell("a", 1), wcwidth: wcwidth), .cchar([0x61]))
        XCTAssertEqual(CellEncoding.of(cell("e\u{301}", 1), wcwidth: wcwidth), .cchar([0x65, 0x301]))
        XCTAssertEqual(CellEncoding.of(cell("中", 2), wcwidth: wcwidth), .cchar([0x4E2D]))
    }

    func testAFlagIsOverlaidOnATwoColumnPlaceholder() {
        XCTAssertEqual(CellEncoding.of(cell("🇨🇳", 2), wcwidth: wcwidth), .overlay(placeholder: 0x3000))
    }

    func testAZWJFamilyIsOverlaidEvenWhenItFitsFiveCodePoints() {
        XCTAssertEqual("👨‍👩‍👧".unicodeScalars.count, 5)
        XCTAssertEqual(CellEncoding.of(cell("👨‍👩‍👧", 2), wcwidth: wcwidth), .overlay(placeholder: 0x3000))
    }

    func testAOneColumnClusterNcursesWouldMeasureDifferentlyGetsAOneColumnPlaceholder() {
        XCTAssertEqual(CellEncoding.of(cell("🇨", 2), wcwidth: wcwidth), .overlay(placeholder: 0x3000))
        XCTAssertEqual(CellEncoding.of(cell("👍", 1), wcwidth: wcwidth), .overlay(placeholder: 0x20))
    }
}
