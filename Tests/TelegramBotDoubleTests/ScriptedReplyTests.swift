import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import XCTest

import TelegramBotDouble

/// Each scripted answer goes out with Telegram's status, wording and `parameters`, is used the
/// number of times asked, and then the method answers normally again.
final class ScriptedReplyTests: XCTestCase {
    private let ban: [String: BotJSON] = ["chat_id": -1001234, "user_id": 42]

    private func scripted(_ reply: ScriptedReply, method: String = "banChatMember") async throws -> BotAPIClient.Answer {
        let api = try await TelegramBotDouble()
        api.respond(to: method, with: reply)
        let answer = try await BotAPIClient(api).post(method, ban.merging(["message_id": 5, "text": "x"]) { a, _ in a })
        XCTAssertEqual(api.calls(to: method).first?.status, answer.status, "the recorded status is the one answered")
        await api.stop()
        return answer
    }

    func testTooManyRequestsCarriesRetryAfter() async throws {
        let answer = try await scripted(.tooManyRequests(retryAfter: 7))
        XCTAssertEqual(answer.status, 429)
        XCTAssertEqual(answer.contentType, "application/json")
        XCTAssertEqual(answer.json, [
            "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 7", "parameters": ["retry_after": 7],
        ])
    }

    func testInternalServerErrorIsJSON() async throws {
        let answer = try await scripted(.serverError(status: 500))
        XCTAssertEqual(answer.status, 500)
        XCTAssertEqual(answer.json, ["ok": false, "error_code": 500, "description": "Internal Server Error"])
    }

    func testServiceUnavailableIsJSON() async throws {
        let answer = try await scripted(.serverError(status: 503))
        XCTAssertEqual(answer.status, 503)
        XCTAssertEqual(answer.json?["error_code"], 503)
    }

    func testBadGatewayIsAProxyPageNotJSON() async throws {
        let answer = try await scripted(.serverError(status: 502))
        XCTAssertEqual(answer.status, 502)
        XCTAssertEqual(answer.contentType, "text/html")
        XCTAssertNil(answer.json)
        XCTAssertTrue(answer.text.contains("502 Bad Gateway"), answer.text)
    }

    func testBadRequestPresets() async throws {
        let presets: [(ScriptedReply, String)] = [
            (.messageToDeleteNotFound, "Bad Request: message to delete not found"),
            (.messageCantBeDeleted, "Bad Request: message can't be deleted"),
            (.chatNotFound, "Bad Request: chat not found"),
        ]
        for (reply, description) in presets {
            let answer = try await scripted(reply, method: "deleteMessage")
            XCTAssertEqual(answer.status, 400)
            XCTAssertEqual(answer.json, ["ok": false, "error_code": 400, "description": .string(description)])
        }
    }

    func testMigrationNamesTheSupergroup() async throws {
        let answer = try await scripted(.migrated(toChatID: -1_009_876_543_210), method: "sendMessage")
        XCTAssertEqual(answer.status, 400)
        XCTAssertEqual(answer.json, [
            "ok": false, "error_code": 400, "description": "Bad Request: group chat was upgraded to a supergroup chat",
            "parameters": ["migrate_to_chat_id": -1_009_876_543_210],
        ])
    }

    func testForbiddenPresets() async throws {
        let presets: [(ScriptedReply, String)] = [
            (.kickedFromSupergroup, "Forbidden: bot was kicked from the supergroup chat"),
            (.kickedFromGroup, "Forbidden: bot was kicked from the group chat"),
            (.groupChatDeleted, "Forbidden: the group chat was deleted"),
        ]
        for (reply, description) in presets {
            let answer = try await scripted(reply)
            XCTAssertEqual(answer.status, 403)
            XCTAssertEqual(answer.json, ["ok": false, "error_code": 403, "description": .string(description)])
        }
    }

    func testScriptedUnauthorized() async throws {
        let answer = try await scripted(.unauthorized, method: "getMe")
        XCTAssertEqual(answer.json, ["ok": false, "error_code": 401, "description": "Unauthorized"])
    }

    func testScriptsAreUsedTheirNumberOfTimesThenNormalAnswersResume() async throws {
        let api = try await TelegramBotDouble()
        api.respond(to: "banChatMember", with: .serverError(status: 500), times: 2)
        api.respond(to: "banChatMember", with: .tooManyRequests(retryAfter: 1))
        let client = BotAPIClient(api)
        var statuses: [Int] = []
        for _ in 0..<4 { statuses.append(try await client.post("banChatMember", ban).status) }
        XCTAssertEqual(statuses, [500, 500, 429, 200])
        XCTAssertEqual(api.calls(to: "banChatMember").map(\.status), [500, 500, 429, 200])
        XCTAssertTrue(api.unusedScripts.isEmpty)
        await api.stop()
    }

