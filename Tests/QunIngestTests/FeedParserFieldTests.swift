import Foundation
import XCTest

import QunCore
@testable import QunIngest

/// Lines the feed parser accepts, field by field.
final class FeedParserFieldTests: XCTestCase {
    func testMinimalLine() throws {
        let event = try XCTUnwrap(parsed(feedLine()))
        XCTAssertEqual(event.externalID, "e1")
        XCTAssertEqual(event.source, "wechat")
        XCTAssertEqual(event.groupID, "g1")
        XCTAssertEqual(event.timestamp, baseTimestamp)
        XCTAssertEqual(event.kind, .message)
        XCTAssertEqual(event.memberID, "u1")
        XCTAssertNil(event.groupName)
        XCTAssertNil(event.memberName)
        XCTAssertNil(event.text)
        XCTAssertNil(event.actorID)
        XCTAssertNil(event.via)
        XCTAssertNil(event.replyTo)
        XCTAssertNil(event.amount)
        XCTAssertNil(event.campaignID)
        XCTAssertNil(event.groupPlatform)
        XCTAssertNil(event.groupTimeZoneID)
        XCTAssertNil(event.memberRole)
    }

    func testVersionAsIntegerOrIntegralFloat() {
        XCTAssertNotNil(parsed(feedLine(["v": "1"])))
        XCTAssertNotNil(parsed(feedLine(["v": "1.0"])))
    }

    func testIdsAsStringsOrIntegers() throws {
        // Platform ids are often numbers; Telegram group ids are negative.
        let event = try XCTUnwrap(parsed(feedLine([
            "id": "123456789012", "group": "-1001234567890", "member": "42", "actor": "7", "reply_to": "123456789011",
            "campaign": "2026",
        ])))
        XCTAssertEqual(event.externalID, "123456789012")
        XCTAssertEqual(event.groupID, "-1001234567890")
        XCTAssertEqual(event.memberID, "42")
        XCTAssertEqual(event.actorID, "7")
        XCTAssertEqual(event.replyTo, "123456789011")
        XCTAssertEqual(event.campaignID, "2026")

        let strings = try XCTUnwrap(parsed(feedLine([
            "id": "\"msg-1\"", "group": "\"郑州·金水花园1群\"", "member": "\"wxid_abc\"", "actor": "\"owner\"",
            "reply_to": "\"msg-0\"", "campaign": "\"rp1\"",
        ])))
        XCTAssertEqual(strings.externalID, "msg-1")
        XCTAssertEqual(strings.groupID, "郑州·金水花园1群")
        XCTAssertEqual(strings.memberID, "wxid_abc")
        XCTAssertEqual(strings.actorID, "owner")
        XCTAssertEqual(strings.replyTo, "msg-0")
        XCTAssertEqual(strings.campaignID, "rp1")
    }

    func testTimestampForms() throws {
        let forms: [(String, Double)] = [
            ("\"2026-11-23T07:00:05+08:00\"", 1_795_388_405),
            ("\"2026-11-22T23:00:05Z\"", 1_795_388_405),
            ("\"2026-11-22T23:00:05.250Z\"", 1_795_388_405.25),
            ("\"2026-11-23T07:00:05.5+08:00\"", 1_795_388_405.5),
            ("\"2026-11-22T18:00:05-05:00\"", 1_795_388_405),
            ("1795388405", 1_795_388_405),
            ("1795388405.75", 1_795_388_405.75),
        ]
        for (raw, expected) in forms {
            let event = try XCTUnwrap(parsed(feedLine(["ts": raw])), raw)
            XCTAssertEqual(event.timestamp.timeIntervalSince1970, expected, accuracy: 1e-6, raw)
        }
    }

    func testEveryKind() throws {
        for kind in EventKind.allCases {
            // rename needs the new name; giving it to every kind keeps the loop uniform.
            let event = try XCTUnwrap(parsed(feedLine(["kind": json(kind.rawValue), "member_name": "\"新名字\""])))
            XCTAssertEqual(event.kind, kind)
        }
        XCTAssertEqual(EventKind.allCases.count, 10)
    }

