import Foundation
import QunCore
import QunIngest
import XCTest

@testable import QunConnect

/// Each outbox command as the Bot API calls that carry it out.
final class TelegramRequestsTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let chat = PlatformID.number(-1_001_234)
    let user = PlatformID.number(42)

    func methods(_ command: OutboxCommand) throws -> [String] {
        try TelegramRequests.requests(for: command, now: now).map(\.method)
    }

    func testEachCommandMapsToItsMethods() throws {
        XCTAssertEqual(try methods(.approveJoinRequest(chat: chat, user: user)), ["approveChatJoinRequest"])
        XCTAssertEqual(try methods(.declineJoinRequest(chat: chat, user: user)), ["declineChatJoinRequest"])
        XCTAssertEqual(try methods(.banMember(chat: chat, user: user, until: nil, revokeMessages: false)), ["banChatMember"])
        XCTAssertEqual(try methods(.removeMember(chat: chat, user: user)), ["banChatMember", "unbanChatMember"])
        XCTAssertEqual(try methods(.unbanMember(chat: chat, user: user)), ["unbanChatMember"])
        XCTAssertEqual(try methods(.deleteMessages(chat: chat, ids: [.number(5)])), ["deleteMessage"])
        XCTAssertEqual(try methods(.deleteMessages(chat: chat, ids: [.number(5), .number(6)])), ["deleteMessages"])
        XCTAssertEqual(try methods(.liftRestrictions(chat: chat, user: user)), ["restrictChatMember"])
        XCTAssertEqual(try methods(.sendMessage(chat: chat, text: "hi", entities: [], replyTo: nil)), ["sendMessage"])
    }

    func testRemoveLiftsItsBanOnlyIfBanned() throws {
        let requests = try TelegramRequests.requests(for: .removeMember(chat: chat, user: user), now: now)
        XCTAssertEqual(requests[1].parameters["only_if_banned"], .bool(true))
        XCTAssertEqual(requests[1].parameters["user_id"], .integer(42))
        XCTAssertEqual(requests[0].parameters["chat_id"], .integer(-1_001_234))
    }

    func testAShortMuteIsRaisedToAMinuteSoItIsNotForever() throws {
        let short = try TelegramRequests.requests(
            for: .restrictMember(chat: chat, user: user, permissions: .muted, until: now.addingTimeInterval(20)), now: now)
        XCTAssertEqual(short[0].parameters["until_date"], .integer(1_800_000_060))
        let hour = try TelegramRequests.requests(
            for: .restrictMember(chat: chat, user: user, permissions: .muted, until: now.addingTimeInterval(3600)), now: now)
        XCTAssertEqual(hour[0].parameters["until_date"], .integer(1_800_003_600))
        XCTAssertEqual(hour[0].parameters["permissions"]?["can_send_messages"], .bool(false))
    }

    func testMentionsGoAsEntitiesWithTheMembersId() throws {
        let text = "@小李🚗 ⚠️ 警告 1：广告"
        let entity = MessageEntity(kind: .textMention, offset: 0, length: 5, user: user)
        let request = try TelegramRequests.requests(for: .sendMessage(chat: chat, text: text, entities: [entity], replyTo: nil), now: now)[0]
        XCTAssertNil(request.parameters["parse_mode"], "no Markdown: Chinese and emoji need no escaping")
        let sent = try XCTUnwrap(request.parameters["entities"]?.arrayValue?.first)
        XCTAssertEqual(sent["type"], .string("text_mention"))
        XCTAssertEqual(sent["user"]?["id"], .integer(42))
        XCTAssertEqual(sent["user"]?["first_name"], .string("小李🚗"))
    }

    func testWhatTelegramCannotDoIsRefusedWithAReason() {
        XCTAssertThrowsError(try methods(.sendRedPacket(chat: chat, amount: Money(fen: 200), slots: 10, text: "🧧"))) { error in
            XCTAssertTrue("\(error)".contains("红包"), "\(error)")
        }
        XCTAssertThrowsError(try methods(.banMember(chat: .text("wx-group"), user: user, until: nil, revokeMessages: false))) { error in
            XCTAssertTrue("\(error)".contains("not a Telegram id"), "\(error)")
        }
    }
}
