import Foundation
import Logging
import PostgresNIO
import QunStore

/// Watches a PostgreSQL store for writes by any process: LISTEN on the store's channel, where every write
/// transaction announces the number it took from `store_changes`. Notices carry only that number; readers
/// re-query. After a lost connection the watcher reconnects (at most every 2 s) and reports `.reset`, since
/// notices sent meanwhile are gone.
final class PostgresChangeWatcher: StoreChangeWatcher, @unchecked Sendable {
    private let pool: PostgresConnectionPool
    private let channel: String
    private let lock = NSLock()
    private var pending = false
    private var connection: PostgresConnection?
    private var lastAttempt = Date.distantPast
    private var needsReset = false

    init(pool: PostgresConnectionPool, channel: String) throws {
        self.pool = pool
        self.channel = channel
        try listen()
    }

    deinit {
        _ = try? connection?.close().wait()
    }

    private func listen() throws {
        let connection = try pool.connect()
        connection.addListener(channel: channel) { [weak self] _, _ in
            guard let self else { return }
            self.lock.lock()
            self.pending = true
            self.lock.unlock()
        }
        let session = PostgresSession(
            connection: connection, logger: Logger(label: "qundeck.postgres.listen", factory: { _ in SwiftLogNoOpLogHandler() }))
        do {
            try session.execute("LISTEN \"\(channel)\"")
        } catch {
            _ = try? connection.close().wait()
            throw error
        }
        self.connection = connection
    }

    func poll() throws -> StoreChange? {
        if connection?.isClosed ?? true {
            connection = nil
            guard Date().timeIntervalSince(lastAttempt) >= 2 else { return nil }
            lastAttempt = Date()
            try listen()
            needsReset = true
        }
        lock.lock()
        let changed = pending
        pending = false
        lock.unlock()
        if needsReset {
            needsReset = false
            return .reset
        }
        return changed ? .data : nil
    }
}

extension PostgresStore: ChangeFeed {
    public func changeWatcher() throws -> any StoreChangeWatcher {
        try PostgresChangeWatcher(pool: pool, channel: changeChannel)
    }
}
