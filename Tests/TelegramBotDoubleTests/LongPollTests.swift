import Foundation
import XCTest

import TelegramBotDouble

/// getUpdates as documented: offsets confirm, long polls wait for an update or the timeout, and a
/// second poller terminates the first with 409.
final class LongPollTests: XCTestCase {
    func testLongPollReturnsWhenAnUpdateIsEnqueuedMidWait() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        let started = Date()
        async let answer = client.post("getUpdates", ["timeout": 5])
        try await api.waitUntilLongPolling(timeout: 2)
        XCTAssertTrue(api.isLongPolling)
        let id = api.enqueue(update: Fixtures.text(1, "来了"))
        let got = try await answer
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "the poll should end at the update, not the timeout")
        XCTAssertEqual(got.status, 200)
        XCTAssertEqual(got.json?["result"]?.arrayValue?.count, 1)
        XCTAssertEqual(got.json?["result"]?[0]?["update_id"], .int(id))
        XCTAssertEqual(got.json?["result"]?[0]?["message"]?["text"], "来了")
        await api.stop()
    }

    func testLongPollTimesOutWithAnEmptyResult() async throws {
        let api = try await TelegramBotDouble()
        let started = Date()
        let answer = try await BotAPIClient(api).call("getUpdates", query: "timeout=0.3")
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(answer.json, ["ok": true, "result": []])
        XCTAssertGreaterThanOrEqual(waited, 0.25)
        XCTAssertLessThan(waited, 2)
        await api.stop()
    }

    func testOffsetConfirmsEarlierUpdatesAndLimitCaps() async throws {
        let api = try await TelegramBotDouble(firstUpdateID: 500)
        for i in 1...3 { api.enqueue(update: Fixtures.text(Int64(i))) }
        let client = BotAPIClient(api)
        let first = try await client.post("getUpdates", ["limit": 2])
        XCTAssertEqual(first.updateIDs, [500, 501])
        // Without an offset nothing is confirmed: the same updates come again.
        let again = try await client.post("getUpdates", [:])
        XCTAssertEqual(again.updateIDs, [500, 501, 502])
        let next = try await client.post("getUpdates", ["offset": 502])
        XCTAssertEqual(next.updateIDs, [502])
        XCTAssertEqual(api.unconfirmedUpdateIDs, [502])
        _ = try await client.post("getUpdates", ["offset": 503])
        XCTAssertEqual(api.unconfirmedUpdateIDs, [])
        await api.stop()
    }

    func testNegativeOffsetKeepsOnlyTheLastUpdates() async throws {
        let api = try await TelegramBotDouble(firstUpdateID: 1)
        for i in 1...4 { api.enqueue(update: Fixtures.text(Int64(i))) }
        let answer = try await BotAPIClient(api).call("getUpdates", query: "offset=-1")
        XCTAssertEqual(answer.updateIDs, [4])
        XCTAssertEqual(api.unconfirmedUpdateIDs, [4])
        await api.stop()
    }

    func testGivenUpdateIDsAreKeptAndLaterOnesFollowThem() async throws {
        let api = try await TelegramBotDouble(firstUpdateID: 1)
        XCTAssertEqual(api.enqueue(update: #"{"update_id":9001,"message":{"message_id":1,"date":1,"chat":{"id":-5,"type":"group"},"text":"x"}}"#), 9001)
        XCTAssertEqual(api.enqueue(update: Fixtures.text(2)), 9002)
        await api.stop()
    }

    func testAllowedUpdatesFilterAndAreRemembered() async throws {
        let api = try await TelegramBotDouble(firstUpdateID: 1)
        api.enqueue(update: Fixtures.text(1))
        api.enqueue(update: TelegramUpdates.chatMember(chat: Fixtures.group, user: Fixtures.alice, change: .joined))
        let client = BotAPIClient(api)
        // The default leaves chat_member out.
        let byDefault = try await client.post("getUpdates", [:])
        XCTAssertEqual(byDefault.updateIDs, [1])
        let members = try await client.call("getUpdates", query: "allowed_updates=%5B%22chat_member%22%5D")
        XCTAssertEqual(members.updateIDs, [2])
        XCTAssertEqual(api.allowedUpdates, ["chat_member"])
        // A later call without allowed_updates keeps the last setting.
        let remembered = try await client.post("getUpdates", [:])
        XCTAssertEqual(remembered.updateIDs, [2])
        await api.stop()
    }

    func testAFilteredOutUpdateDoesNotEndALongPoll() async throws {
        let api = try await TelegramBotDouble(firstUpdateID: 1)
        let client = BotAPIClient(api)
        async let answer = client.post("getUpdates", ["timeout": 0.5, "allowed_updates": ["message"]])
        try await api.waitUntilLongPolling(timeout: 2)
        api.enqueue(update: TelegramUpdates.chatMember(chat: Fixtures.group, user: Fixtures.alice, change: .left))
        let got = try await answer
        XCTAssertEqual(got.json, ["ok": true, "result": []])
        await api.stop()
    }

    func testASecondPollerTerminatesTheFirstWith409() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        async let first = client.post("getUpdates", ["timeout": 5])
        try await api.waitUntilLongPolling(timeout: 2)
        async let second = client.post("getUpdates", ["timeout": 0.2])
        let terminated = try await first
        XCTAssertEqual(terminated.status, 409)
        XCTAssertEqual(terminated.json, [
            "ok": false, "error_code": 409,
            "description": "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        ])
        let survivor = try await second
        XCTAssertEqual(survivor.json, ["ok": true, "result": []])
        await api.stop()
    }

    func testGetUpdatesIsRefusedWhileAWebhookIsSet() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        _ = try await client.post("setWebhook", ["url": "https://example.invalid/hook"])
        let refused = try await client.post("getUpdates", [:])
        XCTAssertEqual(refused.status, 409)
        XCTAssertEqual(refused.json?["description"],
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
        _ = try await client.post("deleteWebhook", [:])
        let allowed = try await client.post("getUpdates", [:])
        XCTAssertEqual(allowed.status, 200)
        await api.stop()
    }

    func testALongPollDoesNotBlockOtherMethods() async throws {
        let api = try await TelegramBotDouble()
        let client = BotAPIClient(api)
        async let poll = client.post("getUpdates", ["timeout": 5])
        try await api.waitUntilLongPolling(timeout: 2)
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for user in 1...20 {
                group.addTask {
                    try await client.post("banChatMember", ["chat_id": -100, "user_id": .int(Int64(user))]).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(answers, Array(repeating: 200, count: 20))
        // Every ban was answered while the poll was still held open: nothing queued behind it.
        XCTAssertTrue(api.isLongPolling)
        api.enqueue(update: Fixtures.text(1))
        let polled = try await poll
        XCTAssertEqual(polled.updateIDs?.count, 1)
        XCTAssertEqual(Set(api.calls(to: "banChatMember").compactMap { $0.int64("user_id") }), Set(1...20))
        await api.stop()
    }
}

extension BotAPIClient.Answer {
    /// The update_ids a getUpdates answer carries, in order.
    var updateIDs: [Int64]? { json?["result"]?.arrayValue?.compactMap { $0["update_id"]?.int64Value } }
}
