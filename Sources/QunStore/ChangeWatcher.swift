import Foundation
import GRDB

/// Notices writes by any other connection or process by polling `PRAGMA data_version` on a connection
/// of its own: one cheap pragma per poll instead of re-reading tables. It also notices the file itself
/// being replaced (deleted and re-created, restored from a backup), which no pragma on the old file shows.
public final class ChangeWatcher: StoreChangeWatcher {
    public enum Change: Equatable, Sendable {
        case none
        /// Another connection committed a write.
        case data
        /// The path now names a different file: reopen the store.
        case replaced
    }

    private let path: String
    private let queue: DatabaseQueue
    private var lastVersion: Int?
    private let identity: FileIdentity?

    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    public init(store: SQLiteStore) throws {
        path = store.path
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(2)
        queue = try DatabaseQueue(path: store.path, configuration: config)
        identity = Self.identity(of: store.path)
        lastVersion = try currentVersion()
    }

    static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    private func currentVersion() throws -> Int {
        try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// What happened since the previous call.
    public func check() throws -> Change {
        if let now = Self.identity(of: path), now != identity { return .replaced }
        let version = try currentVersion()
        defer { lastVersion = version }
        return version != lastVersion ? .data : .none
    }

    public func poll() throws -> StoreChange? {
        switch try check() {
        case .none: return nil
        case .data: return .data
        case .replaced: return .reset
        }
    }

    /// True when the store changed since the previous call.
    public func hasChanged() throws -> Bool {
        try check() != .none
    }
}
