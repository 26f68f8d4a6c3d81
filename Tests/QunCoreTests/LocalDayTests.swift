import Foundation
import XCTest

@testable import QunCore

final class LocalDayTests: XCTestCase {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func testDayBoundaryIsTheGroupsMidnightNotUTC() {
        // 23:59 and 00:01 Shanghai time are on different local days although both are the same UTC day.
        let lateEvening = date("2026-11-22T15:59:00Z")  // 23:59 +08
        let earlyMorning = date("2026-11-22T16:01:00Z")  // 00:01 +08
        XCTAssertEqual(LocalDay(lateEvening, in: shanghai).description, "2026-11-22")
        XCTAssertEqual(LocalDay(earlyMorning, in: shanghai).description, "2026-11-23")
        XCTAssertEqual(LocalDay(earlyMorning, in: TimeZone(identifier: "UTC")!).description, "2026-11-22")
    }

    func testBerlinAcrossTheOctoberDSTChange() {
        // 2026-10-25: clocks go back 03:00 CEST → 02:00 CET.
        XCTAssertEqual(LocalDay(date("2026-10-24T22:30:00Z"), in: berlin).description, "2026-10-25")  // 00:30 CEST
        XCTAssertEqual(LocalDay(date("2026-10-25T22:59:00Z"), in: berlin).description, "2026-10-25")  // 23:59 CET
        XCTAssertEqual(LocalDay(date("2026-10-25T23:01:00Z"), in: berlin).description, "2026-10-26")  // 00:01 CET
        let day = LocalDay(iso: "2026-10-25")!
        XCTAssertEqual(day.start(in: berlin), date("2026-10-24T22:00:00Z"))
        XCTAssertEqual(day.adding(days: 1).start(in: berlin), date("2026-10-25T23:00:00Z"))  // a 25-hour day
    }

    func testBerlinAcrossTheMarchDSTChange() {
        // 2026-03-29: 02:00 CET → 03:00 CEST, a 23-hour day.
        let day = LocalDay(iso: "2026-03-29")!
        XCTAssertEqual(day.start(in: berlin), date("2026-03-28T23:00:00Z"))
        XCTAssertEqual(day.adding(days: 1).start(in: berlin), date("2026-03-29T22:00:00Z"))
        XCTAssertEqual(localHour(of: date("2026-03-29T01:30:00Z"), in: berlin), 3)
    }

    func testParsingAndCivilRoundTrip() {
        XCTAssertNil(LocalDay(iso: "2026-02-30"))
        XCTAssertNil(LocalDay(iso: "2026-13-01"))
        XCTAssertNil(LocalDay(iso: "yesterday"))
        let leap = LocalDay(iso: "2024-02-29")!
        XCTAssertEqual(leap.description, "2024-02-29")
        XCTAssertEqual(leap.adding(days: 1).description, "2024-03-01")
        XCTAssertEqual(LocalDay(iso: "1970-01-01")!.number, 0)
    }
}
