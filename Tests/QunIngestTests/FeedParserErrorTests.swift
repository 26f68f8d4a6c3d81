import Foundation
import XCTest

import QunCore
@testable import QunIngest

/// Lines the feed parser rejects, and what it says about them: the reason is printed as
/// `FILE:LINE: reason`, so it must name the field at fault.
final class FeedParserErrorTests: XCTestCase {
    /// Asserts that `line` is rejected because of `field`, and that the message names it.
    func assertRejected(
        _ line: String, field: String?, mentioning words: [String] = [], file: StaticString = #filePath,
        line number: UInt = #line
    ) {
        guard let error = rejection(line, file: file, line: number) else { return }
        XCTAssertEqual(error.field, field, "for \(line): \(error)", file: file, line: number)
        if let field {
            XCTAssertTrue(error.description.contains("\"\(field)\""), "\(error.description) should name \(field)", file: file, line: number)
        }
        for word in words {
            XCTAssertTrue(error.description.contains(word), "\(error.description) should mention \(word)", file: file, line: number)
        }
    }

    func testNotJSON() {
        assertRejected("{", field: nil, mentioning: ["not valid JSON"])
        assertRejected("hello", field: nil, mentioning: ["not valid JSON"])
        assertRejected(#"{"v":1,"id":"e1""#, field: nil, mentioning: ["not valid JSON"])
        assertRejected("", field: nil, mentioning: ["not valid JSON"])
    }

    func testNotAnObject() {
        assertRejected("[1,2]", field: nil, mentioning: ["expected a JSON object", "an array"])
        assertRejected("\"text\"", field: nil, mentioning: ["expected a JSON object", "a string"])
        assertRejected("42", field: nil, mentioning: ["expected a JSON object", "a number"])
        assertRejected("null", field: nil, mentioning: ["expected a JSON object", "null"])
        assertRejected("true", field: nil, mentioning: ["expected a JSON object", "a boolean"])
    }

    func testMissingRequiredFields() {
        for field in ["v", "id", "source", "group", "ts", "kind", "member"] {
            assertRejected(feedLine([field: nil]), field: field, mentioning: ["missing"])
            // null is as good as missing.
            assertRejected(feedLine([field: "null"]), field: field, mentioning: field == "v" ? [] : ["missing"])
        }
    }

    func testUnsupportedVersion() {
        assertRejected(feedLine(["v": "2"]), field: "v", mentioning: ["unsupported version 2"])
        assertRejected(feedLine(["v": "0"]), field: "v")
        assertRejected(feedLine(["v": "1.5"]), field: "v")
        assertRejected(feedLine(["v": "\"1\""]), field: "v")
        assertRejected(feedLine(["v": "true"]), field: "v")
    }

    func testWrongTypes() {
        assertRejected(feedLine(["source": "5"]), field: "source", mentioning: ["expected a string", "a number"])
        assertRejected(feedLine(["kind": "3"]), field: "kind", mentioning: ["expected a string"])
        assertRejected(feedLine(["id": "1.5"]), field: "id", mentioning: ["expected a string or an integer"])
        assertRejected(feedLine(["id": "true"]), field: "id", mentioning: ["a boolean"])
        assertRejected(feedLine(["group": "{}"]), field: "group", mentioning: ["an object"])
        assertRejected(feedLine(["member": "[\"u1\"]"]), field: "member", mentioning: ["an array"])
        assertRejected(feedLine(["ts": "true"]), field: "ts", mentioning: ["a boolean"])
        assertRejected(feedLine(["ts": "[1]"]), field: "ts")
        assertRejected(feedLine(["text": "5"]), field: "text", mentioning: ["expected a string"])
        assertRejected(feedLine(["group_name": "1"]), field: "group_name")
        assertRejected(feedLine(["member_name": "false"]), field: "member_name")
        assertRejected(feedLine(["actor": "1.5"]), field: "actor")
        assertRejected(feedLine(["reply_to": "{}"]), field: "reply_to")
        assertRejected(feedLine(["campaign": "[]"]), field: "campaign")
        assertRejected(feedLine(["via": "1"]), field: "via")
        assertRejected(feedLine(["platform": "1"]), field: "platform")
        assertRejected(feedLine(["group_tz": "8"]), field: "group_tz")
        assertRejected(feedLine(["role": "true"]), field: "role")
        assertRejected(feedLine(["amount": "true"]), field: "amount")
        assertRejected(feedLine(["amount": "[2.5]"]), field: "amount")
    }

    func testUnknownEnumValues() {
        assertRejected(feedLine(["kind": "\"msg\""]), field: "kind", mentioning: ["msg", "message", "join_request"])
        assertRejected(feedLine(["kind": "\"Message\""]), field: "kind")
        assertRejected(feedLine(["via": "\"poster\""]), field: "via", mentioning: ["poster", "invite_link"])
        assertRejected(feedLine(["platform": "\"qq\""]), field: "platform", mentioning: ["qq", "wechat"])
        assertRejected(feedLine(["role": "\"moderator\""]), field: "role", mentioning: ["moderator"])
        // pending is a state qundeck derives from join requests, never something a feed asserts.
        assertRejected(feedLine(["role": "\"pending\""]), field: "role")
        assertRejected(feedLine(["group_tz": "\"Mars/Olympus_Mons\""]), field: "group_tz", mentioning: ["Mars/Olympus_Mons"])
        assertRejected(feedLine(["group_tz": "\"\""]), field: "group_tz")
    }

    func testTimestampsThatAreNotInstants() {
        // Local time without an offset is ambiguous: rejected, never guessed.
        assertRejected(feedLine(["ts": "\"2026-11-23T07:00:00\""]), field: "ts", mentioning: ["2026-11-23T07:00:00", "offset"])
        assertRejected(feedLine(["ts": "\"2026-02-30T07:00:00+08:00\""]), field: "ts")
        assertRejected(feedLine(["ts": "\"2026-11-23\""]), field: "ts")
        assertRejected(feedLine(["ts": "\"yesterday\""]), field: "ts")
        assertRejected(feedLine(["ts": "\"\""]), field: "ts")
        assertRejected(feedLine(["ts": "\"1795388405\""]), field: "ts", mentioning: ["unix seconds"])
        assertRejected(feedLine(["ts": "-1"]), field: "ts", mentioning: ["out of range"])
        assertRejected(feedLine(["ts": "1e12"]), field: "ts", mentioning: ["out of range"])
    }

    func testEmptyRequiredStrings() {
        for field in ["id", "source", "group", "kind", "member"] {
            assertRejected(feedLine([field: "\"\""]), field: field, mentioning: ["must not be empty"])
            assertRejected(feedLine([field: "\"   \""]), field: field, mentioning: ["must not be empty"])
        }
        assertRejected(feedLine(["actor": "\"\""]), field: "actor", mentioning: ["must not be empty"])
        assertRejected(feedLine(["reply_to": "\" \""]), field: "reply_to", mentioning: ["must not be empty"])
        assertRejected(feedLine(["campaign": "\"\""]), field: "campaign", mentioning: ["must not be empty"])
        assertRejected(feedLine(["via": "\"\""]), field: "via")
        assertRejected(feedLine(["platform": "\"\""]), field: "platform")
        assertRejected(feedLine(["role": "\"\""]), field: "role")
    }

    func testBadAmounts() {
        assertRejected(feedLine(["amount": "-2.5"]), field: "amount", mentioning: ["out of range"])
        assertRejected(feedLine(["amount": "-1"]), field: "amount")
        assertRejected(feedLine(["amount": "\"-2.50\""]), field: "amount")
        assertRejected(feedLine(["amount": "\"\""]), field: "amount")
        assertRejected(feedLine(["amount": "\"abc\""]), field: "amount")
        assertRejected(feedLine(["amount": "\"¥2.50\""]), field: "amount")
        assertRejected(feedLine(["amount": "\"2,50\""]), field: "amount")
        assertRejected(feedLine(["amount": "\"1e3\""]), field: "amount")
        assertRejected(feedLine(["amount": "100000000"]), field: "amount", mentioning: ["out of range"])
    }

    func testMalformedAmountStringsAreRejectedNotTruncated() {
        // "2.5.0" must not become ¥2.50, nor "." ¥0: a typo in a ledger amount has to surface.
        assertRejected(feedLine(["amount": "\"2.5.0\""]), field: "amount")
        assertRejected(feedLine(["amount": "\"1..2\""]), field: "amount")
        assertRejected(feedLine(["amount": "\".\""]), field: "amount")
    }

    func testRenameNeedsTheNewName() {
        assertRejected(feedLine(["kind": "\"rename\""]), field: "member_name", mentioning: ["rename"])
        assertRejected(feedLine(["kind": "\"rename\"", "member_name": "null"]), field: "member_name")
    }

    func testRenameToAnEmptyNameIsRejected() {
        // An empty new name is dropped by the store (empty names never overwrite), so accepting the line
        // would make the rename a silent no-op.
        assertRejected(feedLine(["kind": "\"rename\"", "member_name": "\"\""]), field: "member_name")
    }

    func testTheFirstProblemIsReportedForALineWithSeveral() {
        // v is checked first: a line from a future format is reported as such, not as a pile of field errors.
        assertRejected(feedLine(["v": "2", "kind": "\"nope\"", "ts": "\"later\""]), field: "v")
    }
}
