import Foundation
import GRDB
import XCTest

import QunCore
@testable import QunStore
import StoreTestSupport

/// Several admins on one SQLite store: versions refuse actions decided on a stale screen, claims hold items,
/// and a refused action writes nothing.
final class CaseVersionTests: XCTestCase {
    let now = at("2026-11-23T21:30:00+08:00")

    /// Three flagged messages from "spammer"; returns the store and their ids, oldest first.
    func makeQueue() throws -> (SQLiteStore, [Int64]) {
        let (store, _) = try makeSQLiteStore()
        try store.append([
            event("s1", .message, "spammer", "2026-11-23T10:00:00+08:00", text: "加微信领红包"),
            event("s2", .message, "spammer", "2026-11-23T10:01:00+08:00", text: "看这个https://t.cn/A6xYz，赶紧"),
            event("s3", .message, "spammer", "2026-11-23T10:02:00+08:00", text: "刷单日结"),
        ], now: now)
        let flagged = try store.moderationQueue().sorted { $0.item.createdAt < $1.item.createdAt }.map(\.id)
        XCTAssertEqual(flagged.count, 3)
        return (store, flagged)
    }

    func version(_ id: Int64, in store: SQLiteStore) throws -> Int64 {
        try store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM moderation_cases WHERE id = ?", arguments: [id])! }
    }

    func testNewItemsStartAtVersionOneAndEveryChangeMovesIt() throws {
        let (store, flagged) = try makeQueue()
        XCTAssertEqual(try store.moderationQueue().map(\.item.version), [1, 1, 1])
        try store.act(on: [flagged[0]], .escalate, actor: "小王", expectedVersions: [flagged[0]: 1], now: now)
        XCTAssertEqual(try version(flagged[0], in: store), 2)
        try store.act(on: [flagged[0]], .delete, actor: "小王", expectedVersions: [flagged[0]: 2], now: now)
        XCTAssertEqual(try version(flagged[0], in: store), 3)
        try store.undo(actor: "小王", now: now)
        XCTAssertEqual(try version(flagged[0], in: store), 4, "an undo is a change too")
        try store.resolveCases(createdBefore: now, resolution: "stale", actor: "demo", now: now)
        XCTAssertEqual(try flagged.map { try version($0, in: store) }, [5, 2, 2])
    }

    func testAnActionOnAStaleVersionIsRefusedAndWritesNothing() throws {
        let (store, flagged) = try makeQueue()
        try store.act(on: [flagged[1]], .warn, actor: "小王", expectedVersions: [flagged[1]: 1], now: now)
        let audit = try store.auditEntries().count
        let outbox = try store.outbox().count
        XCTAssertThrowsError(
            try store.act(on: [flagged[0], flagged[1]], .delete, actor: "小李", expectedVersions: [flagged[0]: 1, flagged[1]: 1],
                          now: now.addingTimeInterval(60))
        ) { error in
            XCTAssertEqual(error as? ModerationConflict, ModerationConflict(caseID: flagged[1], actor: "小王", reason: .handled(action: "warn", at: now)))
            XCTAssertEqual("\(error)", "handled by 小王 (warn) at 13:30")
        }
        XCTAssertEqual(try store.auditEntries().count, audit, "the whole bulk action was rolled back")
        XCTAssertEqual(try store.outbox().count, outbox)
        XCTAssertEqual(try version(flagged[0], in: store), 1)
        XCTAssertEqual(try store.moderationQueue().count, 2, "the first item is still open")
    }

    func testAClaimHoldsItemsForItsHolderUntilReleasedOrOver() throws {
        let (store, flagged) = try makeQueue()
        try store.claim(caseIDs: [flagged[0]], actor: "小王", for: 600, now: now)
        let claimed = try XCTUnwrap(store.moderationQueue().first { $0.id == flagged[0] }?.item)
        XCTAssertEqual(claimed.claimedBy, "小王")
        XCTAssertEqual(claimed.claimedUntil, now.addingTimeInterval(600))
        XCTAssertEqual(claimed.version, 2)
        XCTAssertThrowsError(try store.act(on: [flagged[0]], .ban, actor: "小李", now: now.addingTimeInterval(60))) {
            XCTAssertEqual("\($0)", "小王 is on it until 13:40")
        }
        XCTAssertThrowsError(try store.releaseClaim(caseIDs: [flagged[0]], actor: "小李", now: now), "only the holder lets go")
        // 小王 acts on the claimed item; the claim ends with it and undo brings it back.
        try store.act(on: [flagged[0]], .delete, actor: "小王", expectedVersions: [flagged[0]: 2], now: now.addingTimeInterval(60))
        try store.undo(actor: "小王", now: now.addingTimeInterval(120))
        let restored = try XCTUnwrap(store.moderationQueue().first { $0.id == flagged[0] }?.item)
        XCTAssertEqual(restored.claimedUntil, now.addingTimeInterval(600))
        XCTAssertEqual(restored.claimedBy, "小王")
        try store.releaseClaim(caseIDs: [flagged[0]], actor: "小王", now: now.addingTimeInterval(180))
        XCTAssertNil(try store.moderationQueue().first { $0.id == flagged[0] }?.item.claimedBy)
        XCTAssertEqual(try store.auditEntries().prefix(2).map(\.action), ["release claim", "undo delete"])
        // Another admin's claim that ran out holds nothing.
        try store.claim(caseIDs: [flagged[1]], actor: "小王", for: 60, now: now)
        XCTAssertNoThrow(try store.act(on: [flagged[1]], .approve, actor: "小李", now: now.addingTimeInterval(61)))
    }

    func testActingOnAnItemSomeoneElseResolvedNamesThem() throws {
        let (store, flagged) = try makeQueue()
        try store.act(on: [flagged[2]], .ban, actor: "小王", now: now)
        XCTAssertThrowsError(try store.act(on: [flagged[2]], .kick, actor: "小李", now: now)) {
            XCTAssertEqual(($0 as? ModerationConflict)?.actor, "小王")
        }
        XCTAssertThrowsError(try store.act(on: [flagged[2]], .kick, actor: "小王", now: now)) {
            XCTAssertTrue("\($0)".contains("already resolved"), "one's own decision: undo it first (\($0))")
        }
    }
}
