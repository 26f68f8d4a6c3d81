import Foundation
import GRDB
import XCTest

import QunConnect
import QunCore
@testable import QunStore
import TelegramBotDouble

/// Each error class of docs/connectors.md against the answers Telegram gives, as the double words them.
final class DeliveryErrorTests: XCTestCase {
    static let chat = PlatformID.number(People.group.id)

    static func post(_ text: String) -> OutboxCommand { .sendMessage(chat: chat, text: text, entities: [], replyTo: nil) }
    static func ban(_ user: Int64, chat: PlatformID = chat) -> OutboxCommand {
        .banMember(chat: chat, user: .number(user), until: nil, revokeMessages: false)
    }

    func testTooManyRequestsWaitsRetryAfterForThatChat() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let ids = try h.enqueue([Self.post("第一条"), Self.post("第二条")])
            h.double.respond(to: "sendMessage", with: .tooManyRequests(retryAfter: 3))
            let connector = h.connector(once: false)
            let running = h.start(connector)

            let first = try await h.double.waitForAnswers(to: "sendMessage", count: 1, timeout: 5)[0]
            XCTAssertEqual(first.status, 429)
            let limited = try await h.waitForStore("item \(ids[0]) back to pending") {
                try h.item(ids[0]).state == .pending && h.item(ids[0]).nextAttemptAt != nil ? try h.item(ids[0]) : nil
            }
            XCTAssertEqual(limited.nextAttemptAt!.timeIntervalSince(first.receivedAt), 3, accuracy: 1)
            XCTAssertEqual(limited.lastError, "429 Too Many Requests: retry after 3")

