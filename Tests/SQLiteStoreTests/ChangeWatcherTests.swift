import Foundation
import XCTest

import QunCore
@testable import QunStore
import StoreTestSupport

/// What only SQLite's watcher sees: the file's contents replaced by an online backup, and a new file at the
/// store's path. (What every backend's watcher reports is in the contract suite's ChangeFeedTests.)
final class ChangeWatcherTests: XCTestCase {
    func testReplacingContentsIsSeenAsAChangeByOtherConnections() throws {
        let (target, url) = try makeSQLiteStore()
        try target.append([event("a", .message, "u1", "2026-11-23T08:00:00+08:00", text: "旧")])
        let watcher = try ChangeWatcher(store: target)
        let reader = try SQLiteStore(url: url)
        let (source, _) = try makeSQLiteStore()
        try source.append([
            event("b", .message, "u2", "2026-11-23T09:00:00+08:00", text: "新"),
            event("c", .message, "u3", "2026-11-23T09:01:00+08:00", text: "新"),
        ])
        try target.replaceContents(with: source)
        XCTAssertEqual(try watcher.check(), .data)
        XCTAssertEqual(try reader.eventCount(), 2, "an open connection reads the new contents")
    }

    func testAFileReplacedAtThePathIsReported() throws {
        let (store, url) = try makeSQLiteStore()
        let watcher = try ChangeWatcher(store: store)
        XCTAssertEqual(try watcher.check(), .none)
        try FileManager.default.removeItem(at: url)
        _ = try SQLiteStore(url: url)
        XCTAssertEqual(try watcher.check(), .replaced)
    }
}
