import Foundation
import QunCore
import QunStore

/// Stores batches that a second thread produces: that thread parses, and analyses the messages' text with
/// the store's settings (`ContentAnalyzer`), while this one writes, pulling whatever is ready into
/// transactions of several batches. A bulk load then takes as long as the slower side, not their sum.
public struct PipelinedAppend {
    let store: any IngestStore
    /// A transaction takes batches up to this many events (bounding the member changes held in memory)…
    public var transactionEvents = PipelinedAppend.defaultTransactionEvents
    /// …or for this long, so another writer (a moderator's key in the dashboard) never waits much longer.
    public var transactionSeconds = PipelinedAppend.defaultTransactionSeconds

    /// Larger transactions write each member row and index page fewer times; the time limit, not the
    /// count, usually ends one (measurements in docs/performance.md). The limit is checked before each
    /// batch is pulled, so the last batch and the member writes at the end add to it.
    public static let defaultTransactionEvents = 250_000
    public static let defaultTransactionSeconds = 2.0

    public init(store: any IngestStore) {
        self.store = store
    }

    /// Runs `produce` on its own thread; it hands over events with `deliver`, which returns false once the
    /// writer has failed (stop producing). `committed` runs here after each transaction with what it stored.
    /// A producer's error is rethrown once everything it delivered before it is stored.
    public func run(
        produce: @escaping (_ deliver: ([Event]) -> Bool) throws -> Void,
        committed: (AppendResult, _ events: Int) -> Void = { _, _ in }
    ) throws {
        try run(
            produce: { deliver in try produce { events in deliver(ParsedBatch(events: events, lines: events.count)) } },
            committed: { result, batches in committed(result, batches.reduce(0) { $0 + $1.lines }) })
    }

    /// The same over feed batches; `committed` gets the batches stored (their events already released).
    func run(
        produce: @escaping (_ deliver: (ParsedBatch) -> Bool) throws -> Void,
        committed: (AppendResult, [ParsedBatch]) -> Void
    ) throws {
        let queue = ParsedBatchQueue(capacity: 2)
        let store = self.store
        let failure = ProducerFailure()
        let producer = ParsingThread(queue: queue) {
            do {
                try produce { batch in
                    guard !queue.isCancelled else { return false }
                    var batch = batch
                    // Settings are read afresh per batch; the writer redoes the text only if they changed since.
                    batch.analysis = try? store.contentAnalyzer().analyze(batch.events)
                    return queue.put(batch)
                }
            } catch {
                failure.error = error
            }
        }
        producer.start()
        defer {
            queue.cancel()
            producer.join()
        }
        while let first = queue.take() {
            let started = DispatchTime.now()
            var waiting: ParsedBatch? = first
            var events = 0
            var stored: [ParsedBatch] = []
            let result = try store.append(pulling: {
                if waiting == nil, events < transactionEvents,
                    Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 < transactionSeconds
                {
                    waiting = queue.take(waitingAtMost: 0.05)
                }
                guard var batch = waiting else { return nil }
                waiting = nil
                events += batch.events.count
                let chunk = AppendChunk(events: batch.events, cursor: batch.cursor, analysis: batch.analysis)
                batch.events = []
                batch.analysis = nil
                stored.append(batch)
                return chunk
            })
            // The next append leaves a waiting writer in another process its gap (the store sees to that).
            committed(result, stored)
        }
        producer.join()
        if let error = failure.error { throw error }
    }
}

/// The producing thread's error, read by the writing thread after `join`.
private final class ProducerFailure: @unchecked Sendable {
    var error: Error?
}
