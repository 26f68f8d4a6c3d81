import Foundation
import GRDB
import XCTest

import QunConnect
import QunCore
@testable import QunStore
import TelegramBotDouble

/// Updates in: getUpdates answers become events, and the offset moves only with the transaction that
/// stored them (at-least-once, idempotent on the event key).
final class UpdatesInTests: XCTestCase {
    func testUpdatesBecomeEventsAndTheCursorFollowsTheCommit() async throws {
        try await ConnectorHarness.with { h in
            let joiner = TelegramUpdates.User(id: 77, firstName: "老王")
            let ids = [
                h.double.enqueue(update: TelegramUpdates.message(id: 11, chat: People.group, from: People.alice, text: "大家好")),
                h.double.enqueue(update: TelegramUpdates.chatJoinRequest(chat: People.group, from: People.applicant, bio: "3号楼业主")),
                h.double.enqueue(update: TelegramUpdates.chatMember(chat: People.group, user: joiner, change: .joined)),
                h.double.enqueue(update: TelegramUpdates.chatMember(chat: People.group, user: People.alice, change: .left)),
            ]
            try await h.runOnce()

            var kinds: [EventKind] = []
            try h.store.forEachEvent { kinds.append($0.kind) }
            XCTAssertEqual(Set(kinds), [.message, .joinRequest, .join, .leave])
            XCTAssertEqual(kinds.count, 4)
            XCTAssertEqual(try h.store.group(id: People.groupID)?.platform, .telegram)
            XCTAssertEqual(try h.store.moderationQueue().map(\.item.kind), [.joinRequest], "the join request waits in the moderation queue")
            XCTAssertEqual(try h.store.member(groupID: People.groupID, memberID: "77")?.status, .active)

            let first = try XCTUnwrap(h.double.calls(to: "getUpdates").first)
            XCTAssertNil(first.int64("offset"), "a store without a cursor asks from the first unconfirmed update")
            XCTAssertEqual(Set(first.json("allowed_updates")?.arrayValue?.compactMap(\.stringValue) ?? []), Set(TelegramConnector.allowedUpdates))
            XCTAssertEqual(try h.store.connectorCursor(connector: ConnectorHarness.connectorName)?.nextOffset, ids.max()! + 1)
            // Telegram forgets updates only when a later poll confirms them with the offset.
            XCTAssertEqual(h.double.unconfirmedUpdateIDs, ids)

            // A second run confirms them and stores nothing again.
            try await h.runOnce()
            XCTAssertEqual(h.double.calls(to: "getUpdates").last?.int64("offset"), ids.max()! + 1)
            XCTAssertEqual(h.double.unconfirmedUpdateIDs, [])
            XCTAssertEqual(try h.store.eventCount(), 4)

            // The same message delivered again (as after a crash) is stored once: events are keyed by chat and message id.
            let again = h.double.enqueue(update: TelegramUpdates.message(id: 11, chat: People.group, from: People.alice, text: "大家好"))
            try await h.runOnce()
            XCTAssertEqual(try h.store.eventCount(), 4)
            XCTAssertEqual(try h.store.connectorCursor(connector: ConnectorHarness.connectorName)?.nextOffset, again + 1)
        }
    }