    func testDelayedProceedTakesEffectButAnswersLate() async throws {
        let api = try await TelegramBotDouble()
        api.respond(to: "sendMessage", with: .delay(seconds: 1.4, then: .proceed))
        // Whole seconds: corelibs Foundation truncates a shorter timeout to zero.
        let impatient = BotAPIClient(api, timeout: 1)
        do {
            let answer = try await impatient.post("sendMessage", ["chat_id": -1001234, "text": "活动开始"])
            XCTFail("expected a client timeout, got \(answer.status)")
        } catch let error as URLError {
            XCTAssertEqual(error.code, .timedOut)
        }
        // The double did post it: the answer it gave late names the message a client never learnt of.
        let answered = try await api.waitForAnswers(to: "sendMessage", count: 1, timeout: 3)
        XCTAssertEqual(answered.map(\.status), [200])
        await api.stop()
    }

    func testDelayThenAnError() async throws {
        let api = try await TelegramBotDouble()
        api.respond(to: "getMe", with: .delay(seconds: 0.2, then: .serverError(status: 500)))
        let started = Date()
        let answer = try await BotAPIClient(api).call("getMe")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.19)
        XCTAssertEqual(answer.status, 500)
        await api.stop()
    }

    func testHangNeverAnswersAndStopReleasesIt() async throws {
        let api = try await TelegramBotDouble()
        api.respond(to: "banChatMember", with: .hang)
        // One second: swift-corelibs-foundation truncates a request timeout to whole seconds, so a
        // shorter one times out at once, before the request is even sent.
        let client = BotAPIClient(api, timeout: 1)
        let started = Date()
        do {
            _ = try await client.post("banChatMember", ban)
            XCTFail("a hung call should not be answered")
        } catch let error as URLError {
            XCTAssertEqual(error.code, .timedOut, "\(error)")
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.9)
        XCTAssertEqual(api.calls(to: "banChatMember").map(\.status), [nil])
        // Other calls are still served while one hangs.
        let other = try await BotAPIClient(api).call("getMe")
        XCTAssertEqual(other.status, 200)
        let stopped = Date()
        await api.stop()
        XCTAssertLessThan(Date().timeIntervalSince(stopped), 2, "stop() must not wait for the hung request")
    }

    func testClosedConnectionIsANetworkErrorNotAnAnswer() async throws {
        let api = try await TelegramBotDouble()
        api.respond(to: "sendMessage", with: .closeConnection)
        do {
            let answer = try await BotAPIClient(api).post("sendMessage", ["chat_id": -1001234, "text": "x"])
            XCTFail("expected the connection to drop, got \(answer.status) \(answer.text)")
        } catch is URLError {
            // networkConnectionLost or cannotParseResponse, depending on the Foundation.
        }
        XCTAssertEqual(api.calls(to: "sendMessage").map(\.status), [nil])
        await api.stop()
    }

    func testAScriptCanBeNarrowedToOneChat() async throws {
        let api = try await TelegramBotDouble()
        api.respond(to: "sendMessage", with: .migrated(toChatID: -1_009_999), parameters: ["chat_id": "-4242"])
        let client = BotAPIClient(api)
        let other = try await client.post("sendMessage", ["chat_id": -1001234, "text": "x"])
        XCTAssertEqual(other.status, 200, "another chat is not affected")
        // Form-encoded, so the chat id arrives as text and still matches.
        let old = try await client.call("sendMessage", body: .form("chat_id=-4242&text=x"))
        XCTAssertEqual(old.json?["parameters"]?["migrate_to_chat_id"], -1_009_999)
        XCTAssertTrue(api.unusedScripts.isEmpty)
        await api.stop()
    }

    func testClearedCallsLeaveLaterAnswersRecorded() async throws {
        let api = try await TelegramBotDouble()
        api.respond(to: "getMe", with: .delay(seconds: 0.3, then: .proceed))
        let client = BotAPIClient(api)
        async let late = client.call("getMe")
        try await api.waitForCalls(to: "getMe", count: 1, timeout: 2)
        api.clearCalls()
        XCTAssertTrue(api.calls.isEmpty)
        _ = try await late
        let now = try await client.call("getMe")
        XCTAssertEqual(now.status, 200)
        XCTAssertEqual(api.calls.map(\.status), [200])
        XCTAssertEqual(api.calls.map(\.sequence), [2], "sequence numbers keep counting across a clear")
        await api.stop()
    }
}