    func testOptionalTextFields() throws {
        let event = try XCTUnwrap(parsed(feedLine([
            "group_name": json("郑州·金水花园1群"), "member_name": json("小李 \"Lee\""),
            "text": json("早安☀️\n第二行 https://t.cn/x"),
        ])))
        XCTAssertEqual(event.groupName, "郑州·金水花园1群")
        XCTAssertEqual(event.memberName, "小李 \"Lee\"")
        XCTAssertEqual(event.text, "早安☀️\n第二行 https://t.cn/x")
    }

    func testEmptyOptionalTextIsKept() throws {
        // A message with an empty body (a sticker, an image) is still a message.
        XCTAssertEqual(try XCTUnwrap(parsed(feedLine(["text": "\"\""]))).text, "")
    }

    func testNullOptionalFieldsAreAbsent() throws {
        let event = try XCTUnwrap(parsed(feedLine([
            "group_name": "null", "member_name": "null", "text": "null", "actor": "null", "via": "null", "reply_to": "null",
            "amount": "null", "campaign": "null", "platform": "null", "group_tz": "null", "role": "null",
        ])))
        XCTAssertNil(event.groupName)
        XCTAssertNil(event.text)
        XCTAssertNil(event.amount)
        XCTAssertNil(event.via)
        XCTAssertNil(event.groupPlatform)
        XCTAssertNil(event.groupTimeZoneID)
        XCTAssertNil(event.memberRole)
    }

    func testEveryJoinSource() throws {
        for via in JoinSource.allCases {
            let event = try XCTUnwrap(parsed(feedLine(["kind": "\"join\"", "via": json(via.rawValue)])))
            XCTAssertEqual(event.via, via)
        }
        XCTAssertEqual(Set(JoinSource.allCases.map(\.rawValue)), ["invite_link", "added", "qr", "request"])
    }

    func testAmounts() throws {
        let amounts: [(String, Int64)] = [
            ("2.5", 250), ("\"2.50\"", 250), ("3", 300), ("0", 0), ("0.01", 1), ("19.99", 1_999), ("\"0.07\"", 7),
            ("1234567.89", 123_456_789), ("\"88\"", 8_800),
        ]
        for (raw, fen) in amounts {
            let event = try XCTUnwrap(parsed(feedLine(["kind": "\"redpacket_claim\"", "amount": raw])), raw)
            XCTAssertEqual(event.amount, Money(fen: fen), raw)
        }
    }

    func testEveryPlatform() throws {
        for platform in Platform.allCases {
            let event = try XCTUnwrap(parsed(feedLine(["platform": json(platform.rawValue)])))
            XCTAssertEqual(event.groupPlatform, platform)
        }
    }

    func testGroupTimeZone() throws {
        for zone in ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC"] {
            XCTAssertEqual(try XCTUnwrap(parsed(feedLine(["group_tz": json(zone)]))).groupTimeZoneID, zone)
        }
    }

    func testRolesExceptPending() throws {
        for role in [MemberRole.owner, .admin, .agent, .member] {
            XCTAssertEqual(try XCTUnwrap(parsed(feedLine(["role": json(role.rawValue)]))).memberRole, role)
        }
    }

    func testRenameWithItsNewName() throws {
        let event = try XCTUnwrap(parsed(feedLine(["kind": "\"rename\"", "member_name": json("郑州+金水+小李")])))
        XCTAssertEqual(event.kind, .rename)
        XCTAssertEqual(event.memberName, "郑州+金水+小李")
    }

    func testUnknownFieldsAreIgnored() {
        // Newer writers may add fields; v 1 readers skip them.
        XCTAssertNotNil(parsed(feedLine(["x_extra": "{\"nested\":[1,2]}", "raw": "\"...\""])))
    }

    func testFieldOrderDoesNotMatter() throws {
        let line = #"{"member":"u1","kind":"message","ts":1795388405,"group":"g1","source":"wechat","id":"e1","v":1}"#
        let event = try XCTUnwrap(parsed(line))
        XCTAssertEqual(event.timestamp, baseTimestamp)
    }

    func testParsingBytesAndStringsAgree() throws {
        let line = feedLine(["text": json("早安")])
        let fromData = try FeedParser().parse(Data(line.utf8)).get()
        let fromString = try FeedParser().parse(line).get()
        XCTAssertEqual(fromData, fromString)
    }
}