    func testACommitThatFailsLeavesTheUpdatesToBeReadAgain() async throws {
        try await ConnectorHarness.with { h in
            // The connector "crashes" between getUpdates and the commit: the transaction that would store the
            // events and the cursor is aborted.
            try await h.store.pool.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER crash_before_commit BEFORE INSERT ON connector_cursors
                    BEGIN SELECT RAISE(ABORT, 'simulated crash before commit'); END
                    """)
            }
            let ids = [
                h.double.enqueue(update: TelegramUpdates.message(id: 21, chat: People.group, from: People.alice, text: "第一条")),
                h.double.enqueue(update: TelegramUpdates.chatJoinRequest(chat: People.group, from: People.applicant)),
            ]
            do {
                try await h.runOnce()
                XCTFail("the run should fail when its commit does")
            } catch {
                XCTAssertTrue("\(error)".contains("simulated crash"), "\(error)")
            }
            XCTAssertEqual(try h.store.eventCount(), 0)
            XCTAssertEqual(try h.store.moderationQueue().count, 0)
            XCTAssertNil(try h.store.connectorCursor(connector: ConnectorHarness.connectorName))
            XCTAssertEqual(h.double.unconfirmedUpdateIDs, ids)

            try await h.store.pool.write { db in try db.execute(sql: "DROP TRIGGER crash_before_commit") }
            h.double.clearCalls()
            try await h.runOnce()
            XCTAssertNil(h.double.calls(to: "getUpdates").first?.int64("offset"), "the restart asks for the same updates again")
            XCTAssertEqual(try h.store.eventCount(), 2)
            XCTAssertEqual(try h.store.moderationQueue().count, 1)
            XCTAssertEqual(try h.store.connectorCursor(connector: ConnectorHarness.connectorName)?.nextOffset, ids.max()! + 1)
        }
    }

    func testAnUpgradeAnnouncedInTheUpdatesMovesTheGroupToItsNewChat() async throws {
        try await ConnectorHarness.with { h in
            let basic = TelegramUpdates.Chat(id: -4_002, title: "老群", type: "group")
            let upgraded: Int64 = -1_000_000_004_002
            let migrate = TelegramUpdates.message(id: 91, chat: basic, from: People.admin, text: "x")
                .replacingOccurrences(of: "\"text\":\"x\"", with: "\"migrate_to_chat_id\":\(upgraded)")
            XCTAssertTrue(migrate.contains("migrate_to_chat_id"), migrate)
            try await h.ingest([TelegramUpdates.message(id: 90, chat: basic, from: People.spammer, text: "加微信领红包"), migrate])
            XCTAssertEqual(try h.store.groupsByMovedChat(), [String(upgraded): "-4002"])

            // The supergroup's messages belong to the same group, and actions go straight to the new id.
            let newChat = TelegramUpdates.Chat(id: upgraded, title: "老群", type: "supergroup")
            try await h.ingest([TelegramUpdates.message(id: 1, chat: newChat, from: People.alice, text: "升级了")])
            XCTAssertEqual(try h.store.groups().map(\.id), ["-4002"])
            XCTAssertEqual(try h.store.eventCount(), 2)
            try h.store.act(on: [try h.caseID(member: People.spammer.id, kind: .flaggedMessage)], .ban, actor: "admin")
            try await h.runOnce()
            XCTAssertEqual(h.double.calls(to: "banChatMember").map { $0.int64("chat_id") }, [upgraded])
            XCTAssertEqual(try h.store.outbox().map(\.state), [.sent])
        }
    }

    func testTheBotsOwnMembershipDisconnectsAndReconnectsGroupsOnly() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let bot = h.double.botUser
            // A user who blocks the bot in a private chat is not a group going away.
            let privateChat = TelegramUpdates.Chat(id: People.alice.id, title: "小李", type: "private")
            try await h.ingest([
                TelegramUpdates.myChatMember(chat: privateChat, bot: bot, by: People.alice, oldStatus: "member", newStatus: "kicked"),
                TelegramUpdates.myChatMember(chat: People.group, bot: bot, by: People.admin, oldStatus: "administrator", newStatus: "kicked"),
            ])
            XCTAssertEqual(try h.store.deliveryByGroup().filter { $0.value.disconnected != nil }.map(\.key), [People.groupID])
            try await h.ingest([
                TelegramUpdates.myChatMember(chat: People.group, bot: bot, by: People.admin, oldStatus: "left", newStatus: "administrator"),
            ])
            XCTAssertEqual(try h.store.deliveryByGroup().filter { $0.value.disconnected != nil }.count, 0)
        }
    }
}
