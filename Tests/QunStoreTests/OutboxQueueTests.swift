import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The connector's side of the outbox: claims, attempts, answers, and what a dead connector leaves.
class OutboxQueueTests: StoreContractTestCase {
    let now = at("2026-12-03T10:00:00+08:00")

    /// A store whose outbox holds `items` due Telegram items for group -1001 (oldest first) and one WeChat item.
    /// They are queued the way a configured store queues them on its own: a rule that deletes ads, and ads.
    func makeStore(items: Int) throws -> (store: any QundeckStore, telegram: [OutboxItem]) {
        let store = try makeStore()
        try store.saveGroup(Group(id: "-1001", platform: .telegram, name: "车友会 🚗", createdAt: now))
        try store.saveGroup(Group(id: "wx-1", platform: .wechat, name: "郑州·金水花园1群", createdAt: now))
        try store.saveRuleSet(RuleSet(defaults: RuleSettings(ad: AdSettings(action: .delete))), actor: "owner", now: now)
        let ads = (0..<items).map { i in
            event("-1001:\(i + 1)", .message, "m\(i)", "2026-12-03T09:00:00+08:00", group: "-1001", source: "telegram-bot", text: "加微信领红包 \(i)")
        }
        try store.append(ads + [event("w-0", .message, "wx-m", "2026-12-03T09:00:00+08:00", group: "wx-1", text: "加微信领红包")], now: now)
        let telegram = try store.outbox(states: [.pending], groupID: "-1001", limit: items + 1).sorted { $0.id < $1.id }
        XCTAssertEqual(telegram.count, items, "one deletion per ad")
        XCTAssertEqual(try store.outbox(states: [.pending], groupID: "wx-1").count, 1)
        return (store, telegram)
    }

    func testAClaimTakesDueItemsOfItsPlatformOnce() throws {
        let (store, telegram) = try makeStore(items: 3)
        let first = try store.claimDue(worker: "a", platform: .telegram, lease: 60, limit: 2, now: now)
        XCTAssertEqual(first.map(\.idempotencyKey), telegram.prefix(2).map(\.idempotencyKey), "the oldest first")
        XCTAssertEqual(first.map(\.state), [.claimed, .claimed])
        let second = try store.claimDue(worker: "b", platform: .telegram, lease: 60, limit: 10, now: now)
        XCTAssertEqual(second.map(\.idempotencyKey), [telegram[2].idempotencyKey], "claimed items are not handed out again, nor WeChat's")
        XCTAssertEqual(try store.claimDue(worker: "c", platform: .telegram, lease: 60, limit: 10, now: now), [])
    }

    func testAnExpiredClaimGoesBackUnlessItsRequestHadStarted() throws {
        let (store, _) = try makeStore(items: 2)
        let claimed = try store.claimDue(worker: "dead", platform: .telegram, lease: 60, limit: 2, now: now)
        XCTAssertTrue(try store.beginAttempt(id: claimed[1].id, worker: "dead", lease: nil, now: now))
        let later = now.addingTimeInterval(61)
        let again = try store.claimDue(worker: "new", platform: .telegram, lease: 60, limit: 10, now: later)
        XCTAssertEqual(again.map(\.id), [claimed[0].id], "never started: safe to send")
        let interrupted = try XCTUnwrap(store.outboxItem(id: claimed[1].id))
        XCTAssertEqual(interrupted.state, .unknown, "it may have reached Telegram: an operator decides")
        XCTAssertTrue(interrupted.lastError?.contains("connector dead stopped during the request") == true, interrupted.lastError ?? "")
    }

