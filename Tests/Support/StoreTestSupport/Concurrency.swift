import Foundation

/// Runs each body on a thread of its own (not the test thread) and waits for all of them, up to `timeout`
/// seconds. Returns false when a thread did not finish in time.
public func runConcurrently(_ bodies: [@Sendable () -> Void], timeout: TimeInterval = 60) -> Bool {
    let done = DispatchGroup()
    for body in bodies {
        done.enter()
        let thread = Thread {
            body()
            done.leave()
        }
        thread.start()
    }
    return done.wait(timeout: .now() + timeout) == .success
}

/// A value shared between the test thread and worker threads.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    public init(_ value: Value) { self.value = value }
    public func get() -> Value { lock.withLock { value } }
    public func set(_ newValue: Value) { lock.withLock { value = newValue } }
    public func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
}
