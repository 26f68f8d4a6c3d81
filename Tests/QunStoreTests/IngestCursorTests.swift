import Foundation
import XCTest

import QunCore
@testable import QunStore

/// Where `ingest --follow` stopped in a file, saved alongside the events it read.
final class IngestCursorTests: XCTestCase {
    func testCursorRoundTrip() throws {
        let (store, _) = try makeStore()
        XCTAssertNil(try store.cursor(forPath: "/var/feeds/wechat.jsonl"))
        let cursor = IngestCursor(path: "/var/feeds/wechat.jsonl", device: 2049, inode: 1_234_567, offset: 98_765, line: 321)
        try store.saveCursor(cursor)
        XCTAssertEqual(try store.cursor(forPath: cursor.path), cursor)
        XCTAssertNil(try store.cursor(forPath: "/var/feeds/other.jsonl"))
    }

    func testSavingAgainReplacesTheCursor() throws {
        let (store, _) = try makeStore()
        try store.saveCursor(IngestCursor(path: "/f", device: 1, inode: 10, offset: 100, line: 5))
        let moved = IngestCursor(path: "/f", device: 1, inode: 11, offset: 7, line: 1)
        try store.saveCursor(moved)
        XCTAssertEqual(try store.cursor(forPath: "/f"), moved)
    }

    func testCursorSavedWithAnAppendCommitsWithTheEvents() throws {
        let (store, url) = try makeStore()
        let cursor = IngestCursor(path: "/f", device: 3, inode: 4, offset: 200, line: 2)
        try store.append(
            [event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "a"),
             event("e2", .message, "u1", "2026-11-23T08:01:00+08:00", text: "b")],
            cursor: cursor)
        let reopened = try SQLiteStore(url: url)
        XCTAssertEqual(try reopened.cursor(forPath: "/f"), cursor)
        XCTAssertEqual(try reopened.eventCount(), 2)
    }

    /// Device and inode numbers are unsigned 64-bit; overlayfs (xino), btrfs and NFS hand out values with
    /// the top bit set. The store writes them as Int64 bit patterns, so it must read them back the same way.
    /// The check runs in a child process because the failure mode is a trap (`UInt64(negative Int64)`),
    /// which would otherwise abort the whole test run instead of failing one test.
    func testCursorWithTopBitSetDeviceAndInodeRoundTrips() throws {
        #if os(Linux)
        if let directory = ProcessInfo.processInfo.environment[Self.childFlag] {
            try roundTripTopBitCursor(in: URL(fileURLWithPath: directory))
            return
        }
        // The parent owns the child's directory, so it is removed even when the child crashes.
        let directory = try makeTemporaryDirectory()
        let status = try runThisTestInAChildProcess(
            "QunStoreTests.IngestCursorTests/testCursorWithTopBitSetDeviceAndInodeRoundTrips", flag: Self.childFlag,
            value: directory.path)
        if status.reason == .uncaughtSignal {
            XCTFail("the round trip crashed the child (signal \(status.code)): cursor(forPath:) traps on a top-bit value")
        } else {
            XCTAssertEqual(status.code, 0, "the round trip failed in the child; rerun it with \(Self.childFlag)=/some/empty/dir to see why")
        }
        #else
        throw XCTSkip("re-runs the test binary as a child process; written for Linux")
        #endif
    }

    static let childFlag = "QUNDECK_TEST_CHILD_TOPBIT_CURSOR"

    func roundTripTopBitCursor(in directory: URL) throws {
        let store = try SQLiteStore(url: directory.appendingPathComponent("store.sqlite"))
        let cursor = IngestCursor(
            path: "/overlay/feed.jsonl", device: UInt64.max - 1, inode: (1 << 63) | 0x2A, offset: 10, line: 1)
        try store.saveCursor(cursor)
        XCTAssertEqual(try store.cursor(forPath: cursor.path), cursor)
    }
}

/// Runs one test of this test binary in a child process (with `flag`=`value` in its environment) and
/// returns how the child ended.
func runThisTestInAChildProcess(_ testName: String, flag: String, value: String) throws -> (reason: Process.TerminationReason, code: Int32) {
    let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let child = Process()
    child.executableURL = URL(fileURLWithPath: binary)
    child.arguments = [testName]
    var environment = ProcessInfo.processInfo.environment
    environment[flag] = value
    environment["SWIFT_BACKTRACE"] = "enable=no"  // a crash is the expected failure; skip the slow backtrace
    child.environment = environment
    child.standardOutput = FileHandle.nullDevice
    child.standardError = FileHandle.nullDevice
    try child.run()
    child.waitUntilExit()
    return (child.terminationReason, child.terminationStatus)
}
