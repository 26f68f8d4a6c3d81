import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Where `ingest --follow` stopped in a file, saved alongside the events it read.
class IngestCursorTests: StoreContractTestCase {
    func testCursorRoundTrip() throws {
        let store = try makeStore()
        XCTAssertNil(try store.cursor(forPath: "/var/feeds/wechat.jsonl"))
        let cursor = IngestCursor(path: "/var/feeds/wechat.jsonl", device: 2049, inode: 1_234_567, offset: 98_765, line: 321)
        try store.saveCursor(cursor)
        XCTAssertEqual(try store.cursor(forPath: cursor.path), cursor)
        XCTAssertNil(try store.cursor(forPath: "/var/feeds/other.jsonl"))
    }

    func testSavingAgainReplacesTheCursor() throws {
        let store = try makeStore()
        try store.saveCursor(IngestCursor(path: "/f", device: 1, inode: 10, offset: 100, line: 5))
        let moved = IngestCursor(path: "/f", device: 1, inode: 11, offset: 7, line: 1)
        try store.saveCursor(moved)
        XCTAssertEqual(try store.cursor(forPath: "/f"), moved)
    }

    func testCursorSavedWithAnAppendCommitsWithTheEvents() throws {
        let store = try makeStore()
        let cursor = IngestCursor(path: "/f", device: 3, inode: 4, offset: 200, line: 2)
        try store.append(
            [event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "a"),
             event("e2", .message, "u1", "2026-11-23T08:01:00+08:00", text: "b")],
            cursor: cursor)
        let reopened = try openAnother(store)
        XCTAssertEqual(try reopened.cursor(forPath: "/f"), cursor)
        XCTAssertEqual(try reopened.eventCount(), 2)
    }

    /// Device and inode numbers are unsigned 64-bit; overlayfs (xino), btrfs and NFS hand out values with
    /// the top bit set. Stores keep them in signed 64-bit columns as bit patterns and must read them back the same way.
    /// The check runs in a child process because the failure mode is a trap (`UInt64(negative Int64)`),
    /// which would otherwise abort the whole test run instead of failing one test.
    func testCursorWithTopBitSetDeviceAndInodeRoundTrips() throws {
        #if os(Linux)
        if let address = ProcessInfo.processInfo.environment[Self.childFlag] {
            try roundTripTopBitCursor(in: StoreFactory.open(type(of: self).backend, address: address))
            return
        }
        // The parent owns the store the child writes, so it is removed even when the child crashes.
        let store = try makeStore()
        let status = try runThisTestInAChildProcess(nameForChildProcess, environment: [Self.childFlag: store.address])
        if status.reason == .uncaughtSignal {
            XCTFail("the round trip crashed the child (signal \(status.code)): cursor(forPath:) traps on a top-bit value")
        } else {
            XCTAssertEqual(status.code, 0, "the round trip failed in the child; rerun it with \(Self.childFlag)=<a store's address> to see why")
        }
        #else
        throw XCTSkip("re-runs the test binary as a child process; written for Linux")
        #endif
    }

    static let childFlag = "QUNDECK_TEST_CHILD_TOPBIT_CURSOR"

    func roundTripTopBitCursor(in store: any QundeckStore) throws {
        let cursor = IngestCursor(
            path: "/overlay/feed.jsonl", device: UInt64.max - 1, inode: (1 << 63) | 0x2A, offset: 10, line: 1)
        try store.saveCursor(cursor)
        XCTAssertEqual(try store.cursor(forPath: cursor.path), cursor)
    }
}
