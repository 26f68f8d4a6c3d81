import Foundation
import XCTest

import QunCore
@testable import QunStore

/// The dashboard redraws when another process writes; `ChangeWatcher` is how it notices.
final class ChangeWatcherTests: XCTestCase {
    func testIdleStoreReportsNoChange() throws {
        let (store, _) = try makeStore()
        try store.append([event("e0", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        let watcher = try ChangeWatcher(store: store)
        XCTAssertFalse(try watcher.hasChanged())
        XCTAssertFalse(try watcher.hasChanged())
        // Reads are not changes.
        _ = try store.stats()
        _ = try store.members(groupID: "g1")
        XCTAssertFalse(try watcher.hasChanged())
    }

    func testAppendThroughAnotherStoreInstanceIsNoticedOnce() throws {
        let (store, url) = try makeStore()
        let otherProcessLike = try SQLiteStore(url: url)
        let watcher = try ChangeWatcher(store: store)
        XCTAssertFalse(try watcher.hasChanged())

        try otherProcessLike.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        XCTAssertTrue(try watcher.hasChanged())
        XCTAssertFalse(try watcher.hasChanged(), "the change is reported once")
    }

    func testAppendThroughTheWatchedStoreIsNoticed() throws {
        let (store, _) = try makeStore()
        let watcher = try ChangeWatcher(store: store)
        try store.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        XCTAssertTrue(try watcher.hasChanged())
        try store.saveCursor(IngestCursor(path: "/x", device: 1, inode: 2, offset: 3, line: 4))
        XCTAssertTrue(try watcher.hasChanged())
    }
}

extension ChangeWatcherTests {
    func testReplacingContentsIsSeenAsAChangeByOtherConnections() throws {
        let (target, url) = try makeStore()
        try target.append([event("a", .message, "u1", "2026-11-23T08:00:00+08:00", text: "旧")])
        let watcher = try ChangeWatcher(store: target)
        let reader = try SQLiteStore(url: url)
        let (source, _) = try makeStore()
        try source.append([
            event("b", .message, "u2", "2026-11-23T09:00:00+08:00", text: "新"),
            event("c", .message, "u3", "2026-11-23T09:01:00+08:00", text: "新"),
        ])
        try target.replaceContents(with: source)
        XCTAssertEqual(try watcher.check(), .data)
        XCTAssertEqual(try reader.eventCount(), 2, "an open connection reads the new contents")
    }

    func testAFileReplacedAtThePathIsReported() throws {
        let (store, url) = try makeStore()
        let watcher = try ChangeWatcher(store: store)
        XCTAssertEqual(try watcher.check(), .none)
        try FileManager.default.removeItem(at: url)
        _ = try SQLiteStore(url: url)
        XCTAssertEqual(try watcher.check(), .replaced)
    }
}
