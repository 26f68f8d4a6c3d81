import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

/// The same moderation session on SQLite and on PostgreSQL ends in the same store: the same audit trail,
/// outbox commands, members, warnings, deleted messages, classifier samples and queue.
final class ModerationParityTests: XCTestCase {
    var postgres: PostgresStore!
    var sqlite: SQLiteStore!
    let now = ModerationFixture.now

    override func setUpWithError() throws {
        postgres = try PostgresStore.temporary(name: "parity")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qundeck-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        sqlite = try SQLiteStore(url: directory.appendingPathComponent("store.sqlite"))
        try ModerationFixture.seed(sqlite)
        try ModerationFixture.seed(postgres)
    }

    override func tearDownWithError() throws {
        try postgres?.dropSchema()
    }

    /// Acts as two admins would, noting every result and refusal.
    func session(_ store: some ModerationActions, queue: () throws -> [ModerationQueueRow]) -> [String] {
        var log: [String] = []
        func step(_ name: String, _ body: () throws -> Any) {
            do { log.append("\(name): \(try body())") } catch { log.append("\(name) refused: \(error)") }
        }
        let minute = 60.0
        step("ladder") { try store.setPenaltyLadder(PenaltyLadder(warningLifetime: 7 * 86_400, steps: [.init(warnings: 2, penalty: .mute(seconds: 1800))]), groupID: "-1001") }
        step("versions") { try queue().map { "\($0.id)@\($0.item.version)" } }
        step("warn 1") { try store.act(on: [1], .warn, actor: "小王", reason: "发广告", expectedVersions: [1: 1], now: self.now) }
        step("stale warn 1") { try store.act(on: [1], .warn, actor: "小李", reason: nil, expectedVersions: [1: 1], now: self.now + minute) }
        step("warn 2 → mute") { try store.act(on: [2], .warn, actor: "小王", reason: nil, expectedVersions: [2: 1], now: self.now + 2 * minute) }
        step("warnings") { try store.activeWarnings(groupID: "-1001", memberID: "42", now: self.now + 3 * minute) }
        step("claim 4") { try store.claim(caseIDs: [4], actor: "小王", for: 10 * minute, now: self.now + 3 * minute) }
        step("mute 4 while claimed") { try store.act(on: [4], .mute(seconds: 600), actor: "小李", reason: nil, expectedVersions: [4: 2], now: self.now + 4 * minute) }
        step("release 4") { try store.releaseClaim(caseIDs: [4], actor: "小王", now: self.now + 5 * minute) }
        step("mute 4") { try store.act(on: [4], .mute(seconds: 600), actor: "小李", reason: nil, expectedVersions: [4: 3], now: self.now + 6 * minute) }
        step("delete 3") { try store.act(on: [3], .delete, actor: "小王", reason: nil, expectedVersions: [:], now: self.now + 7 * minute) }
        step("undo") { try store.undo(auditID: nil, actor: "小王", now: self.now + 8 * minute).map(\.action) }
        step("ban as spam 3") { try store.act(on: [3], .banAsSpam, actor: "小王", reason: nil, expectedVersions: [3: 3], now: self.now + 9 * minute) }
        step("approve 5, escalate 6") {
            try store.act(on: [5], .approve, actor: "小李", reason: nil, expectedVersions: [:], now: self.now + 10 * minute)
                + store.act(on: [6], .escalate, actor: "小李", reason: nil, expectedVersions: [:], now: self.now + 10 * minute)
        }
        step("note") { try store.addCaseNote(caseID: 6, text: "问问群主", author: "小李", now: self.now + 11 * minute) }
        step("notes") { try store.caseNotes(caseID: 6).map(\.text) }
        step("resolve the rest") { try store.resolveCases(createdBefore: self.now, resolution: "stale", actor: "demo", now: self.now + 13 * minute) }
        step("queue") { try queue().map { "\($0.id)@\($0.item.version)" } }
        return log
    }

    func testAModerationSessionEndsInTheSameStoreOnBothBackends() throws {
        let sqliteLog = session(sqlite) { try sqlite.moderationQueue(limit: 500) }
        let postgresLog = session(postgres) { try postgres.moderationQueue(limit: 500) }
        XCTAssertEqual(postgresLog, sqliteLog)
        XCTAssertTrue(sqliteLog.contains("stale warn 1 refused: handled by 小王 (warn) at 10:33"), "\(sqliteLog)")
        XCTAssertTrue(sqliteLog.contains { $0.hasPrefix("mute 4 while claimed refused: 小王 is on it until") }, "\(sqliteLog)")
        XCTAssertEqual(try ModerationFixture.dump(postgres), try ModerationFixture.dump(sqlite))
        XCTAssertEqual(try postgres.auditEntries(memberID: nil, limit: 1000), try sqlite.auditEntries(limit: 1000))
        XCTAssertEqual(try postgres.outbox(states: [], groupID: nil, limit: 1000), try sqlite.outbox(limit: 1000))
        let verbs = try sqlite.outbox(limit: 1000).map(\.action)
        XCTAssertEqual(Set(verbs), ["send_message", "restrict_member", "delete_messages", "ban_member", "approve_join_request"], "\(verbs)")
        XCTAssertGreaterThan(try sqlite.auditEntries(limit: 1000).count, 8)
    }

    func testTheQueueAndAMessagesContextReadTheSame() throws {
        try sqlite.claim(caseIDs: [2], actor: "小王", for: 600, now: now)
        try postgres.claim(caseIDs: [2], actor: "小王", for: 600, now: now)
        let sqliteQueue = try sqlite.moderationQueue(limit: 500)
        XCTAssertEqual(try postgres.moderationQueue(limit: 500), sqliteQueue)
        XCTAssertEqual(sqliteQueue.first { $0.id == 2 }?.item.claimedUntil, now.addingTimeInterval(600))
        XCTAssertEqual(sqliteQueue.first { $0.id == 2 }?.item.version, 2)
        let item = try XCTUnwrap(sqliteQueue.first { $0.id == 2 }?.item)
        let context = try sqlite.context(of: item, before: 6, after: 3)
        XCTAssertEqual(try postgres.context(of: item, before: 6, after: 3), context)
        XCTAssertEqual(context.map(\.isSubject), [false, false, true, false, false, false])
        XCTAssertEqual(context.map(\.memberName).first, "小广告", "the member's group nickname")
    }
}
