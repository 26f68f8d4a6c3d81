import Foundation
import XCTest

import TelegramBotDouble

/// A wrong token and an unknown method answer as Telegram does: 401 and 404 JSON bodies.
final class AuthAndRoutingTests: XCTestCase {
    func testWrongTokenIsUnauthorized() async throws {
        let api = try await TelegramBotDouble(token: "111:right")
        let answer = try await BotAPIClient(api, token: "111:wrong").call("getMe")
        XCTAssertEqual(answer.status, 401)
        XCTAssertEqual(answer.contentType, "application/json")
        XCTAssertEqual(answer.json, ["ok": false, "error_code": 401, "description": "Unauthorized"])
        XCTAssertEqual(api.calls.map(\.status), [401])
        await api.stop()
    }

    func testUnknownMethodIsNotFound() async throws {
        let api = try await TelegramBotDouble()
        let answer = try await BotAPIClient(api).call("sendRedPacket")
        XCTAssertEqual(answer.status, 404)
        XCTAssertEqual(answer.json, ["ok": false, "error_code": 404, "description": "Not Found"])
        await api.stop()
    }

    func testGetMeDescribesTheBotFromTheToken() async throws {
        let api = try await TelegramBotDouble(token: "987654:abc")
        let answer = try await BotAPIClient(api).call("getMe")
        XCTAssertEqual(answer.json?["ok"], true)
        XCTAssertEqual(answer.json?["result"]?["id"], 987654)
        XCTAssertEqual(answer.json?["result"]?["is_bot"], true)
        XCTAssertEqual(api.baseURL.host, "127.0.0.1")
        XCTAssertNotEqual(api.baseURL.port ?? 0, 0)
        await api.stop()
    }
}
