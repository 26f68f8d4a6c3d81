import Foundation

/// A change another process (or this one) made to a store: something to re-read. Notices carry no data;
/// readers re-query what they show.
public enum StoreChange: Equatable, Sendable {
    /// Some rows changed.
    case data
    /// The store itself was replaced (a SQLite file restored from a backup) or the connection to it was
    /// re-established after a loss: re-read everything.
    case reset
}

/// Notices of changes made to the store by any process.
public protocol ChangeFeed: Sendable {
    /// A watcher that reports changes committed after it was made. Each watcher is polled by one reader.
    func changeWatcher() throws -> any StoreChangeWatcher
}

/// Polled by one reader (the dashboard's loop): cheap enough to call several times a second.
public protocol StoreChangeWatcher: AnyObject {
    /// What changed since the previous call; nil when nothing did.
    func poll() throws -> StoreChange?
}

extension StoreChangeWatcher {
    /// An `AsyncStream` of change notices, polling every `interval` seconds, for readers written with Swift
    /// concurrency. It ends when the consuming task is cancelled.
    public func changes(every interval: TimeInterval = 0.25) -> AsyncStream<StoreChange> {
        nonisolated(unsafe) let watcher = self
        return AsyncStream { continuation in
            let task = Task {
                while !Task.isCancelled {
                    do {
                        if let change = try watcher.poll() { continuation.yield(change) }
                    } catch {
                        continuation.yield(.reset)
                    }
                    try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
