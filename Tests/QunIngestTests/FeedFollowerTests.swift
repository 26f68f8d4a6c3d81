import Foundation
import XCTest

import QunCore
import QunStore
@testable import QunIngest

/// `ingest --follow`: a growing, truncated and rotated file, and a restart from the stored cursor.
/// The follower runs on a thread of its own; the test waits (bounded) for the store to show each step.
final class FeedFollowerTests: XCTestCase {
    /// A follower running in the background until `stop()`.
    final class Running: @unchecked Sendable {
        let stopFlag = Locked(false)
        let messages = Locked<[String]>([])
        let outcome = Locked<Result<FeedIngestor.Summary, Error>?>(nil)
        let rejected = Locked<[Int]>([])
        private let finished = DispatchSemaphore(value: 0)

        init(store: SQLiteStore, path: String) {
            let thread = Thread { [self] in
                let ingestor = FeedIngestor(store: store)
                ingestor.onReject = { _, line, _ in self.rejected.mutate { $0.append(line) } }
                let follower = FeedFollower(ingestor: ingestor, store: store, path: path)
                follower.pollInterval = 0.05
                follower.onEvent = { message in self.messages.mutate { $0.append(message) } }
                var summary = FeedIngestor.Summary()
                do {
                    try follower.run(summary: &summary) { self.stopFlag.get() }
                    self.outcome.set(.success(summary))
                } catch {
                    self.outcome.set(.failure(error))
                }
                self.finished.signal()
            }
            thread.start()
        }

        private let joined = Locked(false)

        /// Stops the follower and returns its summary; nil if it did not stop within 10 s. Safe to call twice.
        func stop() throws -> FeedIngestor.Summary? {
            stopFlag.set(true)
            if !joined.get() {
                guard finished.wait(timeout: .now() + 10) == .success else { return nil }
                joined.set(true)
            }
            return try outcome.get()?.get()
        }
    }

    /// A feed line for message `id` (ids are unique per test, so a line read twice would show as a duplicate).
    func line(_ id: String, second: Int = 0) -> String {
        feedLine(["id": json(id), "source": "\"follow\"", "ts": "\(1_795_388_405 + second)", "text": json("消息 \(id)")]) + "\n"
    }

    func ids(in store: SQLiteStore) throws -> [String] {
        var ids: [String] = []
        try store.forEachEvent { ids.append($0.externalID) }
        return ids
    }

