import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The classifier at ingest: one more reason on a case, never an action of its own unless configured;
/// trusted members skip it, new ones are held to the stricter threshold, dry run only logs.
class ClassifierAtIngestTests: StoreContractTestCase {
    let now = at("2026-11-23T21:30:00+08:00")
    /// Spam the rules do not catch: no contact, no link, no rule's spam term.
    let spam = "足球篮球包赢，跟单就赚，已连红二十场"

    func classifierCases(_ store: any QundeckStore) throws -> [ModerationCase] {
        try store.moderationQueue().map(\.item).filter { $0.rule == RuleKind.classifier.rawValue }
    }

    func testSpamTheRulesMissRaisesAClassifierCase() throws {
        let store = try makeStore()
        XCTAssertTrue(RuleEngine().evaluate(spam).isClean, "the rules alone miss it")
        try store.append([event("m1", .message, "newbie", "2026-11-23T10:00:00+08:00", text: spam)], now: now)
        let item = try XCTUnwrap(try classifierCases(store).first)
        XCTAssertTrue(item.reason.hasPrefix("looks like spam"), item.reason)
        XCTAssertTrue(item.reasonZh?.hasPrefix("疑似广告") ?? false)
        XCTAssertEqual(item.status, .open, "the classifier raises a case; it does not act")
        XCTAssertEqual(try store.outbox(), [])
    }

    func testOrdinaryChatRaisesNothing() throws {
        let store = try makeStore()
        try store.append([
            event("m1", .message, "a", "2026-11-23T10:00:00+08:00", text: "明天早上八点在小区门口集合，大家别迟到"),
            event("m2", .message, "b", "2026-11-23T10:01:00+08:00", text: "收到👌 我带水"),
        ], now: now)
        XCTAssertEqual(try classifierCases(store), [])
    }

    func testTrustedMembersSkipTheClassifierButNotTheRules() throws {
        let store = try makeStore()
        var history = [event("j", .join, "veteran", "2026-09-01T09:00:00+08:00")]
        for i in 0..<25 {
            history.append(event("h\(i)", .message, "veteran", "2026-10-0\(i % 9 + 1)T1\(i % 10):00:00+08:00", text: "早上好 \(i)"))
        }
        try store.append(history, now: now)
        try store.append([
            event("m1", .message, "veteran", "2026-11-23T10:00:00+08:00", text: spam),
            event("m2", .message, "veteran", "2026-11-23T10:05:00+08:00", text: "加我微信 abc8899"),
        ], now: now)
        XCTAssertEqual(try classifierCases(store), [])
        XCTAssertEqual(try store.moderationQueue().map(\.item.rule), ["ad"])
    }

    func testDryRunLogsWithoutACase() throws {
        let store = try makeStore()
        try store.saveRuleSet(RuleSet(groups: ["g1": RuleSettings(classifier: ClassifierSettings(dryRun: true))]), actor: "owner", now: now)
        try store.append([event("m1", .message, "newbie", "2026-11-23T10:00:00+08:00", text: spam)], now: now)
        XCTAssertEqual(try classifierCases(store), [])
        let logged = try XCTUnwrap(store.auditEntries().first { $0.action == "rule classifier" })
        XCTAssertTrue(logged.reason?.contains("[dry run]") ?? false, logged.reason ?? "")
    }

    func testAnAutomaticActionNeedsASetting() throws {
        let store = try makeStore()
        try store.saveRuleSet(RuleSet(defaults: RuleSettings(classifier: ClassifierSettings(action: .delete))), actor: "owner", now: now)
        try store.append([event("m1", .message, "newbie", "2026-11-23T10:00:00+08:00", text: spam)], now: now)
        XCTAssertEqual(try store.outbox().map(\.action), ["delete_messages"])
    }

    func testARemovedMessageIsCitedWhenItsLikeComesAgain() throws {
        let store = try makeStore()
        let first = "家里闲置的黄金首饰回收，克价比金店高二十，上门收 13912345678"
        try store.append([event("m1", .message, "seller", "2026-11-23T10:00:00+08:00", text: first)], now: now)
        let caseID = try XCTUnwrap(store.moderationQueue().first { $0.item.rule == "ad" }?.id)
        try store.act(on: [caseID], .delete, actor: "admin", now: now)
        try store.append([
            event("m2", .message, "other", "2026-11-23T11:00:00+08:00", group: "g2", text: "家里闲置黄金首饰回收，克价比金店高二十，可以上门收"),
        ], now: now.addingTimeInterval(3600))
        let item = try XCTUnwrap(try classifierCases(store).first { $0.eventExternalID == "m2" })
        XCTAssertTrue(item.reason.contains("similar to 1 removed message"), item.reason)
        XCTAssertTrue(item.reason.contains("nearest"), item.reason)
    }
}
