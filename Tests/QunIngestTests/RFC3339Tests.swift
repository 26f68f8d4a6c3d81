import Foundation
import XCTest

@testable import QunIngest

/// The strict RFC 3339 parser behind the feed's `ts`: an offset is required, impossible dates are refused.
final class RFC3339Tests: XCTestCase {
    func seconds(_ text: String) -> Double? { RFC3339.parse(text)?.timeIntervalSince1970 }

    func testOffsetsAndUTC() {
        XCTAssertEqual(seconds("2026-11-23T07:00:05+08:00"), 1_795_388_405)
        XCTAssertEqual(seconds("2026-11-22T23:00:05Z"), 1_795_388_405)
        XCTAssertEqual(seconds("2026-11-22T23:00:05+00:00"), 1_795_388_405)
        XCTAssertEqual(seconds("2026-11-22T23:00:05-00:00"), 1_795_388_405)
        XCTAssertEqual(seconds("2026-11-22T17:30:05-05:30"), 1_795_388_405)
        XCTAssertEqual(seconds("2026-11-23T04:45:05+05:45"), 1_795_388_405)  // Kathmandu
        XCTAssertEqual(seconds("1970-01-01T00:00:00Z"), 0)
    }

    func testLowercaseAndSpaceSeparators() {
        // RFC 3339 §5.6 allows lowercase t and z, and a space between date and time.
        XCTAssertEqual(seconds("2026-11-22t23:00:05z"), 1_795_388_405)
        XCTAssertEqual(seconds("2026-11-23 07:00:05+08:00"), 1_795_388_405)
    }

    func testFractionalSeconds() throws {
        XCTAssertEqual(try XCTUnwrap(seconds("2026-11-22T23:00:05.5Z")), 1_795_388_405.5, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(seconds("2026-11-22T23:00:05.123Z")), 1_795_388_405.123, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(seconds("2026-11-23T07:00:05.123456789+08:00")), 1_795_388_405.123457, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(seconds("2026-11-22T23:00:05.000Z")), 1_795_388_405, accuracy: 1e-9)
    }

    func testLeapSecondIsHeldAtTheEndOfTheMinute() {
        XCTAssertEqual(seconds("2016-12-31T23:59:60Z"), seconds("2016-12-31T23:59:59Z"))
    }

    func testCalendarEdges() {
        XCTAssertNotNil(RFC3339.parse("2024-02-29T12:00:00Z"), "leap day")
        XCTAssertNil(RFC3339.parse("2026-02-29T12:00:00Z"), "not a leap year")
        XCTAssertNil(RFC3339.parse("2026-02-30T07:00:00+08:00"))
        XCTAssertNil(RFC3339.parse("2026-04-31T07:00:00+08:00"))
        XCTAssertNil(RFC3339.parse("2026-13-01T07:00:00+08:00"))
        XCTAssertNil(RFC3339.parse("2026-00-10T07:00:00+08:00"))
        XCTAssertNil(RFC3339.parse("2026-11-00T07:00:00+08:00"))
        XCTAssertEqual(seconds("2026-12-31T23:59:59Z").map { $0 + 1 }, seconds("2027-01-01T00:00:00Z"))
    }

    func testOutOfRangeClockFields() {
        XCTAssertNil(RFC3339.parse("2026-11-23T24:00:00+08:00"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:60:00+08:00"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:61+08:00"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00+24:00"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00+08:60"))
    }

    func testMissingOrMalformedOffset() {
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00"), "no offset: ambiguous, never guessed")
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00.5"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00+0800"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00+08"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00+8:00"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00 +08:00"))
        XCTAssertNil(RFC3339.parse("2026-11-23T07:00:00UTC"))
    }

    func testMalformedText() {
        for text in [
            "", "2026-11-23", "07:00:00Z", "2026-11-23T07:00Z", "2026-11-23T7:00:00Z", "26-11-23T07:00:00Z",
            "2026/11/23T07:00:00Z", "2026-11-23X07:00:00Z", "2026-11-23T07:00:00.Z", "2026-11-23T07:00:00ZZ",
            " 2026-11-23T07:00:00Z", "2026-11-23T07:00:00Z ", "２０２６-11-23T07:00:00Z", "2026-11-23T07:00:00+08:00x",
        ] {
            XCTAssertNil(RFC3339.parse(text), "accepted \(text)")
        }
    }
}
