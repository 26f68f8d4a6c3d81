import Foundation
import XCTest

import TelegramBotDouble

/// Telegram takes parameters from the query string, a JSON body or a form body; the double must
/// read all three the same way, and record them so a test can check what a client sent.
final class ParameterEncodingTests: XCTestCase {
    func testJSONBodyKeepsTypesAndStructure() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        let entities: BotJSON = [["type": "bold", "offset": 0, "length": 2]]
        let answer = try await client.post("sendMessage", ["chat_id": -1001234, "text": "你好👋", "entities": entities])
        XCTAssertEqual(answer.status, 200)
        let call = try XCTUnwrap(api.calls(to: "sendMessage").first)
        XCTAssertEqual(call.encoding, "json")
        XCTAssertEqual(call.parameters["chat_id"], .int(-1001234))
        XCTAssertEqual(call.string("text"), "你好👋")
        XCTAssertEqual(call.json("entities"), entities)
        await api.stop()
    }

    func testFormBodyIsDecodedAndStructuredValuesParse() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        let permissions = #"{"can_send_messages":false}"#
        let form = "chat_id=-1001234&user_id=42&until_date=1900000000&permissions="
            + permissions.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let answer = try await client.call("restrictChatMember", body: .form(form))
        XCTAssertEqual(answer.status, 200, answer.text)
        let call = try XCTUnwrap(api.calls(to: "restrictChatMember").first)
        XCTAssertEqual(call.encoding, "form")
        XCTAssertEqual(call.parameters["chat_id"], .string("-1001234"))
        XCTAssertEqual(call.int64("chat_id"), -1001234)
        XCTAssertEqual(call.int64("until_date"), 1_900_000_000)
        XCTAssertEqual(call.json("permissions"), ["can_send_messages": false])
        await api.stop()
    }

    func testFormPlusMeansSpace() async throws {
        let api = try await TelegramBotDouble()
        _ = try await BotAPIClient(api).call("sendMessage", body: .form("chat_id=-1&text=two+words%21"))
        XCTAssertEqual(api.calls(to: "sendMessage").first?.string("text"), "two words!")
        await api.stop()
    }

    func testQueryStringParameters() async throws {
        let api = try await TelegramBotDouble()
        let answer = try await BotAPIClient(api).call("banChatMember", query: "chat_id=-1001234&user_id=42&revoke_messages=true")
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.json, ["ok": true, "result": true])
        let call = try XCTUnwrap(api.calls(to: "banChatMember").first)
        XCTAssertEqual(call.encoding, "query")
        XCTAssertEqual(call.int64("user_id"), 42)
        XCTAssertEqual(call.bool("revoke_messages"), true)
        await api.stop()
    }

    func testMethodNamesAreCaseInsensitive() async throws {
        let api = try await TelegramBotDouble()
        let answer = try await BotAPIClient(api).call("GETME")
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.json?["result"]?["is_bot"], true)
        XCTAssertEqual(api.calls(to: "getMe").count, 1)
        await api.stop()
    }
}
