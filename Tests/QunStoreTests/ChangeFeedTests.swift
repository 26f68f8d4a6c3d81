import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The dashboard redraws when any process writes to its store; the store's change watcher is how it notices.
/// A backend may deliver notices a little after the commit (PostgreSQL's NOTIFY), so the tests wait for them.
class ChangeFeedTests: StoreContractTestCase {
    /// The next change `watcher` reports within `timeout` seconds, nil when none came.
    func nextChange(_ watcher: any StoreChangeWatcher, within timeout: TimeInterval = 5) throws -> StoreChange? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let change = try watcher.poll() { return change }
            if Date() >= deadline { return nil }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    func testIdleStoreReportsNoChange() throws {
        let store = try makeStore()
        try store.append([event("e0", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        let watcher = try store.changeWatcher()
        XCTAssertNil(try nextChange(watcher, within: 0.3), "a write before the watcher was made is not reported")
        // Reads are not changes.
        _ = try store.stats()
        _ = try store.members(groupID: "g1")
        XCTAssertNil(try nextChange(watcher, within: 0.3))
    }

    func testAppendThroughAnotherHandleIsNoticedOnce() throws {
        let store = try makeStore()
        let otherProcessLike = try openAnother(store)
        let watcher = try store.changeWatcher()
        XCTAssertNil(try watcher.poll())

        try otherProcessLike.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        XCTAssertEqual(try nextChange(watcher), .data)
        XCTAssertNil(try nextChange(watcher, within: 0.3), "the change is reported once")
    }

    func testWritesThroughTheWatchedStoreAreNoticed() throws {
        let store = try makeStore()
        let watcher = try store.changeWatcher()
        try store.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        XCTAssertEqual(try nextChange(watcher), .data)
        try store.saveCursor(IngestCursor(path: "/x", device: 1, inode: 2, offset: 3, line: 4))
        XCTAssertEqual(try nextChange(watcher), .data)
    }
}
