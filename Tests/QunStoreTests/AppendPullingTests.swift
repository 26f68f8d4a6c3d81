import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// A bulk load pulls several chunks into one transaction: they commit together or not at all.
class AppendPullingTests: StoreContractTestCase {
    private let now = at("2026-11-23T12:00:00+08:00")

    private func chunk(_ range: ClosedRange<Int>, cursorLine: Int? = nil) -> AppendChunk {
        AppendChunk(
            events: range.map { i in event("e\(i)", .message, "u\(i % 3)", "2026-11-23T08:\(String(format: "%02d", i)):00+08:00", text: "第\(i)条") },
            cursor: cursorLine.map { IngestCursor(path: "/feed.jsonl", device: 1, inode: 2, offset: Int64($0 * 10), line: $0) })
    }

    func testEveryChunkIsStoredAndTheLastCursorSaved() throws {
        let store = try makeStore()
        var chunks = [chunk(1...5, cursorLine: 5), chunk(6...9, cursorLine: 9), chunk(10...12)]
        var pulls = 0
        let result = try store.append(pulling: {
            pulls += 1
            return chunks.isEmpty ? nil : chunks.removeFirst()
        }, now: now)
        XCTAssertEqual(pulls, 4, "pulled until it handed over nil")
        XCTAssertEqual(result.inserted, 12)
        XCTAssertEqual(try store.eventCount(), 12)
        XCTAssertEqual(try store.cursor(forPath: "/feed.jsonl")?.line, 9, "the last chunk that had a cursor")
        let u0 = try XCTUnwrap(try store.member(groupID: "g1", memberID: "u0"))
        XCTAssertEqual(u0.messageCount, 4, "e3, e6, e9 and e12, counted across chunks")
    }

    /// A failure while pulling (the parser or the input broke) rolls back every chunk of the transaction.
    func testAFailureLeavesNothingOfTheTransaction() throws {
        struct Broken: Error {}
        let store = try makeStore()
        try store.append(chunk(1...2).events, now: now)
        var chunks = [chunk(3...5, cursorLine: 5), chunk(6...9)]
        XCTAssertThrowsError(try store.append(pulling: {
            if chunks.isEmpty { throw Broken() }
            return chunks.removeFirst()
        }, now: now))
        XCTAssertEqual(try store.eventCount(), 2, "what was stored before stays; nothing of the failed transaction")
        XCTAssertNil(try store.cursor(forPath: "/feed.jsonl"))
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.messageCount, 1)

        // The facts cache did not keep the rolled-back members: the same events go in cleanly afterwards.
        try store.append(chunk(3...9).events, now: now)
        XCTAssertEqual(try store.eventCount(), 9)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u0")?.messageCount, 3)
    }
}
