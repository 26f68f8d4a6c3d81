import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The stored rule set decides what ingest flags, and each rule's action is carried out.
class RulesAtIngestTests: StoreContractTestCase {
    let now = at("2026-11-23T21:30:00+08:00")

    func testRuleActionsQueueDeleteMuteOrOnlyLog() throws {
        let store = try makeStore()
        var settings = RuleSettings()
        settings.link = LinkSettings(action: .delete)
        settings.ad = AdSettings(action: .log)
        try store.saveRuleSet(RuleSet(defaults: settings), actor: "owner", now: now)
        try store.append([
            event("j", .join, "u1", "2026-11-01T08:00:00+08:00"),
            event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "看这个https://t.cn/A6xYz，赶紧"),
            event("m2", .message, "u1", "2026-11-23T08:05:00+08:00", text: "加微信领红包"),
        ], now: now)
        // The link was deleted by the rule itself: resolved, audited as "rules", and sent to the outbox.
        XCTAssertTrue(try store.moderationQueue().isEmpty)
        XCTAssertEqual(try store.outbox().map(\.action), ["delete_messages"])
        let audit = try store.auditEntries(memberID: "u1")
        XCTAssertTrue(audit.contains { $0.actor == "rules" && $0.action == "delete" })
        XCTAssertTrue(audit.contains { $0.actor == "rules" && $0.action == "rule ad" }, "the ad is only logged")
        // An automatic action can be undone like any other.
        let delete = try XCTUnwrap(audit.first { $0.action == "delete" })
        try store.undo(auditID: delete.id, actor: "owner", now: now)
        XCTAssertEqual(try store.moderationQueue().count, 1, "the undone deletion puts the item in the queue")
    }

    func testAFloodOpensOneCasePerBurst() throws {
        let store = try makeStore(floodAt: 3, within: 10, now: now)
        try store.append([event("j", .join, "u1", "2026-11-01T08:00:00+08:00")] + (0..<6).map { i in
            event("f\(i)", .message, "u1", String(format: "2026-11-23T08:00:%02d+08:00", i), text: "冲冲冲\(i)")
        }, now: now)
        // The standard flood action mutes on its own: one mute for the burst, not one per message.
        let mutes = try store.auditEntries(memberID: "u1").filter { $0.actor == "rules" && $0.action == "mute" }
        XCTAssertEqual(mutes.count, 1)
        XCTAssertEqual(mutes.first?.rule, "flood")
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.status, .muted)
        XCTAssertEqual(try store.outbox().filter { $0.action == "restrict_member" }.count, 1)
    }

    func testStaffAreExemptFromContentRules() throws {
        let store = try makeStore()
        try store.append([
            event("j", .join, "boss", "2026-11-01T08:00:00+08:00", role: .owner),
            event("m", .message, "boss", "2026-11-23T08:00:00+08:00", text: "团购链接 https://shop.example.cn/p/1"),
        ], now: now)
        XCTAssertTrue(try store.moderationQueue().isEmpty)
    }

    func testNicknameFormatOnJoinRequestsAndRenames() throws {
        let store = try makeStore()
        try store.saveGroup(Group(id: "g1", name: "金水花园1群", nicknameFormat: "城市+社区+名字", createdAt: now))
        try store.append([
            event("r1", .joinRequest, "a", "2026-11-23T08:00:00+08:00", name: "郑州+金水+小李"),
            event("r2", .joinRequest, "b", "2026-11-23T08:01:00+08:00", name: "Lucky🍀"),
            event("j", .join, "c", "2026-11-01T08:00:00+08:00", name: "郑州+金水+老王"),
            event("n", .rename, "c", "2026-11-23T09:00:00+08:00", name: "快乐每一天🌸"),
        ], now: now)
        let queue = try store.moderationQueue()
        let fits = try XCTUnwrap(queue.first { $0.item.memberID == "a" })
        XCTAssertNil(fits.item.rule)
        let misfit = try XCTUnwrap(queue.first { $0.item.memberID == "b" })
        XCTAssertEqual(misfit.item.rule, "nickname_format")
        XCTAssertTrue(misfit.item.reason.contains("城市+社区+名字"), misfit.item.reason)
        let rename = try XCTUnwrap(queue.first { $0.item.memberID == "c" })
        XCTAssertEqual(rename.item.rule, "nickname_format")
        XCTAssertEqual(rename.item.evidence, "快乐每一天🌸")
        let profile = try XCTUnwrap(store.memberProfile(groupID: "g1", memberID: "c", now: now))
        XCTAssertFalse(profile.nicknameProblems.isEmpty)
    }

    func testRulesSavedByAnotherProcessApplyToTheNextBatch() throws {
        let store = try makeStore()
        try store.append([event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "今天吃火锅")], now: now)
        var settings = RuleSettings()
        settings.bannedWord = BannedWordSettings(words: ["火锅"])
        try openAnother(store).saveRuleSet(RuleSet(defaults: settings), actor: "owner", now: now)
        try store.append([event("m2", .message, "u1", "2026-11-23T08:01:00+08:00", text: "今天吃火锅")], now: now)
        XCTAssertEqual(try store.moderationQueue().compactMap(\.item.rule), ["banned_word"])
        XCTAssertEqual(try store.ruleSet().defaults.bannedWord?.words, ["火锅"])
        XCTAssertTrue(try store.auditEntries().contains { $0.action == "rules" && $0.actor == "owner" })
    }
}

extension RulesAtIngestTests {
    func testTwoLinksInOneMessageUnderAnAutomaticRuleActOnce() throws {
        let store = try makeStore()
        var settings = RuleSettings()
        settings.link = LinkSettings(action: .delete)
        try store.saveRuleSet(RuleSet(defaults: settings), actor: "owner", now: now)
        try store.append([event("m", .message, "u1", "2026-11-23T08:00:00+08:00", text: "a.example.com 和 b.example.cn/p")], now: now)
        XCTAssertEqual(try store.outbox().filter { $0.action == "delete_messages" }.count, 1)
    }
}

extension RulesAtIngestTests {
    func testQueueItemsKeepTheRulesChineseReason() throws {
        let store = try makeStore()
        try store.append([event("m", .message, "u1", "2026-11-23T08:00:00+08:00", text: "刷单返利，日结300")], now: now)
        let item = try XCTUnwrap(store.moderationQueue().first?.item)
        XCTAssertEqual(item.rule, "ad")
        XCTAssertFalse(item.reason.isEmpty)
        XCTAssertNotNil(item.reasonZh)
        XCTAssertTrue(item.reasonZh?.unicodeScalars.contains { $0.value >= 0x4E00 } ?? false, item.reasonZh ?? "")
    }
}
