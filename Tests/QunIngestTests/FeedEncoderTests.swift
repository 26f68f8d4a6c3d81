import Foundation
import XCTest

import QunCore
@testable import QunIngest

/// `export --format jsonl` writes events with `FeedEncoder`; the docs promise an export re-ingests as-is.
final class FeedEncoderTests: XCTestCase {
    func roundTrip(_ event: Event, file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        let encoded = try FeedEncoder().encode(event)
        XCTAssertFalse(encoded.contains("\n"), "one event, one line", file: file, line: line)
        return try FeedParser().parse(encoded).get()
    }

    func testEveryFieldRoundTrips() throws {
        let original = Event(
            source: "wecom-relay", externalID: "m-10231", groupID: "zz-jinshui-1",
            timestamp: Date(timeIntervalSince1970: 1_795_388_405.123), kind: .redpacketClaim, memberID: "wx_8812",
            groupName: "郑州·金水花园1群", memberName: "郑州+金水+小李 \"Lee\"",
            text: "早安☀️\n第二行\t\"引号\" \\ 反斜杠 / https://t.cn/A6xYz \u{200B}", actorID: "wx_0001", via: .inviteLink,
            replyTo: "m-10230", amount: Money(fen: 1_234), campaignID: "flash-1111")
        let back = try roundTrip(original)
        XCTAssertEqual(back.source, original.source)
        XCTAssertEqual(back.externalID, original.externalID)
        XCTAssertEqual(back.groupID, original.groupID)
        XCTAssertEqual(back.kind, original.kind)
        XCTAssertEqual(back.memberID, original.memberID)
        XCTAssertEqual(back.groupName, original.groupName)
        XCTAssertEqual(back.memberName, original.memberName)
        XCTAssertEqual(back.text, original.text)
        XCTAssertEqual(back.actorID, original.actorID)
        XCTAssertEqual(back.via, original.via)
        XCTAssertEqual(back.replyTo, original.replyTo)
        XCTAssertEqual(back.amount, original.amount)
        XCTAssertEqual(back.campaignID, original.campaignID)
        XCTAssertEqual(back.timestamp.timeIntervalSince1970, original.timestamp.timeIntervalSince1970, accuracy: 0.0005)
        XCTAssertEqual(FeedEncoder.timestamp(back.timestamp), "2026-11-22T23:00:05.123Z")
    }

    func testEventWithOnlyRequiredFieldsRoundTripsExactly() throws {
        let original = Event(
            source: "s", externalID: "1", groupID: "g", timestamp: Date(timeIntervalSince1970: 1_795_388_405), kind: .leave,
            memberID: "u")
        XCTAssertEqual(try roundTrip(original), original)
        // Absent fields are left out rather than written as null.
        let encoded = try FeedEncoder().encode(original)
        for key in ["text", "amount", "actor", "via", "campaign", "member_name", "group_name", "reply_to"] {
            XCTAssertFalse(encoded.contains("\"\(key)\""), "\(key) in \(encoded)")
        }
        XCTAssertTrue(encoded.contains("\"v\":1"), encoded)
    }

    func testEveryKindAndJoinSourceRoundTrips() throws {
        for kind in EventKind.allCases {
            var event = Event(
                source: "s", externalID: kind.rawValue, groupID: "g", timestamp: Date(timeIntervalSince1970: 1_795_388_405),
                kind: kind, memberID: "u", memberName: "名字")
            event.via = JoinSource.allCases[kind.rawValue.count % JoinSource.allCases.count]
            XCTAssertEqual(try roundTrip(event), event, kind.rawValue)
        }
    }

    func testAmountsAreExact() throws {
        for fen: Int64 in [0, 1, 7, 10, 37, 99, 250, 1_999, 3_990, 100_000, 123_456_789, 9_999_999_999] {
            let event = Event(
                source: "s", externalID: "a\(fen)", groupID: "g", timestamp: Date(timeIntervalSince1970: 1_795_388_405),
                kind: .order, memberID: "u", amount: Money(fen: fen))
            XCTAssertEqual(try roundTrip(event).amount, Money(fen: fen), "\(fen) fen")
        }
    }

    func testTimestampsKeepTheirMilliseconds() throws {
        for seconds in [1_795_388_405.0, 1_795_388_405.001, 1_795_388_405.5, 1_795_388_405.999, 0.25, 1_000_000_000.123] {
            let event = Event(
                source: "s", externalID: "t", groupID: "g", timestamp: Date(timeIntervalSince1970: seconds), kind: .message,
                memberID: "u")
            let back = try roundTrip(event).timestamp.timeIntervalSince1970
            XCTAssertEqual(back, seconds, accuracy: 0.0005, "\(seconds)")
            XCTAssertEqual(FeedEncoder.timestamp(Date(timeIntervalSince1970: back)), FeedEncoder.timestamp(event.timestamp))
        }
    }

    func testTimestampFormat() {
        XCTAssertEqual(FeedEncoder.timestamp(Date(timeIntervalSince1970: 1_795_388_405)), "2026-11-22T23:00:05.000Z")
        XCTAssertEqual(FeedEncoder.timestamp(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        // Rounding to the millisecond carries into the next second.
        XCTAssertEqual(FeedEncoder.timestamp(Date(timeIntervalSince1970: 1_795_388_405.9996)), "2026-11-22T23:00:06.000Z")
        XCTAssertEqual(FeedEncoder.timestamp(Date(timeIntervalSince1970: -1.5)), "1969-12-31T23:59:58.500Z")
        XCTAssertEqual(FeedEncoder.timestamp(Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00.000Z")
    }

    func testSlashesAreNotEscaped() throws {
        let event = Event(
            source: "s", externalID: "1", groupID: "g", timestamp: Date(timeIntervalSince1970: 0), kind: .message,
            memberID: "u", text: "https://t.cn/A6xYz")
        XCTAssertTrue(try FeedEncoder().encode(event).contains("https://t.cn/A6xYz"))
    }

    func testNewGroupSettingsAndRoleSurviveTheRoundTrip() throws {
        // An export re-ingested into an empty store must recreate a Berlin group in Berlin time (its
        // check-in days depend on it), on its platform, with its owner. The feed has fields for all three.
        let original = Event(
            source: "s", externalID: "1", groupID: "berlin", timestamp: Date(timeIntervalSince1970: 1_795_388_405),
            kind: .join, memberID: "owner", groupName: "Berlin 华人群", groupPlatform: .telegram,
            groupTimeZoneID: "Europe/Berlin", memberRole: .owner)
        let back = try roundTrip(original)
        XCTAssertEqual(back.groupTimeZoneID, "Europe/Berlin")
        XCTAssertEqual(back.groupPlatform, .telegram)
        XCTAssertEqual(back.memberRole, .owner)
    }
}