    func testAnswersAreWrittenBackAndRetriesWait() throws {
        let (store, _) = try makeStore(items: 3)
        let items = try store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 3, now: now)
        for item in items { XCTAssertTrue(try store.beginAttempt(id: item.id, worker: "w", lease: nil, now: now)) }
        try store.complete(id: items[0].id, worker: "w", response: #"{"message_id":5}"#, now: now)
        try store.fail(id: items[1].id, worker: "w", error: "429 Too Many Requests: retry after 30", retryAt: now.addingTimeInterval(30), now: now)
        try store.fail(id: items[2].id, worker: "w", error: "400 Bad Request: chat not found", retryAt: nil, now: now)
        let sent = try XCTUnwrap(store.outboxItem(id: items[0].id))
        XCTAssertEqual(sent.state, .sent)
        XCTAssertEqual(sent.response, #"{"message_id":5}"#)
        XCTAssertEqual(sent.attempts, 1)
        XCTAssertEqual(try store.outboxItem(id: items[2].id)?.state, .failed)
        XCTAssertEqual(try store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 9, now: now.addingTimeInterval(29)), [])
        let retried = try store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 9, now: now.addingTimeInterval(30))
        XCTAssertEqual(retried.map(\.id), [items[1].id])
        XCTAssertEqual(retried.first?.lastError, "429 Too Many Requests: retry after 30")
        XCTAssertThrowsError(try store.complete(id: items[0].id, worker: "w", response: nil, now: now), "an answer for an item no longer claimed")
    }

    func testACancelledClaimIsNotSent() throws {
        let (store, _) = try makeStore(items: 1)
        let item = try XCTUnwrap(store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 1, now: now).first)
        try store.cancelOutboxItem(id: item.id, actor: "小王", now: now)
        XCTAssertFalse(try store.beginAttempt(id: item.id, worker: "w", lease: nil, now: now), "the connector must not send it")
        XCTAssertEqual(try store.auditEntries().first?.action, "outbox cancel")
        XCTAssertEqual(try store.auditEntries().first?.actor, "小王")
    }

    func testOperatorsRetryAndResolve() throws {
        let (store, _) = try makeStore(items: 2)
        let items = try store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 2, now: now)
        for item in items { XCTAssertTrue(try store.beginAttempt(id: item.id, worker: "w", lease: nil, now: now)) }
        try store.markUnknown(id: items[0].id, worker: "w", error: "no answer", now: now)
        try store.fail(id: items[1].id, worker: "w", error: "403 Forbidden: bot was kicked from the supergroup chat", retryAt: nil, now: now)
        XCTAssertThrowsError(try store.cancelOutboxItem(id: items[0].id, actor: "a", now: now)) { error in
            XCTAssertEqual("\(error)", "outbox item \(items[0].id) is unknown; outbox cancel takes pending, held, claimed items")
        }
        XCTAssertThrowsError(try store.resolveOutboxItem(id: items[1].id, sent: true, actor: "a", now: now))
        try store.resolveOutboxItem(id: items[0].id, sent: true, actor: "a", now: now)
        XCTAssertEqual(try store.outboxItem(id: items[0].id)?.state, .sent)
        try store.retryOutboxItem(id: items[1].id, actor: "a", now: now)
        XCTAssertEqual(try store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 9, now: now).map(\.id), [items[1].id])
        XCTAssertThrowsError(try store.retryOutboxItem(id: 999, actor: "a", now: now)) { error in
            XCTAssertTrue("\(error)".contains("no outbox item 999"))
        }
    }

    func testAMovedChatRewritesWhatIsStillToSendAndADisconnectedGroupIsNotClaimed() throws {
        let (store, _) = try makeStore(items: 2)
        try store.moveChat(groupID: "-1001", to: .number(-100_777), now: now)
        let items = try store.outbox(states: [.pending], groupID: "-1001")
        XCTAssertEqual(Set(items.map(\.command.chat)), [.number(-100_777)])
        XCTAssertEqual(try store.groupsByMovedChat(), ["-100777": "-1001"])
        try store.markDisconnected(groupID: "-1001", reason: "403 Forbidden: bot was kicked from the supergroup chat", now: now)
        XCTAssertEqual(try store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 9, now: now), [])
        let delivery = try store.deliveryByGroup(now: now)
        XCTAssertEqual(delivery["-1001"]?.awaiting, 2)
        XCTAssertEqual(delivery["-1001"]?.disconnected, "403 Forbidden: bot was kicked from the supergroup chat")
        try store.markConnected(groupID: "-1001")
        XCTAssertEqual(try store.claimDue(worker: "w", platform: .telegram, lease: 60, limit: 9, now: now).count, 2)
        XCTAssertEqual(try store.outboxItem(id: items[0].id)?.command.chat, .number(-100_777), "the rewrite survives")
    }

    // MARK: two connector processes

    static let childDirectoryFlag = "QUNDECK_TEST_CHILD_OUTBOX_CLAIMS"
    static let childStoreFlag = "QUNDECK_TEST_CHILD_OUTBOX_STORE"

    /// Two processes claim from one store at once: every item is claimed and sent by exactly one.
    func testTwoConnectorProcessesNeverTakeTheSameItem() throws {
        let environment = ProcessInfo.processInfo.environment
        if let directory = environment[Self.childDirectoryFlag], let address = environment[Self.childStoreFlag] {
            return try drainAsChild(StoreFactory.open(type(of: self).backend, address: address), logTo: URL(fileURLWithPath: directory))
        }
        #if os(Linux)
        let directory = try makeTemporaryDirectory()
        let (store, _) = try makeStore(items: 300)
        let children = try (0..<2).map { _ in
            try startThisTestInAChildProcess(
                nameForChildProcess, environment: [Self.childDirectoryFlag: directory.path, Self.childStoreFlag: store.address])
        }
        XCTAssertEqual(children.map { $0.waitForExit().code }, [0, 0])
        let logs = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("sent-") }
        XCTAssertEqual(logs.count, 2)
        var seen: [String: Int] = [:]
        for log in logs {
            let ids = try String(contentsOf: directory.appendingPathComponent(log), encoding: .utf8).split(separator: "\n")
            XCTAssertGreaterThan(ids.count, 0, "both processes got work")
            for id in ids { seen[String(id), default: 0] += 1 }
        }
        XCTAssertEqual(seen.count, 300, "every Telegram item was sent")
        XCTAssertEqual(seen.values.filter { $0 > 1 }.count, 0, "none twice")
        XCTAssertEqual(try store.outbox(states: [.sent]).count, 300)
        XCTAssertTrue(try store.outbox(states: [.sent]).allSatisfy { $0.attempts == 1 })
        #else
        throw XCTSkip("re-runs the test binary as a child process; written for Linux")
        #endif
    }

    /// The child: a connector's drain loop against the shared store, logging what it "sent".
    func drainAsChild(_ store: any QundeckStore, logTo directory: URL) throws {
        let worker = "child-\(getpid())"
        var sent: [Int64] = []
        while true {
            let items = try store.claimDue(worker: worker, platform: .telegram, lease: 60, limit: 5, now: Date())
            if items.isEmpty { break }
            for item in items where try store.beginAttempt(id: item.id, worker: worker, lease: nil, now: Date()) {
                sent.append(item.id)
                try store.complete(id: item.id, worker: worker, response: nil, now: Date())
            }
        }
        try sent.map(String.init).joined(separator: "\n").write(
            to: directory.appendingPathComponent("sent-\(worker)"), atomically: true, encoding: .utf8)
    }
}