            let all = try await h.double.waitForCalls(to: "sendMessage", count: 3, timeout: 8)
            XCTAssertGreaterThanOrEqual(all[1].receivedAt.timeIntervalSince(first.receivedAt), 2.95, "no request to the chat before retry_after")
            try await h.waitForStore("both posts sent") { try ids.allSatisfy { try h.item($0).state == .sent } ? true : nil }
            connector.stop()
            let outcome = await running.value
            XCTAssertNil(outcome)
            XCTAssertEqual(h.double.calls(to: "sendMessage").count, 3, "one refused, then each post once")
        }
    }

    func testServerErrorsAreRetriedWithBackoff() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let id = try h.enqueue([Self.ban(900)])[0]
            // The proxy's HTML page, not the JSON envelope.
            h.double.respond(to: "banChatMember", with: .serverError(status: 502))
            let connector = h.connector(once: false)
            let running = h.start(connector)

            let first = try await h.double.waitForAnswers(to: "banChatMember", count: 1, timeout: 5)[0]
            XCTAssertEqual(first.status, 502)
            let failed = try await h.waitForStore("a retry scheduled") {
                let item = try h.item(id)
                return item.state == .pending && item.nextAttemptAt != nil ? item : nil
            }
            XCTAssertEqual(failed.attempts, 1)
            XCTAssertTrue(failed.lastError?.contains("502") == true, failed.lastError ?? "")
            XCTAssertEqual(failed.nextAttemptAt!.timeIntervalSince(first.receivedAt), DeliveryVerdict.backoff(attempt: 1), accuracy: 1)

            let calls = try await h.double.waitForAnswers(to: "banChatMember", count: 2, timeout: 6)
            XCTAssertGreaterThanOrEqual(calls[1].receivedAt.timeIntervalSince(first.receivedAt), DeliveryVerdict.backoff(attempt: 1) - 0.05)
            let sent = try await h.waitForStore("sent on the retry") { try h.item(id).state == .sent ? try h.item(id) : nil }
            XCTAssertEqual(sent.attempts, 2)
            connector.stop()
            _ = await running.value
            XCTAssertEqual(h.double.calls(to: "banChatMember").count, 2)
        }
    }

    func testDeleteErrorsDoneOrFailedByTheirWording() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let ids = try h.enqueue([
                .deleteMessages(chat: Self.chat, ids: [.number(71)]),
                .deleteMessages(chat: Self.chat, ids: [.number(72)]),
            ])
            h.double.respond(to: "deleteMessage", with: .messageToDeleteNotFound, parameters: ["message_id": "71"])
            h.double.respond(to: "deleteMessage", with: .messageCantBeDeleted, parameters: ["message_id": "72"])
            try await h.runOnce()

            XCTAssertEqual(h.double.calls(to: "deleteMessage").count, 2)
            XCTAssertEqual(try h.item(ids[0]).state, .sent, "already gone: the goal holds")
            let old = try h.item(ids[1])
            XCTAssertEqual(old.state, .failed)
            XCTAssertTrue(old.lastError?.contains("message can't be deleted") == true, old.lastError ?? "")
            try await h.runOnce()
            XCTAssertEqual(h.double.calls(to: "deleteMessage").count, 2, "neither is tried again")
        }
    }

    func testAnUpgradedGroupGetsItsNewChatIDAndTheRetryGoesThere() async throws {
        try await ConnectorHarness.with { h in
            let basic = TelegramUpdates.Chat(id: -4_001, title: "老群", type: "group")
            let upgraded: Int64 = -1_000_000_004_001
            try await h.ingest([TelegramUpdates.message(id: 81, chat: basic, from: People.spammer, text: "加微信领红包")])
            try h.store.act(on: [try h.caseID(member: People.spammer.id, kind: .flaggedMessage)], .ban, actor: "admin")
            try h.enqueue([Self.ban(669, chat: .number(basic.id))], group: "-4001")
            // Telegram answers every request to the old id so.
            h.double.respond(to: "banChatMember", with: .migrated(toChatID: upgraded), times: 2, parameters: ["chat_id": "-4001"])
            try await h.runOnce()

            let bans = h.double.calls(to: "banChatMember")
            XCTAssertEqual(bans.map { $0.int64("chat_id") }, [basic.id, upgraded, upgraded], "after the answer, nothing more goes to the old id")
            XCTAssertEqual(bans.map(\.status), [400, 200, 200])
            let items = try h.store.outbox()
            XCTAssertEqual(items.map(\.state), [.sent, .sent])
            XCTAssertEqual(items.map(\.command.chat), [.number(upgraded), .number(upgraded)])
            XCTAssertEqual(try h.store.groupsByMovedChat(), [String(upgraded): "-4001"])

            // Later actions go to the new chat, and its updates land in the same group.
            let newChat = TelegramUpdates.Chat(id: upgraded, title: "老群", type: "supergroup")
            let other = TelegramUpdates.User(id: 668, firstName: "又来")
            try await h.ingest([TelegramUpdates.message(id: 5, chat: newChat, from: other, text: "加微信领红包")])
            let flagged = try h.caseID(member: other.id, kind: .flaggedMessage)
            XCTAssertEqual(try h.store.moderationQueue().first { $0.id == flagged }?.item.groupID, "-4001")
            try h.store.act(on: [flagged], .ban, actor: "admin")
            try await h.runOnce()
            XCTAssertEqual(h.double.calls(to: "banChatMember").map { $0.int64("chat_id") }, [upgraded])
        }
    }

    func testAKickedBotFailsTheItemAndDisconnectsTheGroup() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            try h.makeGroup(-1_009_999, name: "另一个群")
            let ids = try h.enqueue([Self.ban(901), Self.ban(902), Self.ban(903)])
            let elsewhere = try h.enqueue([Self.ban(904, chat: .number(-1_009_999))], group: "-1009999")[0]
            h.double.respond(to: "banChatMember", with: .kickedFromSupergroup, parameters: ["chat_id": People.groupID])
            try await h.runOnce()

            XCTAssertEqual(h.double.calls(to: "banChatMember").filter { $0.int64("chat_id") == People.group.id }.count, 1,
                           "once the bot is out, the rest of the group's items are not sent")
            let first = try h.item(ids[0])
            XCTAssertEqual(first.state, .failed)
            XCTAssertEqual(first.lastError, "403 Forbidden: bot was kicked from the supergroup chat")
            XCTAssertEqual(try ids.dropFirst().map { try h.item($0).state }, [.pending, .pending], "they wait for the bot to be back")
            XCTAssertEqual(try h.item(elsewhere).state, .sent, "other groups carry on")
            let delivery = try XCTUnwrap(h.store.deliveryByGroup()[People.groupID])
            XCTAssertEqual(delivery.disconnected, "403 Forbidden: bot was kicked from the supergroup chat")
            XCTAssertEqual(delivery.failed, 1)
            XCTAssertEqual(delivery.awaiting, 2)

            // Nothing of that group is claimed while it is disconnected.
            try h.enqueue([Self.post("还在吗")])
            try await h.runOnce()
            XCTAssertEqual(h.double.calls.filter { $0.int64("chat_id") == People.group.id }.count, 1)
            XCTAssertEqual(try h.store.outbox(states: [.claimed]).count, 0)

            // An admin adds the bot back: what waited goes out (the first run may store that only after its drain).
            h.double.clearCalls()
            h.double.enqueue(
                update: TelegramUpdates.myChatMember(
                    chat: People.group, bot: h.double.botUser, by: People.admin, oldStatus: "left", newStatus: "administrator"))
            try await h.runOnce()
            try await h.runOnce()
            XCTAssertNil(try h.store.deliveryByGroup()[People.groupID]?.disconnected)
            XCTAssertEqual(Set(h.double.calls(to: "banChatMember").compactMap { $0.int64("user_id") }), [902, 903])
            XCTAssertEqual(h.double.calls(to: "sendMessage").map { $0.string("text") }, ["还在吗"])
            XCTAssertEqual(try ids.map { try h.item($0).state }, [.failed, .sent, .sent])
        }
    }

    func testARefusedTokenStopsTheConnector() async throws {
        try await ConnectorHarness.with { h in
            do {
                try await h.connector(token: "999:revoked").run()
                XCTFail("a refused token must stop the connector")
            } catch let stop as ConnectorStop {
                guard case let .unauthorized(text) = stop else { return XCTFail("\(stop)") }
                XCTAssertTrue(text.contains("401") && text.contains("QUNDECK_TELEGRAM_TOKEN"), text)
                XCTAssertFalse(text.contains("999:revoked"), "the token never appears in messages")
            }
            XCTAssertEqual(h.double.calls.map(\.method), ["getMe"], "nothing else is tried with a refused token")

            // Revoked while running: the item in hand goes back to pending and the connector stops.
            try h.makeGroup()
            let ids = try h.enqueue([Self.ban(905), Self.ban(906)])
            h.double.respond(to: "banChatMember", with: .unauthorized)
            let connector = h.connector(once: false)
            let outcome = await h.start(connector).value
            guard case .unauthorized? = outcome as? ConnectorStop else { return XCTFail("\(String(describing: outcome))") }
            XCTAssertEqual(h.double.calls(to: "banChatMember").count, 1)
            XCTAssertEqual(try ids.map { try h.item($0).state }, [.pending, .pending], "nothing is left claimed by a stopped connector")
            XCTAssertEqual(try h.store.connectorStatuses().first?.state, .failed)
        }
    }

    func testASecondPollerIsAConflictNotALoop() async throws {
        try await ConnectorHarness.with { h in
            h.double.respond(to: "getUpdates", with: .otherPoller)
            let outcome = await h.start(h.connector(once: false)).value
            guard case let .conflict(text)? = outcome as? ConnectorStop else { return XCTFail("\(String(describing: outcome))") }
            XCTAssertTrue(text.contains("409") && text.contains("another process is polling this bot"), text)
            XCTAssertEqual(h.double.calls(to: "getUpdates").count, 1, "no retry loop")
            let status = try XCTUnwrap(h.store.connectorStatuses().first)
            XCTAssertEqual(status.state, .failed)
            XCTAssertTrue(status.detail?.contains("409") == true, status.detail ?? "")
        }
    }

    func testOfTwoPollersTheOneStartedSecondStops() async throws {
        try await ConnectorHarness.with { h in
            h.double.enqueue(update: TelegramUpdates.message(id: 1, chat: People.group, from: People.alice, text: "早"))
            let first = h.connector(once: false, worker: "first")
            let firstRun = h.start(first)
            try await h.double.waitForAnswers(to: "getUpdates", count: 1, timeout: 5)
            try await h.double.waitUntilLongPolling(timeout: 5)

            // The newcomer's poll ends the running one's; the running one polls again and ends the newcomer's.
            let secondRun = h.start(h.connector(once: false, worker: "second"))
            try await h.waitForStore("a 409 for each poller") { h.double.calls(to: "getUpdates").filter { $0.status == 409 }.count >= 2 ? true : nil }
            let second = await secondRun.value
            guard case let .conflict(text)? = second as? ConnectorStop else { return XCTFail("\(String(describing: second))") }
            XCTAssertTrue(text.contains("terminated by other getUpdates request"), text)
            try await h.double.waitUntilLongPolling(timeout: 5)
            XCTAssertEqual(h.double.calls(to: "getUpdates").filter { $0.status == 409 }.count, 2, "one each, then no more")

            // The first one still runs, and stores what comes.
            h.double.enqueue(update: TelegramUpdates.message(id: 2, chat: People.group, from: People.alice, text: "还在"))
            try await h.waitForStore("the second message stored") { try h.store.eventCount() == 2 ? true : nil }
            first.stop()
            let outcome = await firstRun.value
            XCTAssertNil(outcome)
        }
    }

    func testAPostWithoutAnAnswerIsUnknownAndNeverResent() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let id = try h.enqueue([Self.post("今晚八点直播")])[0]
            // The post goes up at once; the answer comes after the client has given up.
            h.double.respond(to: "sendMessage", with: .delay(seconds: 2.5, then: .proceed))
            try await h.runOnce(requestTimeout: 1)

            let item = try h.item(id)
            XCTAssertEqual(item.state, .unknown)
            XCTAssertTrue(item.lastError?.contains("no answer") == true, item.lastError ?? "")
            try await h.runOnce(requestTimeout: 1)
            XCTAssertEqual(h.double.calls(to: "sendMessage").count, 1, "an unknown post is never sent again by itself")
            let answered = try await h.double.waitForAnswers(to: "sendMessage", count: 1, timeout: 5)
            XCTAssertEqual(answered.first?.status, 200, "Telegram did post it")

            try h.store.resolveOutboxItem(id: id, sent: true, actor: "admin")
            XCTAssertEqual(try h.item(id).state, .sent)
        }
    }
}
