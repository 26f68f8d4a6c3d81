import Foundation
import XCTest

/// An instant from an RFC 3339 string with an explicit offset, e.g. "2026-11-23T07:00:00+08:00": the way admins
/// read times (local time with an offset).
public func at(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else {
        XCTFail("bad test timestamp \(text)", file: file, line: line)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}
