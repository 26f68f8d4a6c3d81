import Foundation
import XCTest

import QunCore
@testable import QunIngest
import QunStore

/// A bot process can append raw Telegram Bot API updates to the file `ingest --follow` reads.
final class BotUpdateIngestTests: XCTestCase {
    func testFeedLinesAndBotUpdatesMixInOneFile() throws {
        let store = try makeStore()
        let url = try makeTemporaryDirectory().appendingPathComponent("mixed.jsonl")
        let update = #"{"update_id":9001,"message":{"message_id":5,"from":{"id":42,"is_bot":false,"first_name":"小李"},"chat":{"id":-1001,"type":"supergroup","title":"测试群"},"date":1763860000,"text":"加微信领红包"}}"#
        let edited = #"{"update_id":9002,"edited_message":{"message_id":5,"from":{"id":42,"is_bot":false,"first_name":"小李"},"chat":{"id":-1001,"type":"supergroup","title":"测试群"},"date":1763860000,"edit_date":1763860100,"text":"改了"}}"#
        try [feedLine(), update, edited, update, #"{"update_id":9003,"message":"#].joined(separator: "\n").appending("\n")
            .write(to: url, atomically: true, encoding: .utf8)
        let ingestor = FeedIngestor(store: store)
        var rejected: [Int] = []
        ingestor.onReject = { _, line, _ in rejected.append(line) }
        let summary = try ingestor.ingest(path: url.path)
        XCTAssertEqual(summary.inserted, 2, "the feed line and the bot message")
        XCTAssertEqual(summary.skipped + summary.duplicates, 2, "the edit is skipped; the repeated update adds nothing")
        XCTAssertEqual(rejected, [5])
        XCTAssertEqual(summary.flagged, 1, "the bot's message goes through the content rules like any other")
        XCTAssertNotNil(try store.group(id: "-1001"))
    }

    func testDetection() {
        XCTAssertTrue(FeedIngestor.looksLikeBotUpdate(Data(#"{"update_id":1,"message":{}}"#.utf8)))
        XCTAssertFalse(FeedIngestor.looksLikeBotUpdate(Data(#"{"v":1,"id":"x","text":"update_id"}"#.utf8)))
    }
}
