import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Queue actions: each one changes the item and the member, writes an audit entry and an outbox item,
/// and undo puts everything back.
class ModerationActionTests: StoreContractTestCase {
    let now = at("2026-11-23T21:30:00+08:00")

    /// A join request from "applicant", and three flagged messages from "spammer".
    func makeQueue() throws -> (any QundeckStore, request: Int64, flagged: [Int64]) {
        let store = try makeStore()
        try store.append([
            event("j0", .join, "spammer", "2026-11-01T09:00:00+08:00", name: "A00批发"),
            event("r1", .joinRequest, "applicant", "2026-11-23T09:00:00+08:00", name: "郑州+金水+新人", text: "3号楼业主", via: .request),
            event("s1", .message, "spammer", "2026-11-23T10:00:00+08:00", text: "加微信领红包"),
            event("s2", .message, "spammer", "2026-11-23T10:01:00+08:00", text: "看这个https://t.cn/A6xYz，赶紧"),
            event("s3", .message, "spammer", "2026-11-23T10:02:00+08:00", text: "刷单日结"),
        ], now: now)
        let queue = try store.moderationQueue()
        let request = try XCTUnwrap(queue.first { $0.item.kind == .joinRequest }?.id)
        let flagged = queue.filter { $0.item.kind == .flaggedMessage }.sorted { $0.item.createdAt < $1.item.createdAt }.map(\.id)
        XCTAssertEqual(flagged.count, 3)
        return (store, request, flagged)
    }

    func testApproveAJoinRequestLetsTheMemberIn() throws {
        let (store, request, _) = try makeQueue()
        let audit = try store.act(on: [request], .approve, actor: "admin", now: now)
        let member = try XCTUnwrap(store.member(groupID: "g1", memberID: "applicant"))
        XCTAssertEqual(member.role, .member)
        XCTAssertEqual(member.status, .active)
        XCTAssertFalse(try store.moderationQueue().contains { $0.id == request })
        let entry = try XCTUnwrap(store.auditEntries(memberID: "applicant").first)
        XCTAssertEqual(entry.id, audit.first)
        XCTAssertEqual(entry.action, "approve")
        XCTAssertEqual(entry.actor, "admin")
        XCTAssertEqual(try store.outbox().map(\.action), ["approve_join_request"])
    }

