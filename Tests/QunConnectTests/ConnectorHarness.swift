import Foundation
import GRDB
import XCTest

import QunConnect
import QunCore
import QunIngest
@testable import QunStore
import TelegramBotDouble

/// The group and people the connector tests talk about.
enum People {
    static let group = TelegramUpdates.Chat(id: -1_001_234_567_890, title: "测试群")
    static let admin = TelegramUpdates.User(id: 7, firstName: "群主")
    static let alice = TelegramUpdates.User(id: 42, firstName: "小李", username: "xiaoli")
    static let applicant = TelegramUpdates.User(id: 501, firstName: "郑州+金水+新人")
    /// A name with a character outside the BMP: two UTF-16 units for one character.
    static let spammer = TelegramUpdates.User(id: 666, firstName: "小明🐉")

    static var groupID: String { String(group.id) }
}

/// One test's world: a loopback Bot API, a temporary store, and connectors wired to both.
final class ConnectorHarness: @unchecked Sendable {
    let double: TelegramBotDouble
    let store: SQLiteStore

    private init(double: TelegramBotDouble, store: SQLiteStore) {
        self.double = double
        self.store = store
    }

    /// Runs `body` with a fresh harness and always stops the double and removes the store afterwards.
    static func with(_ body: (ConnectorHarness) async throws -> Void) async throws {
        let harness = ConnectorHarness(double: try await TelegramBotDouble(), store: try SQLiteStore.temporary(name: "qundeck-connect"))
        do {
            try await body(harness)
        } catch {
            await harness.finish()
            throw error
        }
        await harness.finish()
    }

    private func finish() async {
        await double.stop()
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: store.path).deletingLastPathComponent())
    }

    /// The connector's name in the store once getMe has answered (the double's bot is @qundeck_test_bot).
    static let connectorName = "telegram:@qundeck_test_bot"

    func connector(
        once: Bool = true, requestTimeout: TimeInterval = 2, worker: String? = nil, claimBatch: Int = 10, token: String? = nil,
        lease: TimeInterval = 120, log: @escaping @Sendable (String) -> Void = { _ in }
    ) -> TelegramConnector {
        var options = TelegramConnector.Options()
        options.lease = lease
        options.once = once
        options.pollTimeout = 1
        options.idleWait = 0.05
        options.claimBatch = claimBatch
        options.worker = worker
        let client = TelegramBotClient(token: token ?? double.token, base: double.baseURL, requestTimeout: requestTimeout)
        return TelegramConnector(store: store, client: client, options: options, log: log)
    }

    /// `connect telegram --once`: one poll, one drain.
    func runOnce(requestTimeout: TimeInterval = 2) async throws {
        try await connector(requestTimeout: requestTimeout).run()
    }

    /// A long-running connector in the background; `stop()` it and await the task's value for its outcome.
    func start(_ connector: TelegramConnector) -> Task<Error?, Never> {
        Task {
            do {
                try await connector.run()
                return nil
            } catch {
                return error
            }
        }
    }

    /// Stops a connector started with `start` and waits for it: what it ended with, and how long that took.
    func stop(_ connector: TelegramConnector, _ running: Task<Error?, Never>) async -> (outcome: Error?, seconds: TimeInterval) {
        let asked = Date()
        connector.stop()
        let outcome = await running.value
        return (outcome, Date().timeIntervalSince(asked))
    }

    // MARK: store setup

    /// A Telegram group the store knows, so its outbox items are Telegram's to carry out.
    func makeGroup(_ chat: Int64 = People.group.id, name: String = "测试群") throws {
        try store.saveGroup(Group(id: String(chat), platform: .telegram, name: name, createdAt: Date()))
    }

    /// Queues commands for a group through the store's one enqueue; returns their item ids in order.
    @discardableResult
    func enqueue(_ commands: [OutboxCommand], group: String = People.groupID, now: Date = Date()) throws -> [Int64] {
        let drafts = commands.enumerated().map { index, command in
            OutboxDraft(idempotencyKey: "test-\(UUID().uuidString)-\(index)", groupID: group, command: command, dueAt: now)
        }
        try store.pool.write { db in _ = try OutboxWrites.enqueue(drafts, now: now, in: db) }
        let keys = drafts.map(\.idempotencyKey)
        return try store.pool.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM outbox WHERE idempotency_key IN (\(keys.map { _ in "?" }.joined(separator: ","))) ORDER BY id",
                arguments: StatementArguments(keys))
        }
    }

    func item(_ id: Int64) throws -> OutboxItem {
        guard let item = try store.outboxItem(id: id) else { throw HarnessError("no outbox item \(id)") }
        return item
    }

    /// Polls the store every 10 ms until `check` gives a value; throws with `what` after `timeout`.
    @discardableResult
    func waitForStore<T>(_ what: String, timeout: TimeInterval = 5, _ check: () throws -> T?) async throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = try check() { return value }
            if Date() >= deadline { throw HarnessError("timed out after \(timeout) s waiting for \(what)") }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    /// The queue row of the moderation case about `member`.
    func caseID(member: Int64, kind: ModerationKind) throws -> Int64 {
        guard let row = try store.moderationQueue().first(where: { $0.item.memberID == String(member) && $0.item.kind == kind }) else {
            throw HarnessError("no \(kind) queue item for member \(member); queue: \(try store.moderationQueue().map(\.item))")
        }
        return row.id
    }

    /// Brings updates into the store through a `--once` run, then forgets the calls that made.
    func ingest(_ updates: [String]) async throws {
        for update in updates { double.enqueue(update: update) }
        try await runOnce()
        double.clearCalls()
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
