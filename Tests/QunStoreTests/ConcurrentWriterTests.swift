import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The TUI, `ingest --follow` and `demo` (and, on a team store, several admins) may write the same store at
/// once, each through its own connections. Nothing may be lost, counted twice or fail with a lock error.
class ConcurrentWriterTests: StoreContractTestCase {
    func testTwoStoresAppendingAtOnceLoseNothing() throws {
        let first = try makeStore()
        let second = try openAnother(first)
        let perWriter = 5_000
        let batchSize = 250
        let start = at("2026-11-23T00:00:00+08:00").timeIntervalSince1970

        // Both writers touch the same group and members, so the derived rows are contended too.
        func events(_ prefix: String) -> [Event] {
            (0..<perWriter).map { i in
                Event(
                    source: "load", externalID: "\(prefix)-\(i)", groupID: "g1",
                    timestamp: Date(timeIntervalSince1970: start + Double(i) * 7), kind: .message,
                    memberID: "m\(i % 10)", text: "消息 \(i)")
            }
        }
        let results = Locked<[String: AppendResult]>([:])
        let failures = Locked<[String]>([])
        func writer(_ store: any QundeckStore, _ prefix: String) -> @Sendable () -> Void {
            let all = events(prefix)
            return {
                var total = AppendResult()
                do {
                    for batch in stride(from: 0, to: all.count, by: batchSize) {
                        total = total + (try store.append(Array(all[batch..<min(batch + batchSize, all.count)])))
                    }
                } catch {
                    failures.mutate { $0.append("\(prefix): \(error)") }
                }
                results.mutate { $0[prefix] = total }
            }
        }

        XCTAssertTrue(runConcurrently([writer(first, "a"), writer(second, "b")]), "writers did not finish")
        XCTAssertEqual(failures.get(), [])
        XCTAssertEqual(results.get()["a"], AppendResult(inserted: perWriter, duplicates: 0, flagged: 0))
        XCTAssertEqual(results.get()["b"], AppendResult(inserted: perWriter, duplicates: 0, flagged: 0))
        XCTAssertEqual(try first.eventCount(), 2 * perWriter)
        XCTAssertEqual(try second.eventCount(), 2 * perWriter)
        XCTAssertEqual(try first.stats(groupID: "g1").first?.messages, 2 * perWriter)
        XCTAssertEqual(try first.members(groupID: "g1").map(\.messageCount).reduce(0, +), 2 * perWriter)
        XCTAssertEqual(try first.groups().count, 1, "the group was created once")
    }

    func testConcurrentReplaysOfTheSameFeedStoreEachEventOnce() throws {
        // Two followers started on the same file by mistake: the unique key keeps them from doubling up.
        let first = try makeStore()
        let second = try openAnother(first)
        let feed = (0..<2_000).map { i in
            Event(
                source: "feed", externalID: "e\(i)", groupID: "g1",
                timestamp: Date(timeIntervalSince1970: 1_795_363_200 + Double(i)), kind: .message, memberID: "m\(i % 7)",
                text: "hello")
        }
        let inserted = Locked(0)
        let failures = Locked<[String]>([])
        func replay(_ store: any QundeckStore) -> @Sendable () -> Void {
            {
                do {
                    for batch in stride(from: 0, to: feed.count, by: 100) {
                        let r = try store.append(Array(feed[batch..<batch + 100]))
                        inserted.mutate { $0 += r.inserted }
                    }
                } catch {
                    failures.mutate { $0.append("\(error)") }
                }
            }
        }
        XCTAssertTrue(runConcurrently([replay(first), replay(second)]))
        XCTAssertEqual(failures.get(), [])
        XCTAssertEqual(inserted.get(), feed.count)
        XCTAssertEqual(try first.eventCount(), feed.count)
        XCTAssertEqual(try first.members(groupID: "g1").map(\.messageCount).reduce(0, +), feed.count)
    }
}
