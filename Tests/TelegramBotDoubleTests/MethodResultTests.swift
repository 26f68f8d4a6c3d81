import Foundation
import XCTest

import TelegramBotDouble

/// Successful calls answer the documented result types, and a call missing what Telegram requires
/// gets Telegram's 400.
final class MethodResultTests: XCTestCase {
    private let group: BotJSON = .int(Fixtures.group.id)

    func testSendMessageReturnsAMessageWithIncreasingIDsAndTheEntities() async throws {
        let api = try await TelegramBotDouble()
        api.enqueue(update: Fixtures.text(1))
        let client = BotAPIClient(api)
        // "🎉活动" : the emoji is two UTF-16 units, so the bold 活动 starts at offset 2.
        let entities: BotJSON = [["type": "bold", "offset": 2, "length": 2]]
        let first = try await client.post("sendMessage", ["chat_id": group, "text": "🎉活动", "entities": entities])
        let second = try await client.post("sendMessage", ["chat_id": group, "text": "第二条"])
        let message = try XCTUnwrap(first.json?["result"])
        XCTAssertEqual(first.json?["ok"], true)
        XCTAssertEqual(message["chat"]?["id"], group)
        XCTAssertEqual(message["chat"]?["title"], "测试群", "a chat seen in an update keeps its title")
        XCTAssertEqual(message["text"], "🎉活动")
        XCTAssertEqual(message["entities"], entities)
        XCTAssertEqual(message["from"]?["is_bot"], true)
        XCTAssertNotNil(message["date"]?.int64Value)
        let ids = [first, second].compactMap { $0.json?["result"]?["message_id"]?.int64Value }
        XCTAssertEqual(ids.count, 2)
        XCTAssertLessThan(ids[0], ids[1])
        await api.stop()
    }

    func testMissingParametersGetTelegramsWording() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        let cases: [(String, [String: BotJSON], String)] = [
            ("sendMessage", ["text": "x"], "Bad Request: chat_id is empty"),
            ("sendMessage", ["chat_id": group], "Bad Request: message text is empty"),
            ("banChatMember", ["chat_id": group], "Bad Request: invalid user_id specified"),
            ("deleteMessage", ["chat_id": group], "Bad Request: message identifier is not specified"),
            ("getChat", ["chat_id": -42], "Bad Request: chat not found"),
        ]
        for (method, parameters, description) in cases {
            let answer = try await client.post(method, parameters)
            XCTAssertEqual(answer.status, 400, method)
            XCTAssertEqual(answer.json, ["ok": false, "error_code": 400, "description": .string(description)], method)
        }
        await api.stop()
    }

    func testDeletingTheSameMessageTwiceIsNotFound() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        let first = try await client.post("deleteMessage", ["chat_id": group, "message_id": 77])
        let again = try await client.post("deleteMessage", ["chat_id": group, "message_id": 77])
        XCTAssertEqual(first.json, ["ok": true, "result": true])
        XCTAssertEqual(again.json?["description"], "Bad Request: message to delete not found")
        let batch = try await client.post("deleteMessages", ["chat_id": group, "message_ids": [77, 78, 79]])
        XCTAssertEqual(batch.json, ["ok": true, "result": true])
        await api.stop()
    }

    func testAJoinRequestIsSettledOnce() async throws {
        let api = try await TelegramBotDouble()
        api.enqueue(update: TelegramUpdates.chatJoinRequest(chat: Fixtures.group, from: Fixtures.alice))
        let client = BotAPIClient(api)
        let request: [String: BotJSON] = ["chat_id": group, "user_id": .int(Fixtures.alice.id)]
        let approved = try await client.post("approveChatJoinRequest", request)
        let twice = try await client.post("declineChatJoinRequest", request)
        XCTAssertEqual(approved.json, ["ok": true, "result": true])
        XCTAssertEqual(twice.status, 400)
        XCTAssertEqual(twice.json?["description"], "Bad Request: HIDE_REQUESTER_MISSING")
        await api.stop()
    }

    func testModerationMethodsAnswerTrue() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        let member: [String: BotJSON] = ["chat_id": group, "user_id": 42]
        let calls: [(String, [String: BotJSON])] = [
            ("banChatMember", member.merging(["until_date": 0, "revoke_messages": true]) { a, _ in a }),
            ("unbanChatMember", member.merging(["only_if_banned": true]) { a, _ in a }),
            ("restrictChatMember", member.merging(["permissions": ["can_send_messages": false], "until_date": 1_900_000_000]) { a, _ in a }),
        ]
        for (method, parameters) in calls {
            let answer = try await client.post(method, parameters)
            XCTAssertEqual(answer.json, ["ok": true, "result": true], method)
            if method == "banChatMember" { XCTAssertTrue(api.isBanned(chat: Fixtures.group.id, user: 42)) }
        }
        XCTAssertFalse(api.isBanned(chat: Fixtures.group.id, user: 42), "unbanChatMember lifts the ban")
        let unrestricted = try await client.post("restrictChatMember", member)
        XCTAssertEqual(unrestricted.status, 400, "permissions are required")
        await api.stop()
    }

    func testGetChatDescribesAKnownChat() async throws {
        let api = try await TelegramBotDouble()
        api.addChat(TelegramUpdates.Chat(id: -1_000_000_000_001, title: "运营群"))
        let answer = try await BotAPIClient(api).call("getChat", query: "chat_id=-1000000000001")
        XCTAssertEqual(answer.json?["result"], ["id": -1_000_000_000_001, "title": "运营群", "type": "supergroup"])
        await api.stop()
    }
}
