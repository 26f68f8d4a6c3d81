import Foundation

/// Hands parsed batches from the parsing thread to the writing one. Bounded, so a fast parser waits for the
/// store instead of reading a whole file into memory; cancelling (the writer failed) releases a waiting parser.
final class ParsedBatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [ParsedBatch] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Waits for room; false when the writer has given up and the parser should stop.
    func put(_ batch: ParsedBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The parser has nothing more.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for the parser; nil once it has finished and everything was taken.
    func take() -> ParsedBatch? { take(until: nil) }

    /// The next batch if the parser has one ready within `seconds`; nil otherwise (or when it has finished).
    func take(waitingAtMost seconds: Double) -> ParsedBatch? { take(until: Date(timeIntervalSinceNow: seconds)) }

    private func take(until deadline: Date?) -> ParsedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !finished, !cancelled {
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        guard !batches.isEmpty, !cancelled else { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    /// The writer has given up: a producer should stop before doing more work.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs the parsing side of a pipelined ingest on its own thread; `join` waits for it to end.
final class ParsingThread: @unchecked Sendable {
    private let queue: ParsedBatchQueue
    private let body: () -> Void
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    init(queue: ParsedBatchQueue, body: @escaping () -> Void) {
        self.queue = queue
        self.body = body
    }

    func start() {
        started = true
        let thread = Thread { [self] in
            body()
            queue.finish()
            done.signal()
        }
        // Parsing a large line can recurse through nested JSON; give it the main thread's room.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func join() {
        guard started else { return }
        done.wait()
        started = false
    }
}
