import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Admins' decisions teach the shared classifier, and undo takes the lesson back.
class ClassifierLearningTests: StoreContractTestCase {
    let now = at("2026-11-23T21:30:00+08:00")
    let gold = "家里闲置的黄金首饰回收，克价比金店高二十，上门收"
    let goldVariant = "家里闲置黄金首饰回收，克价比金店高二十，可以上门收"

    /// Three flagged messages from "spammer" (each carries a phone number, so the rules flag it).
    func makeQueue() throws -> (any QundeckStore, flagged: [Int64]) {
        let store = try makeStore()
        try store.append([
            event("s1", .message, "spammer", "2026-11-23T10:00:00+08:00", text: gold + " 13912345678"),
            event("s2", .message, "spammer", "2026-11-23T10:01:00+08:00", text: "周末亲子活动报名 13912345679"),
            event("s3", .message, "spammer", "2026-11-23T10:02:00+08:00", text: "刷单日结"),
        ], now: now)
        let flagged = try store.moderationQueue().filter { $0.item.kind == .flaggedMessage }
            .sorted { $0.item.createdAt < $1.item.createdAt }.map(\.id)
        XCTAssertEqual(flagged.count, 3)
        return (store, flagged)
    }

    func testDeletingAFlaggedMessageTeachesSpamAndTheNextCatchCitesIt() throws {
        let (store, flagged) = try makeQueue()
        let before = try store.classifier().assess(goldVariant)
        XCTAssertEqual(before.similar.count, 0)
        try store.act(on: [flagged[0]], .delete, actor: "admin", now: now)
        let samples = try store.learnedSamples()
        XCTAssertEqual(samples.map(\.label), [.spam])
        XCTAssertEqual(samples.first?.source, "admin")
        XCTAssertEqual(samples.first?.caseID, flagged[0])
        let after = try store.classifier().assess(goldVariant)
        XCTAssertEqual(after.similar.count, 1)
        XCTAssertEqual(after.similar.nearest.first?.text, gold + " 13912345678")
        XCTAssertGreaterThan(after.probability, before.probability)
    }

    func testApprovingTeachesHamAndPlainBanTeachesNothing() throws {
        let (store, flagged) = try makeQueue()
        try store.act(on: [flagged[1]], .approve, actor: "admin", now: now)
        try store.act(on: [flagged[2]], .ban, actor: "admin", now: now)
        XCTAssertEqual(try store.learnedSamples().map(\.label), [.ham])
        XCTAssertEqual(try store.learnedSamples().first?.text, "周末亲子活动报名 13912345679")
    }

    func testBanAsSpamBansAndTeachesSpam() throws {
        let (store, flagged) = try makeQueue()
        try store.act(on: [flagged[2]], .banAsSpam, actor: "admin", now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "spammer")?.status, .banned)
        XCTAssertEqual(try store.outbox().map(\.action), ["delete_messages", "ban_member"], "the spam goes with its sender")
        XCTAssertEqual(try store.learnedSamples().map(\.label), [.spam])
        XCTAssertEqual(try store.auditEntries(memberID: "spammer").first?.action, "ban-as-spam")
    }

    func testUndoTakesTheSpamBackAndLearnsHam() throws {
        let (store, flagged) = try makeQueue()
        let pristine = try store.classifier().assess(goldVariant)
        try store.act(on: [flagged[0]], .delete, actor: "admin", now: now)
        try store.undo(actor: "admin", now: now.addingTimeInterval(60))
        let samples = try store.learnedSamples()
        XCTAssertEqual(samples.map(\.label), [.ham, .spam])
        XCTAssertNotNil(samples[1].removedAt, "the spam sample is kept for the record, taken out of the model")
        let after = try store.classifier().assess(goldVariant)
        XCTAssertEqual(after.similar.count, 0)
        XCTAssertLessThan(after.probability, pristine.probability, "the admin said it was not spam")
        XCTAssertEqual(try store.classifierSummary().removed, 1)
    }

    func testFilesAreLearnedOnceWithTheirLineNumbers() throws {
        let store = try makeStore()
        let spam = SampleFile(text: "# mine\n收购旧黄金首饰，上门回收\n\n收购旧黄金首饰，上门回收\n。。。\n", file: "spam.txt")
        XCTAssertEqual(spam.rejected.map(\.description), ["spam.txt:5: no letters, digits, Chinese characters or emoji to learn from"])
        let ham = SampleFile(text: "今天小区停水\n", file: "ham.txt")
        let added = try store.learnSamples([
            SampleFileImport(path: "spam.txt", label: .spam, file: spam), SampleFileImport(path: "ham.txt", label: .ham, file: ham),
        ], now: now)
        XCTAssertEqual(added, [1, 1])
        XCTAssertEqual(try store.learnSamples([SampleFileImport(path: "spam.txt", label: .spam, file: spam)], now: now), [0])
        let stored = try store.learnedSamples()
        XCTAssertEqual(stored.map(\.line), [1, 2])
        XCTAssertEqual(stored.map(\.file), ["ham.txt", "spam.txt"])
        let summary = try store.classifierSummary()
        XCTAssertEqual(summary.file, ClassifierSummary.Count(spam: 1, ham: 1))
        XCTAssertEqual(summary.seed.spam, SeedCorpus.spam.count)
        XCTAssertEqual(summary.lastTrained, now)
        XCTAssertFalse(summary.topSpam.isEmpty)
    }

    func testARulesOwnAutomaticDeleteTeachesNothing() throws {
        let store = try makeStore()
        try store.saveRuleSet(RuleSet(defaults: RuleSettings(ad: AdSettings(action: .delete))), actor: "owner", now: now)
        try store.append([event("s1", .message, "spammer", "2026-11-23T10:00:00+08:00", text: "加微信领红包")], now: now)
        XCTAssertEqual(try store.outbox().map(\.action), ["delete_messages"], "the rule acted")
        XCTAssertEqual(try store.learnedSamples(), [], "only people teach")
    }

    func testReplayDecisionsCountPeopleOnlyAndSkipUndone() throws {
        let (store, flagged) = try makeQueue()
        try store.act(on: [flagged[0]], .delete, actor: "admin", now: now)
        try store.act(on: [flagged[1]], .approve, actor: "admin", now: now)
        try store.act(on: [flagged[2]], .reject, actor: "admin", now: now)
        try store.undo(actor: "admin", now: now)
        XCTAssertEqual(try store.messageDecisions(groupID: "g1"), ["s1": .spam, "s2": .ham])
    }
}
