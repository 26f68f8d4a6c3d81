import Foundation
import GRDB
import XCTest

import QunConnect
import QunCore
@testable import QunStore
import TelegramBotDouble

/// Actions out: what an admin decides in qundeck reaches the group as the Bot API calls that do it,
/// each exactly once, with the platform's own ids.
final class ModerationOutTests: XCTestCase {
    func testApprovingAJoinRequestCallsApproveChatJoinRequestOnce() async throws {
        try await ConnectorHarness.with { h in
            try await h.ingest([TelegramUpdates.chatJoinRequest(chat: People.group, from: People.applicant)])
            let request = try h.caseID(member: People.applicant.id, kind: .joinRequest)
            let audit = try XCTUnwrap(h.store.act(on: [request], .approve, actor: "admin").first)
            try await h.runOnce()
            try await h.runOnce()

            let calls = h.double.calls(to: "approveChatJoinRequest")
            XCTAssertEqual(calls.count, 1)
            XCTAssertEqual(calls.first?.parameters["chat_id"], .int(People.group.id))
            XCTAssertEqual(calls.first?.parameters["user_id"], .int(People.applicant.id))
            XCTAssertEqual(calls.first?.status, 200)
            let items = try h.store.outbox(auditID: audit)
            XCTAssertEqual(items.map(\.state), [.sent])
            XCTAssertEqual(items.first?.attempts, 1)
        }
    }

    func testABanCallsBanChatMemberOnce() async throws {
        try await ConnectorHarness.with { h in
            try await h.ingest([TelegramUpdates.message(id: 31, chat: People.group, from: People.spammer, text: "加微信领红包")])
            let flagged = try h.caseID(member: People.spammer.id, kind: .flaggedMessage)
            try h.store.act(on: [flagged], .ban, actor: "admin")
            try await h.runOnce()
            try await h.runOnce()

            let bans = h.double.calls(to: "banChatMember")
            XCTAssertEqual(bans.count, 1)
            XCTAssertEqual(bans.first?.parameters["chat_id"], .int(People.group.id))
            XCTAssertEqual(bans.first?.parameters["user_id"], .int(People.spammer.id))
            XCTAssertNil(bans.first?.parameters["until_date"], "a ban for ever sends no until_date")
            XCTAssertTrue(h.double.isBanned(chat: People.group.id, user: People.spammer.id))
            XCTAssertEqual(try h.store.outbox().map(\.state), [.sent])
        }
    }

    func testDeletingAFlaggedMessageSendsItsNumericID() async throws {
        try await ConnectorHarness.with { h in
            try await h.ingest([TelegramUpdates.message(id: 9_876, chat: People.group, from: People.spammer, text: "加微信领红包")])
            let flagged = try h.caseID(member: People.spammer.id, kind: .flaggedMessage)
            try h.store.act(on: [flagged], .delete, actor: "admin")
            try await h.runOnce()

            let deletes = h.double.calls(to: "deleteMessage")
            XCTAssertEqual(deletes.count, 1)
            XCTAssertEqual(deletes.first?.encoding, "json")
            XCTAssertEqual(deletes.first?.parameters["message_id"], .int(9_876), "the message id as a JSON number, not \"chat:message\"")
            XCTAssertEqual(deletes.first?.parameters["chat_id"], .int(People.group.id))
            XCTAssertEqual(try h.store.outbox().map(\.state), [.sent])
        }
    }

    func testAMuteRestrictsUntilItsEndAndAShortOneLastsAMinute() async throws {
        try await ConnectorHarness.with { h in
            let other = TelegramUpdates.User(id: 667, firstName: "刷单")
            try await h.ingest([
                TelegramUpdates.message(id: 41, chat: People.group, from: People.spammer, text: "加微信领红包"),
                TelegramUpdates.message(id: 42, chat: People.group, from: other, text: "刷单日结 加微信领红包"),
            ])
            let now = Date()
            try h.store.act(on: [try h.caseID(member: People.spammer.id, kind: .flaggedMessage)], .mute(seconds: 3_600), actor: "admin", now: now)
            try h.store.act(on: [try h.caseID(member: other.id, kind: .flaggedMessage)], .mute(seconds: 10), actor: "admin", now: now)
            try await h.runOnce()

            let mutes = h.double.calls(to: "restrictChatMember")
            XCTAssertEqual(mutes.count, 2)
            let hour = try XCTUnwrap(mutes.first { $0.int64("user_id") == People.spammer.id })
            let short = try XCTUnwrap(mutes.first { $0.int64("user_id") == other.id })
            XCTAssertEqual(hour.json("permissions")?["can_send_messages"], .bool(false))
            XCTAssertEqual(Double(try XCTUnwrap(hour.int64("until_date"))), now.timeIntervalSince1970 + 3_600, accuracy: 2)
            // Telegram reads an until_date under 30 s away as "for ever": a 10 s mute goes out as a minute.
            let shortUntil = Double(try XCTUnwrap(short.int64("until_date")))
            XCTAssertEqual(shortUntil, short.receivedAt.timeIntervalSince1970 + 60, accuracy: 2)
            XCTAssertEqual(Set(try h.store.outbox().map(\.state)), [.sent])
        }
    }

