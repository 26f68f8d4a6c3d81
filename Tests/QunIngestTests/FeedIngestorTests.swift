import Foundation
import XCTest

import QunCore
import QunStore
@testable import QunIngest

/// `qundeck ingest FILE`: good lines go in, bad lines are reported with their line numbers and skipped.
final class FeedIngestorTests: XCTestCase {
    struct Rejection: Equatable {
        var name: String
        var line: Int
        var field: String?
    }

    /// Fixtures/mixed.jsonl, line by line:
    ///  1 join (with a UTF-8 BOM)       2 empty                   3 truncated JSON
    ///  4 check-in message (CRLF)       5 spaces and a tab        6 message without ts
    ///  7 v 2                           8 ad message (flagged)    9 order, no final newline
    func testMixedFileIngestsTheGoodLinesAndReportsTheBadOnes() throws {
        let store = try makeStore()
        let url = try fixture("mixed.jsonl")
        let ingestor = FeedIngestor(store: store)
        var rejections: [Rejection] = []
        var reasons: [String] = []
        ingestor.onReject = { name, line, error in
            rejections.append(Rejection(name: name, line: line, field: error.field))
            reasons.append(error.description)
        }
        let summary = try ingestor.ingest(path: url.path)

        XCTAssertEqual(rejections, [
            Rejection(name: url.path, line: 3, field: nil),
            Rejection(name: url.path, line: 6, field: "ts"),
            Rejection(name: url.path, line: 7, field: "v"),
        ])
        XCTAssertTrue(reasons[0].contains("not valid JSON"), reasons[0])
        XCTAssertTrue(reasons[1].contains("missing"), reasons[1])
        XCTAssertTrue(reasons[2].contains("unsupported version"), reasons[2])

        XCTAssertEqual(summary.lines, 9)
        XCTAssertEqual(summary.inserted, 4)
        XCTAssertEqual(summary.duplicates, 0)
        XCTAssertEqual(summary.rejected, 3)
        XCTAssertEqual(summary.blank, 2)
        XCTAssertEqual(summary.flagged, 1)

        XCTAssertEqual(try store.eventCount(), 4)
        var ids: [String] = []
        try store.forEachEvent { ids.append($0.externalID) }
        XCTAssertEqual(ids, ["f1", "f3", "f6", "f7"])
        // The BOM did not end up in the first line's data, and the group took its settings from it.
        let group = try XCTUnwrap(store.group(id: "g1"))
        XCTAssertEqual(group.name, "金水花园1群")
        XCTAssertEqual(group.platform, .wechat)
        let member = try XCTUnwrap(store.member(groupID: "g1", memberID: "u1"))
        XCTAssertEqual(member.displayName, "小李")
        XCTAssertEqual(member.joinSource, .qr)
        XCTAssertEqual(member.checkinStreak, 1, "the CRLF line's 早安 is a check-in")
        XCTAssertEqual(try store.stats(groupID: "g1").first?.orders, 1)
    }

    func testIngestingTheSameFileTwiceInsertsNothingNew() throws {
        let store = try makeStore()
        let url = try fixture("mixed.jsonl")
        let first = try FeedIngestor(store: store).ingest(path: url.path)
        let second = try FeedIngestor(store: store).ingest(path: url.path)
        XCTAssertEqual(first.inserted, 4)
        XCTAssertEqual(second.inserted, 0)
        XCTAssertEqual(second.duplicates, 4)
        XCTAssertEqual(second.rejected, 3, "bad lines are still bad")
        XCTAssertEqual(second.flagged, 0)
        XCTAssertEqual(try store.eventCount(), 4)
    }

    func testSmallBatchesGiveTheSameResult() throws {
        let store = try makeStore()
        let ingestor = FeedIngestor(store: store)
        ingestor.batchSize = 1
        let summary = try ingestor.ingest(path: try fixture("mixed.jsonl").path)
        XCTAssertEqual(summary.inserted, 4)
        XCTAssertEqual(summary.rejected, 3)
        XCTAssertEqual(summary.blank, 2)
        XCTAssertEqual(try store.eventCount(), 4)
    }

    func testProgressReachesTheEndOfTheFile() throws {
        let store = try makeStore()
        let url = try fixture("mixed.jsonl")
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber).int64Value
        let ingestor = FeedIngestor(store: store)
        ingestor.batchSize = 2
        var reports: [FeedIngestor.Progress] = []
        ingestor.onProgress = { reports.append($0) }
        _ = try ingestor.ingest(path: url.path)
        XCTAssertFalse(reports.isEmpty)
        XCTAssertEqual(reports.last?.bytesRead, size)
        XCTAssertEqual(reports.last?.totalBytes, size)
        XCTAssertEqual(reports.last?.lines, 9)
        XCTAssertEqual(reports.map(\.bytesRead), reports.map(\.bytesRead).sorted(), "progress never goes back")
    }

    func testLargerGeneratedFileAcrossManyBatches() throws {
        let store = try makeStore()
        let url = try makeTemporaryDirectory().appendingPathComponent("big.jsonl")
        var text = ""
        for i in 0..<5_000 {
            text += feedLine(["id": "\"m\(i)\"", "member": "\"u\(i % 50)\"", "ts": "\(1_795_388_405 + i)", "text": json("消息\(i)")]) + "\n"
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)))
        let ingestor = FeedIngestor(store: store)
        ingestor.batchSize = 700
        let summary = try ingestor.ingest(path: url.path)
        XCTAssertEqual(summary.lines, 5_000)
        XCTAssertEqual(summary.inserted, 5_000)
        XCTAssertEqual(try store.eventCount(), 5_000)
        XCTAssertEqual(try store.stats(groupID: "g1").first?.messages, 5_000)
    }

    func testMissingFileIsReported() throws {
        let store = try makeStore()
        let path = try makeTemporaryDirectory().appendingPathComponent("nope.jsonl").path
        XCTAssertThrowsError(try FeedIngestor(store: store).ingest(path: path)) { error in
            guard case let IngestError.cannotOpen(reportedPath, reason) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(reportedPath, path)
            XCTAssertEqual(reason, "no such file")
            XCTAssertTrue("\(error)".contains(path))
        }
    }

    func testEmptyFile() throws {
        let store = try makeStore()
        let url = try makeTemporaryDirectory().appendingPathComponent("empty.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data()))
        XCTAssertEqual(try FeedIngestor(store: store).ingest(path: url.path), FeedIngestor.Summary())
    }
}
