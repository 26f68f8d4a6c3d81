import Foundation

extension SQLiteStore {
    /// Fills a new store beside `url`, out of sight of every process that has `url` open, then puts it in
    /// place in one step: renamed there when nothing is there yet, copied in by SQLite's online backup when a
    /// store exists (a dashboard may have it open, and its change watcher then sees new contents). Until then
    /// `url` keeps what it had; if `fill` throws, it is untouched.
    public static func build<T>(at url: URL, _ fill: (SQLiteStore) throws -> T) throws -> T {
        let fm = FileManager.default
        let building = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).building-\(getpid())")
        let removeBuilding = { for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: building.path + suffix) } }
        removeBuilding()
        defer { removeBuilding() }
        let result = try fillAndClose(building, fill)
        // The builder's connections are closed by now, so the file is complete on its own.
        if fm.fileExists(atPath: url.path) {
            try SQLiteStore(url: url).replaceContents(with: SQLiteStore(url: building))
        } else {
            guard rename(building.path, url.path) == 0 else {
                throw StoreError.cannotOpen(path: url.path, underlying: "cannot move the new store into place: \(String(cString: strerror(errno)))")
            }
        }
        return result
    }

    /// Runs `fill` on a store at `url` and folds its WAL into the file; the store is closed when this returns.
    private static func fillAndClose<T>(_ url: URL, _ fill: (SQLiteStore) throws -> T) throws -> T {
        let store = try SQLiteStore(url: url)
        let result = try fill(store)
        try store.checkpoint()
        return result
    }
}
