import Foundation
import XCTest

@testable import QunCore

/// The outbox contract: every command survives its stored JSON, ids stay the platform's own numbers,
/// and the JSON is what docs/connectors.md says a connector reads.
final class OutboxCommandTests: XCTestCase {
    let chat = PlatformID.number(-1_001_234_567_890)
    let user = PlatformID.number(42)
    let until = Date(timeIntervalSince1970: 1_800_000_000)

    var everyCommand: [OutboxCommand] {
        [
            .sendMessage(chat: chat, text: "@小李 ⚠️ 警告 1", entities: [MessageEntity(kind: .textMention, offset: 0, length: 3, user: user)], replyTo: .number(7)),
            .sendRedPacket(chat: .text("wx-room@chatroom"), amount: Money(fen: 250), slots: 20, text: "🧧 赣南脐橙"),
            .deleteMessages(chat: chat, ids: [.number(1), .number(2)]),
            .banMember(chat: chat, user: user, until: until, revokeMessages: true),
            .removeMember(chat: chat, user: user),
            .unbanMember(chat: chat, user: user),
            .restrictMember(chat: chat, user: user, permissions: .muted, until: until),
            .liftRestrictions(chat: chat, user: user),
            .approveJoinRequest(chat: chat, user: user),
            .declineJoinRequest(chat: chat, user: user),
        ]
    }

    func testEveryCommandRoundTripsThroughItsJSON() throws {
        for command in everyCommand {
            XCTAssertEqual(try OutboxCommand(json: command.json), command, command.json)
        }
        XCTAssertEqual(Set(everyCommand.map(\.verb)), Set(OutboxCommand.verbs), "every verb is listed for docs and filters")
    }

    func testJSONCarriesTheVersionTypeAndNumericIds() throws {
        let json = OutboxCommand.banMember(chat: chat, user: user, until: until, revokeMessages: false).json
        XCTAssertEqual(json, #"{"chat":-1001234567890,"type":"ban_member","until":1800000000,"user":42,"v":1}"#)
        let wechat = OutboxCommand.approveJoinRequest(chat: .text("123@chatroom"), user: .text("wxid_abc")).json
        XCTAssertEqual(wechat, #"{"chat":"123@chatroom","type":"approve_join_request","user":"wxid_abc","v":1}"#)
    }

    func testANewerVersionOrUnknownTypeIsRefusedWithTheField() {
        XCTAssertThrowsError(try OutboxCommand(json: #"{"v":2,"type":"ban_member","chat":1,"user":2}"#)) { error in
            XCTAssertTrue("\(error)".contains("version 2"), "\(error)")
        }
        XCTAssertThrowsError(try OutboxCommand(json: #"{"v":1,"type":"pin_message","chat":1}"#)) { error in
            XCTAssertTrue("\(error)".contains("pin_message"), "\(error)")
        }
    }

    func testMovingToAnotherChatKeepsEverythingElse() {
        let moved = PlatformID.number(-100_999)
        for command in everyCommand {
            let after = command.moved(to: moved)
            XCTAssertEqual(after.chat, moved)
            XCTAssertEqual(after.verb, command.verb)
            XCTAssertEqual(after.user, command.user)
            XCTAssertEqual(after.moved(to: command.chat), command)
        }
    }

    func testStoredIdsParseDigitsAsNumbers() {
        XCTAssertEqual(PlatformID(stored: "-1001234"), .number(-1_001_234))
        XCTAssertEqual(PlatformID(stored: "g1"), .text("g1"))
        XCTAssertEqual(PlatformID(stored: "name:小李"), .text("name:小李"))
    }

    func testMentionsUseUTF16OffsetsAndNeverOverlap() {
        let text = "🎉 恭喜 @Café☕️ 和 @小李 手气最佳，@小李 再接再厉"
        let found = MessageEntity.mentions(in: text, members: [(.number(1), "Café☕️"), (.number(2), "小李"), (.number(3), "小")])
        let units = Array(text.utf16)
        let shown = found.map { String(decoding: units[$0.offset..<($0.offset + $0.length)], as: UTF16.self) }
        XCTAssertEqual(shown, ["@Café☕️", "@小李", "@小李"])
        XCTAssertEqual(found.map(\.user), [.number(1), .number(2), .number(2)], "\"@小\" is inside \"@小李\" and is not a second mention")
        XCTAssertEqual(found.first?.offset, 6, "🎉 is two UTF-16 units")
    }
}