    func testRemovingIsABanThenAnUnbanOnlyIfBanned() async throws {
        try await ConnectorHarness.with { h in
            try await h.ingest([TelegramUpdates.message(id: 51, chat: People.group, from: People.spammer, text: "加微信领红包")])
            try h.store.act(on: [try h.caseID(member: People.spammer.id, kind: .flaggedMessage)], .kick, actor: "admin")
            try await h.runOnce()

            let calls = h.double.calls.filter { $0.method != "getUpdates" && $0.method != "getMe" }
            XCTAssertEqual(calls.map(\.method), ["banChatMember", "unbanChatMember"])
            XCTAssertEqual(calls.last?.bool("only_if_banned"), true)
            XCTAssertEqual(calls.map { $0.int64("user_id") }, [People.spammer.id, People.spammer.id])
            XCTAssertFalse(h.double.isBanned(chat: People.group.id, user: People.spammer.id), "removed, free to come back by invitation")
            XCTAssertEqual(try h.store.outbox().map(\.state), [.sent])
        }
    }

    func testPostsMentionMembersWithUTF16Offsets() async throws {
        try await ConnectorHarness.with { h in
            try await h.ingest([TelegramUpdates.message(id: 61, chat: People.group, from: People.spammer, text: "加微信领红包")])
            try h.store.act(on: [try h.caseID(member: People.spammer.id, kind: .flaggedMessage)], .warn, actor: "admin", reason: "发广告")
            // A post whose mention comes after Chinese text and an emoji (a welcome post, as campaigns send them).
            let welcome = try await h.store.pool.read { db in
                try OutboxWrites.message(text: "欢迎 🎉 @小明🐉 加入！", groupID: People.groupID, mentioning: [String(People.spammer.id)], in: db)
            }
            try h.enqueue([welcome])
            try await h.runOnce()

            let posts = h.double.calls(to: "sendMessage")
            XCTAssertEqual(posts.count, 2)
            for post in posts {
                let text = try XCTUnwrap(post.string("text"))
                let entities = try XCTUnwrap(post.json("entities")?.arrayValue)
                XCTAssertEqual(entities.count, 1, text)
                let entity = try XCTUnwrap(entities.first)
                XCTAssertEqual(entity["type"], .string("text_mention"))
                XCTAssertEqual(entity["user"]?["id"], .int(People.spammer.id))
                // Offsets and lengths count UTF-16 units: the span must be exactly the mention.
                let units = Array(text.utf16)
                let offset = Int(try XCTUnwrap(entity["offset"]?.int64Value))
                let length = Int(try XCTUnwrap(entity["length"]?.int64Value))
                XCTAssertLessThanOrEqual(offset + length, units.count)
                XCTAssertEqual(String(decoding: units[offset..<(offset + length)], as: UTF16.self), "@小明🐉", text)
                XCTAssertEqual(length, 5, "@ + 小 + 明 + 🐉 (a surrogate pair)")
            }
            XCTAssertTrue(posts.contains { $0.string("text")?.hasPrefix("@小明🐉 ⚠️ 警告 1：发广告") == true })
            XCTAssertEqual(posts.first { $0.string("text")?.hasPrefix("欢迎") == true }?.json("entities")?[0]?["offset"], .int(6))
            // The sent message is kept, so the post can be deleted later.
            let warning = try XCTUnwrap(h.store.outbox().first { $0.action == "send_message" && $0.state == .sent })
            XCTAssertTrue(warning.response?.contains("\"message_id\"") == true, warning.response ?? "no response")
        }
    }
}
