import Foundation
import GRDB
import XCTest

import QunConnect
import QunCore
@testable import QunStore
import TelegramBotDouble

/// Telegram's limits on a bot, and two connectors sharing one store.
final class DeliveryLimitTests: XCTestCase {
    func testNoMoreThanTwentyPostsAMinuteInOneGroup() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let chat = PlatformID.number(People.group.id)
            let ids = try h.enqueue((1...25).map { .sendMessage(chat: chat, text: "第\($0)条", entities: [], replyTo: nil) })
            // Bans are not posts: they are not held back by the group's post budget.
            let ban = try h.enqueue([.banMember(chat: chat, user: .number(906), until: nil, revokeMessages: false)])[0]
            try await h.runOnce()

            let posts = h.double.calls(to: "sendMessage")
            XCTAssertEqual(posts.count, 20)
            let firstPost = try XCTUnwrap(posts.first?.receivedAt)
            XCTAssertLessThan(try XCTUnwrap(posts.last?.receivedAt).timeIntervalSince(firstPost), 60)
            XCTAssertEqual(try h.item(ban).state, .sent)
            let held = try ids.map { try h.item($0) }.filter { $0.state != .sent }
            XCTAssertEqual(held.count, 5)
            for item in held {
                XCTAssertEqual(item.state, .pending)
                XCTAssertEqual(item.attempts, 0, "given back before any request")
                // The 21st post may go when the first one is a minute old (counted from just before it was sent).
                let next = try XCTUnwrap(item.nextAttemptAt)
                XCTAssertGreaterThanOrEqual(next.timeIntervalSince(firstPost), 59)
                XCTAssertLessThan(next.timeIntervalSince(firstPost), 62)
            }
            // A run within that minute sends none of them.
            try await h.runOnce()
            XCTAssertEqual(h.double.calls(to: "sendMessage").count, 20)
        }
    }

    func testTwoConnectorsOnOneStoreCallEachItemOnce() async throws {
        try await ConnectorHarness.with { h in
            let chats: [Int64] = (1...5).map { -1_000_000_100_000 - Int64($0) }
            for chat in chats { try h.makeGroup(chat, name: "群\(chat)") }
            var expected = Set<[Int64]>()
            for n in 0..<50 {
                let chat = chats[n % chats.count]
                let user = Int64(2_000 + n)
                expected.insert([chat, user])
                try h.enqueue([.banMember(chat: .number(chat), user: .number(user), until: nil, revokeMessages: false)], group: String(chat))
            }
            // Both drain at once (one poll each, no long poll, so they do not push each other off with 409).
            let a = h.start(h.connector(worker: "worker-a", claimBatch: 2))
            let b = h.start(h.connector(worker: "worker-b", claimBatch: 2))
            let outcomes = [await a.value, await b.value]
            XCTAssertEqual(outcomes.compactMap { $0.map { "\($0)" } }, [])

            let bans = h.double.calls(to: "banChatMember")
            let pairs = bans.compactMap { call in call.int64("chat_id").flatMap { chat in call.int64("user_id").map { [chat, $0] } } }
            XCTAssertEqual(pairs.count, 50, "every item called exactly once")
            XCTAssertEqual(Set(pairs), expected)
            let items = try h.store.outbox()
            XCTAssertEqual(items.count, 50)
            XCTAssertEqual(Set(items.map(\.state)), [.sent])
            XCTAssertEqual(Set(items.map(\.attempts)), [1])
            XCTAssertTrue(Set(items.compactMap(\.claimedBy)).isSubset(of: ["worker-a", "worker-b"]))
        }
    }
}
