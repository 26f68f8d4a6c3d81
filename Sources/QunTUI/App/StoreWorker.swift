import Foundation

/// Performs store writes off the UI thread, one at a time and in the order they were asked for, and
/// hands each result back as actions for the UI thread to reduce. A write waiting for the store's lock
/// (a bulk import holds it for seconds) then waits here, while the dashboard keeps drawing and reading keys.
final class StoreWorker: @unchecked Sendable {
    private let queue = DispatchQueue(label: "qundeck.store-writes")
    private let lock = NSLock()
    private var finished: [[Action]] = []
    private var started: [Date] = []

    /// Queues `work`; its actions come back from `takeFinished`.
    func submit(_ work: @escaping @Sendable () -> [Action]) {
        lock.withLock { started.append(Date()) }
        queue.async { [self] in
            let actions = work()
            lock.withLock {
                finished.append(actions)
                started.removeFirst()
            }
        }
    }

    /// The results of writes finished since the last call, in order.
    func takeFinished() -> [[Action]] {
        lock.withLock {
            defer { finished = [] }
            return finished
        }
    }

    /// Writes queued or running, and when the oldest of them was asked for.
    var inFlight: (count: Int, oldest: Date?) {
        lock.withLock { (started.count, started.first) }
    }

    /// Waits for every queued write (quitting must not drop one).
    func waitUntilIdle() { queue.sync {} }
}