    func testFollowsGrowthTruncationRotationAndResumesAfterARestart() throws {
        let store = try makeStore()
        let directory = try makeTemporaryDirectory()
        let feed = directory.appendingPathComponent("feed.jsonl")

        // Started before the file exists: it waits for it.
        let follower = Running(store: store, path: feed.path)
        addTeardownBlock { _ = try? follower.stop() }
        XCTAssertTrue(FileManager.default.createFile(atPath: feed.path, contents: Data((line("a1") + line("a2") + line("a3")).utf8)))
        XCTAssertTrue(try eventually { try store.eventCount() == 3 }, "initial lines")

        // Growth.
        try append(line("b1") + line("b2"), to: feed)
        XCTAssertTrue(try eventually { try store.eventCount() == 5 }, "appended lines")

        // A line written in two pieces is read once it is complete, never as a broken half.
        let piece = line("c1")
        let half = piece.index(piece.startIndex, offsetBy: piece.count / 2)
        try append(String(piece[..<half]), to: feed)
        Thread.sleep(forTimeInterval: 0.2)  // several polls see the unfinished line
        try append(String(piece[half...]), to: feed)
        XCTAssertTrue(try eventually { try store.eventCount() == 6 }, "completed line")

        // Truncation: the file is cut and restarted with shorter content, on the same inode.
        let truncated = try FileHandle(forWritingTo: feed)
        try truncated.truncate(atOffset: 0)
        try truncated.write(contentsOf: Data(line("d1").utf8))
        try truncated.close()
        XCTAssertTrue(try eventually { try store.eventCount() == 7 }, "line after truncation")
        XCTAssertTrue(follower.messages.get().contains { $0.contains("truncated") })

        // Rotation: a last line lands in the old file just before it is renamed away; a new file is created.
        try append(line("e1"), to: feed)
        try FileManager.default.moveItem(at: feed, to: directory.appendingPathComponent("feed.jsonl.1"))
        XCTAssertTrue(FileManager.default.createFile(atPath: feed.path, contents: Data((line("f1") + line("f2")).utf8)))
        XCTAssertTrue(try eventually { try store.eventCount() == 10 }, "old file finished and new file read")
        XCTAssertTrue(follower.messages.get().contains { $0.contains("replaced") })

        let summary = try XCTUnwrap(try follower.stop(), "follower did not stop")
        XCTAssertEqual(summary.inserted, 10)
        XCTAssertEqual(summary.duplicates, 0)
        XCTAssertEqual(summary.rejected, 0, "the half-written line was never read as a line")
        XCTAssertEqual(follower.rejected.get(), [])
        XCTAssertEqual(try ids(in: store), ["a1", "a2", "a3", "b1", "b2", "c1", "d1", "e1", "f1", "f2"])

        // The cursor points just past the new file's last line.
        let cursor = try XCTUnwrap(store.cursor(forPath: feed.standardizedFileURL.path))
        let newFileSize = Int64((line("f1") + line("f2")).utf8.count)
        XCTAssertEqual(cursor.offset, newFileSize)
        XCTAssertEqual(cursor.line, 2)

        // Lines written while no follower runs; a restart reads only those.
        try append(line("g1") + line("g2"), to: feed)
        let restarted = Running(store: store, path: feed.path)
        addTeardownBlock { _ = try? restarted.stop() }
        XCTAssertTrue(try eventually { try store.eventCount() == 12 }, "lines written while stopped")
        let resumed = try XCTUnwrap(try restarted.stop(), "restarted follower did not stop")
        XCTAssertEqual(resumed.lines, 2, "only the new lines were read")
        XCTAssertEqual(resumed.inserted, 2)
        XCTAssertEqual(resumed.duplicates, 0, "nothing before the cursor was read again")
        XCTAssertTrue(restarted.messages.get().contains { $0.contains("resuming") && $0.contains("line 3") })
        XCTAssertEqual(try store.cursor(forPath: feed.standardizedFileURL.path)?.line, 4)
    }

    func testRestartAfterTheFileWasReplacedReadsTheNewFileFromTheTop() throws {
        let store = try makeStore()
        let directory = try makeTemporaryDirectory()
        let feed = directory.appendingPathComponent("feed.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: feed.path, contents: Data((line("a1") + line("a2")).utf8)))
        let first = Running(store: store, path: feed.path)
        addTeardownBlock { _ = try? first.stop() }
        XCTAssertTrue(try eventually { try store.eventCount() == 2 })
        XCTAssertNotNil(try first.stop())

        // Rotated while nothing was following: the stored cursor belongs to the old inode.
        try FileManager.default.moveItem(at: feed, to: directory.appendingPathComponent("feed.jsonl.1"))
        XCTAssertTrue(FileManager.default.createFile(atPath: feed.path, contents: Data((line("b1") + line("b2") + line("b3")).utf8)))
        let second = Running(store: store, path: feed.path)
        addTeardownBlock { _ = try? second.stop() }
        XCTAssertTrue(try eventually { try store.eventCount() == 5 })
        let summary = try XCTUnwrap(try second.stop())
        XCTAssertEqual(summary.lines, 3)
        XCTAssertEqual(summary.inserted, 3)
        XCTAssertEqual(summary.duplicates, 0)
    }

    func testRejectedLinesInAFollowedFileAreReportedOnceAndSkipped() throws {
        let store = try makeStore()
        let feed = try makeTemporaryDirectory().appendingPathComponent("feed.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: feed.path, contents: Data((line("a1") + "not json\n" + line("a2")).utf8)))
        let follower = Running(store: store, path: feed.path)
        addTeardownBlock { _ = try? follower.stop() }
        XCTAssertTrue(try eventually { try store.eventCount() == 2 })
        try append(line("a3"), to: feed)
        XCTAssertTrue(try eventually { try store.eventCount() == 3 })
        let summary = try XCTUnwrap(try follower.stop())
        XCTAssertEqual(summary.rejected, 1)
        XCTAssertEqual(follower.rejected.get(), [2])
        // The cursor moved past the bad line too: a restart does not report it again.
        XCTAssertEqual(try store.cursor(forPath: feed.standardizedFileURL.path)?.line, 4)
    }
}
