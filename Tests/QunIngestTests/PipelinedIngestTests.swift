import Foundation
import XCTest

import QunCore
import QunStore
@testable import QunIngest

/// A whole file is parsed on one thread and written on another: many batches, bad lines among them, and
/// a store that fails part-way must behave exactly as a line-by-line ingest would.
final class PipelinedIngestTests: XCTestCase {
    /// 2,500 lines in batches of 100: every 250th line is not JSON, every 100th a blank.
    private func writeFeed() throws -> (url: URL, good: Int, bad: [Int], blank: Int) {
        let url = try makeTemporaryDirectory().appendingPathComponent("feed.jsonl")
        var text = ""
        var good = 0, bad: [Int] = [], blank = 0
        for number in 1...2_500 {
            if number % 250 == 0 {
                text += "{not json\n"
                bad.append(number)
            } else if number % 100 == 0 {
                text += "   \n"
                blank += 1
            } else {
                text += feedLine(["id": "\"e\(number)\"", "member": "\"u\(number % 37)\"", "text": json("第\(number)条")]) + "\n"
                good += 1
            }
        }
        try Data(text.utf8).write(to: url)
        return (url, good, bad, blank)
    }

    func testManyBatchesStoreEveryGoodLineAndReportBadOnesInOrder() throws {
        let (url, good, bad, blank) = try writeFeed()
        let store = try makeStore()
        let ingestor = FeedIngestor(store: store)
        ingestor.batchSize = 100
        var rejected: [Int] = []
        var progress: [Int] = []
        ingestor.onReject = { _, line, _ in rejected.append(line) }
        ingestor.onProgress = { progress.append($0.lines) }
        let summary = try ingestor.ingest(path: url.path)

        XCTAssertEqual(rejected, bad)
        XCTAssertEqual(summary.lines, 2_500)
        XCTAssertEqual(summary.inserted, good)
        XCTAssertEqual(summary.blank, blank)
        XCTAssertEqual(summary.rejected, bad.count)
        XCTAssertEqual(try store.eventCount(), good)
        XCTAssertGreaterThan(progress.count, 20, "progress after every batch")
        XCTAssertEqual(progress, progress.sorted())
        XCTAssertEqual(progress.last, 2_500)

        // Again: everything is a duplicate now, nothing new is stored.
        let again = try ingestor.ingest(path: url.path)
        XCTAssertEqual(again.inserted, 0)
        XCTAssertEqual(again.duplicates, good)
    }

    /// Several batches share a transaction, up to `transactionEvents`: many small transactions store exactly
    /// what one large one does, and rejected lines are still reported in order.
    func testTransactionsOfSeveralBatchesStoreTheSameAsOne() throws {
        let (url, good, bad, _) = try writeFeed()
        var counts: [[Int]] = []
        for transactionEvents in [1, 350, 100_000] {
            let store = try makeStore()
            let ingestor = FeedIngestor(store: store)
            ingestor.batchSize = 100
            ingestor.transactionEvents = transactionEvents
            var rejected: [Int] = []
            ingestor.onReject = { _, line, _ in rejected.append(line) }
            let summary = try ingestor.ingest(path: url.path)
            XCTAssertEqual(rejected, bad)
            XCTAssertEqual(summary.inserted, good)
            counts.append(try (0..<37).map { try store.member(groupID: "g1", memberID: "u\($0)")?.messageCount ?? -1 })
        }
        XCTAssertEqual(counts[0], counts[1])
        XCTAssertEqual(counts[0], counts[2])
        XCTAssertEqual(counts[0].reduce(0, +), good)
    }

    /// The writer failing stops the parser (no hang) and the error reaches the caller.
    func testAStoreErrorStopsTheIngest() throws {
        let (url, _, _, _) = try writeFeed()
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("store.sqlite")
        _ = try SQLiteStore(url: path)
        let readOnly = try SQLiteStore(url: path, readOnly: true)
        let ingestor = FeedIngestor(store: readOnly)
        ingestor.batchSize = 10
        XCTAssertThrowsError(try ingestor.ingest(path: url.path))
        XCTAssertEqual(try SQLiteStore(url: path).eventCount(), 0)
    }
}
