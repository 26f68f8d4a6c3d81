import Foundation
import GRDB

/// Notices writes by any other connection or process by polling `PRAGMA data_version` on a connection
/// of its own: one cheap pragma per poll instead of re-reading tables.
public final class ChangeWatcher {
    private let queue: DatabaseQueue
    private var lastVersion: Int?

    public init(store: SQLiteStore) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(2)
        queue = try DatabaseQueue(path: store.path, configuration: config)
        lastVersion = try currentVersion()
    }

    private func currentVersion() throws -> Int {
        try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// True when the store changed since the previous call.
    public func hasChanged() throws -> Bool {
        let version = try currentVersion()
        defer { lastVersion = version }
        return version != lastVersion
    }
}