    func testRejectTurnsTheRequestDown() throws {
        let (store, request, _) = try makeQueue()
        try store.act(on: [request], .reject, actor: "admin", now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "applicant")?.status, .removed)
        XCTAssertEqual(try store.outbox().first?.action, "decline_join_request")
    }

    func testWarningsClimbTheLadderAndExpire() throws {
        let (store, _, flagged) = try makeQueue()
        try store.act(on: [flagged[0]], .warn, actor: "admin", reason: "发广告", now: now)
        XCTAssertEqual(try store.activeWarnings(groupID: "g1", memberID: "spammer", now: now), 1)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "spammer")?.status, .active, "one warning: no penalty yet")
        try store.act(on: [flagged[1]], .warn, actor: "admin", now: now)
        let muted = try XCTUnwrap(store.member(groupID: "g1", memberID: "spammer"))
        XCTAssertEqual(muted.status, .muted, "the standard ladder mutes at two warnings")
        XCTAssertEqual(muted.mutedUntil, now.addingTimeInterval(3600))
        XCTAssertTrue(try store.outbox().contains { $0.action == "restrict_member" })
        // 31 days later both warnings have expired.
        XCTAssertEqual(try store.activeWarnings(groupID: "g1", memberID: "spammer", now: now.addingTimeInterval(31 * 86_400)), 0)
    }

    func testAGroupLadderOverridesTheStandardOne() throws {
        let (store, _, flagged) = try makeQueue()
        try store.setPenaltyLadder(PenaltyLadder(warningLifetime: 7 * 86_400, steps: [.init(warnings: 1, penalty: .ban)]), groupID: "g1")
        try store.act(on: [flagged[0]], .warn, actor: "admin", now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "spammer")?.status, .banned)
        XCTAssertEqual(try store.activeWarnings(groupID: "g1", memberID: "spammer", now: now.addingTimeInterval(8 * 86_400)), 0)
    }

    func testBulkActionIsAllOrNothing() throws {
        let (store, request, flagged) = try makeQueue()
        // Warning a join request is refused, so the whole batch is rolled back.
        XCTAssertThrowsError(try store.act(on: [flagged[0], request], .warn, actor: "admin", now: now))
        XCTAssertEqual(try store.activeWarnings(groupID: "g1", memberID: "spammer", now: now), 0)
        XCTAssertEqual(try store.auditEntries().count, 0)
        // A valid batch resolves every item with an audit entry each.
        let ids = try store.act(on: flagged, .delete, actor: "admin", now: now)
        XCTAssertEqual(ids.count, 3)
        XCTAssertEqual(try store.openCaseCount(), 1)
        XCTAssertEqual(try store.outbox().filter { $0.action == "delete_messages" }.count, 3)
    }

    func testBanThenUndoRestoresMemberAndQueueAndQueuesTheReverse() throws {
        let (store, _, flagged) = try makeQueue()
        let ban = try store.act(on: [flagged[2]], .ban, actor: "admin", reason: "刷单", now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "spammer")?.status, .banned)
        try deliverAll(store, now: now)
        let undo = try store.undo(actor: "admin", now: now.addingTimeInterval(60))
        XCTAssertEqual(undo.map(\.undoes), [ban.first])
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "spammer")?.status, .active)
        XCTAssertTrue(try store.moderationQueue().contains { $0.id == flagged[2] }, "the item is back in the queue")
        let outbox = try store.outbox()
        XCTAssertTrue(outbox.contains { $0.command == .unbanMember(chat: .text("g1"), user: .text("spammer")) && $0.state == .pending })
        XCTAssertTrue(outbox.contains { $0.action == "ban_member" && $0.state == .sent })
        XCTAssertEqual(try store.outbox(auditID: undo[0].id).map(\.action), ["unban_member"], "the reverse is linked to the undo's audit entry")
        XCTAssertThrowsError(try store.undo(auditID: ban.first, actor: "admin", now: now), "an action is undone once")
        XCTAssertEqual(try store.auditEntries().map(\.action), ["undo ban", "ban"])
    }

    func testUndoOfAnUnsentBanOnlyCancelsIt() throws {
        let (store, _, flagged) = try makeQueue()
        try store.act(on: [flagged[2]], .ban, actor: "admin", now: now)
        let undo = try store.undo(actor: "admin", now: now.addingTimeInterval(60))
        let outbox = try store.outbox()
        XCTAssertEqual(outbox.map(\.action), ["ban_member"], "nothing reversed: the ban never reached the group")
        XCTAssertEqual(outbox.first?.state, .cancelled)
        XCTAssertTrue(undo[0].reason?.contains("1 unsent platform action(s) cancelled") == true, undo[0].reason ?? "")
    }

    func testAWarningIsPostedInChineseWithTheMemberMentionedById() throws {
        let (store, _, flagged) = try makeQueue()
        try store.act(on: [flagged[0]], .warn, actor: "admin", now: now)
        guard case let .sendMessage(chat, text, entities, _) = try XCTUnwrap(store.outbox().first?.command) else { return XCTFail() }
        XCTAssertEqual(chat, .text("g1"))
        XCTAssertTrue(text.hasPrefix("@A00批发 ⚠️ 警告 1："), text)
        XCTAssertFalse(text.contains("asks"), "the group reads the rule's Chinese reason: \(text)")
        XCTAssertEqual(entities, [MessageEntity(kind: .textMention, offset: 0, length: 6, user: .text("spammer"))])
    }

    func testUndoOfAWarningRevokesIt() throws {
        let (store, _, flagged) = try makeQueue()
        let ids = try store.act(on: [flagged[0]], .warn, actor: "admin", now: now)
        try store.undo(auditID: ids.first, actor: "other-admin", now: now)
        XCTAssertEqual(try store.activeWarnings(groupID: "g1", memberID: "spammer", now: now), 0)
    }

    func testUndoOfASentApprovalRemovesTheMemberAgain() throws {
        let (store, request, _) = try makeQueue()
        try store.act(on: [request], .approve, actor: "admin", now: now)
        try deliverAll(store, now: now)
        try store.undo(actor: "admin", now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "applicant")?.role, .pending)
        XCTAssertEqual(try store.outbox(states: [.pending]).map(\.command), [.removeMember(chat: .text("g1"), user: .text("applicant"))])
    }

    func testUndoOfAnUnsentApprovalKicksNobody() throws {
        let (store, request, _) = try makeQueue()
        try store.act(on: [request], .approve, actor: "admin", now: now)
        try store.undo(actor: "admin", now: now)
        XCTAssertEqual(try store.outbox().map(\.state), [.cancelled], "the applicant was never let in: nothing to remove")
    }

    func testEscalateClaimAndNotesKeepTheItemOpen() throws {
        let (store, _, flagged) = try makeQueue()
        try store.act(on: [flagged[1]], .escalate, actor: "agent", now: now)
        try store.act(on: [flagged[1]], .claim, actor: "owner", now: now)
        try store.addCaseNote(caseID: flagged[1], text: "需要群主判断", author: "agent", now: now)
        let row = try XCTUnwrap(store.moderationQueue().first { $0.id == flagged[1] })
        XCTAssertEqual(row.item.status, .escalated)
        XCTAssertEqual(row.item.claimedBy, "owner")
        XCTAssertEqual(try store.moderationQueue().first?.id, flagged[1], "escalated items come first")
        XCTAssertEqual(try store.caseNotes(caseID: flagged[1]).map(\.text), ["需要群主判断"])
    }

    func testResolvedItemsRefuseASecondResolution() throws {
        let (store, _, flagged) = try makeQueue()
        try store.act(on: [flagged[0]], .approve, actor: "admin", now: now)
        XCTAssertThrowsError(try store.act(on: [flagged[0]], .ban, actor: "admin", now: now))
    }

    func testUndoingTheLatestBulkActionUndoesEveryItemOfIt() throws {
        let (store, _, flagged) = try makeQueue()
        try store.act(on: [flagged[0]], .warn, actor: "admin", now: now)
        try store.act(on: [flagged[1], flagged[2]], .delete, actor: "admin", now: now.addingTimeInterval(5))
        let undone = try store.undo(actor: "admin", now: now.addingTimeInterval(10))
        XCTAssertEqual(undone.count, 2)
        XCTAssertEqual(Set(undone.compactMap(\.caseID)), [flagged[1], flagged[2]])
        XCTAssertEqual(try store.activeWarnings(groupID: "g1", memberID: "spammer", now: now), 1, "the earlier warning stays")
        try store.undo(actor: "admin", now: now.addingTimeInterval(20))
        XCTAssertEqual(try store.activeWarnings(groupID: "g1", memberID: "spammer", now: now), 0)
    }
}
