import Foundation
import XCTest

import QunCore
import QunIngest
import TelegramBotDouble

/// The updates the double builds are the shapes qundeck's Bot API mapping reads: served through
/// getUpdates, each maps to the event it stands for (or is skipped for the documented reason).
final class UpdateShapeTests: XCTestCase {
    private func served(_ updates: [String]) async throws -> [TelegramUpdateMapper.Outcome] {
        let api = try await TelegramBotDouble()
        for update in updates { api.enqueue(update: update) }
        let kinds: BotJSON = ["message", "edited_message", "chat_member", "my_chat_member", "chat_join_request"]
        let answer = try await BotAPIClient(api).post("getUpdates", ["allowed_updates": kinds])
        await api.stop()
        var mapper = TelegramUpdateMapper()
        return try XCTUnwrap(answer.json?["result"]?.arrayValue).map { mapper.map(json: Data($0.jsonText.utf8)) }
    }

    private func kinds(_ outcome: TelegramUpdateMapper.Outcome) -> [EventKind] {
        if case let .events(events) = outcome { return events.map(\.kind) }
        return []
    }

    func testMessagesJoinsLeavesBansAndRequestsMap() async throws {
        let group = Fixtures.group, alice = Fixtures.alice
        let bob = TelegramUpdates.User(id: 43, firstName: "Bob")
        let outcomes = try await served([
            TelegramUpdates.message(
                id: 1, chat: group, from: alice, text: "加我领红包",
                entities: [TelegramUpdates.entity(type: "bold", offset: 0, length: 2)]),
            TelegramUpdates.chatMember(chat: group, user: bob, change: .joined),
            TelegramUpdates.chatMember(chat: group, user: bob, change: .left),
            TelegramUpdates.chatMember(chat: group, user: alice, change: .banned(by: Fixtures.admin)),
            TelegramUpdates.chatJoinRequest(chat: group, from: bob, bio: "想进群"),
        ])
        XCTAssertEqual(outcomes.map(kinds), [[.message], [.join], [.leave], [.remove], [.joinRequest]])
        if case let .events(events) = outcomes[0] {
            XCTAssertEqual(events.first?.text, "加我领红包")
            XCTAssertEqual(events.first?.groupName, "测试群")
        }
    }

    func testServiceMessagesAndAnApprovedJoinMap() async throws {
        let group = Fixtures.group
        let carol = TelegramUpdates.User(id: 44, firstName: "Carol")
        let outcomes = try await served([
            TelegramUpdates.newChatMembers(messageID: 10, chat: group, from: carol, members: [carol]),
            TelegramUpdates.leftChatMember(messageID: 11, chat: group, from: Fixtures.admin, member: carol, date: Int64(Date().timeIntervalSince1970) + 5),
            TelegramUpdates.chatMember(chat: group, user: Fixtures.alice, change: .approvedJoin(by: Fixtures.admin)),
        ])
        XCTAssertEqual(outcomes.map(kinds), [[.join], [.remove], [.join]])
        if case let .events(events) = outcomes[2] {
            XCTAssertEqual(events.first?.via, .request)
            XCTAssertEqual(events.first?.actorID, String(Fixtures.admin.id))
        }
    }

    func testEditsAndTheBotsOwnMembershipAreSkippedAsTheMappingDocuments() async throws {
        let group = Fixtures.group
        let bot = TelegramUpdates.User(id: 123_456_789, firstName: "bot", isBot: true)
        let outcomes = try await served([
            TelegramUpdates.editedMessage(id: 1, chat: group, from: Fixtures.alice, text: "改了", date: 1_763_860_000),
            TelegramUpdates.myChatMember(chat: group, bot: bot, by: Fixtures.admin, oldStatus: "member", newStatus: "administrator"),
        ])
        XCTAssertEqual(outcomes.count, 2)
        for outcome in outcomes {
            guard case .skipped = outcome else { return XCTFail("expected skipped, got \(outcome)") }
        }
    }
}
