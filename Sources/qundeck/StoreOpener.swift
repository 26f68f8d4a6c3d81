import ArgumentParser
import Foundation
import QunPostgres
import QunStore

/// Which store a command works on — a SQLite file, or a schema on a PostgreSQL server several admins share —
/// and how to open it. The one place above the store that names a backend: everything it opens is used as
/// `any QundeckStore`.
enum StoreOpener {
    case sqlite(URL)
    case postgres(PostgresAddress)

    /// `--store`, else `$QUNDECK_STORE`, else the default file (`StoreLocation`). A postgres:// address that
    /// cannot be read is a usage error that names what is wrong, never the password.
    init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let given = [explicit, environment["QUNDECK_STORE"]].lazy.compactMap { $0 }.first { !$0.isEmpty }
        guard let given, PostgresAddress.isPostgres(given) else {
            self = .sqlite(StoreLocation.resolve(explicit: explicit, environment: environment))
            return
        }
        do {
            self = .postgres(try PostgresAddress(given, environment: environment))
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// As a user would type it, without a password.
    var address: String {
        switch self {
        case let .sqlite(url): return url.path
        case let .postgres(address): return address.description
        }
    }

    /// False for a SQLite file not created yet: listing commands must not create an empty store by accident.
    /// A PostgreSQL schema is created on first use, so a server's store always exists.
    var exists: Bool {
        switch self {
        case let .sqlite(url): return FileManager.default.fileExists(atPath: url.path)
        case .postgres: return true
        }
    }

    /// Opens the store, creating and migrating it when needed.
    func open() throws -> any QundeckStore {
        do {
            switch self {
            case let .sqlite(url): return try SQLiteStore(url: url)
            case let .postgres(address): return try Self.open(address)
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    private static func open(_ address: PostgresAddress) throws -> any QundeckStore {
        return try PostgresStore(address: address)
    }

    /// How the dashboard opens the store again when its watcher reports `.reset`: a SQLite file replaced at
    /// its path is a new file to open; a PostgreSQL store reconnects by itself and is only read again.
    var reopenAfterReset: (() throws -> any QundeckStore)? {
        switch self {
        case .sqlite: return open
        case .postgres: return nil
        }
    }

    /// Opens a store that must already exist (listings, exports, actions on existing items).
    func openExisting() throws -> any QundeckStore {
        guard exists else {
            throw ValidationError("no store at \(address). Create one with `qundeck demo --no-tui` or `qundeck ingest FILE`.")
        }
        return try open()
    }

    /// Fills the store from scratch with `fill` (the demo, the benchmark's synthetic community). A SQLite file
    /// is built beside its path and put in place in one step, so a dashboard that has it open sees the new
    /// contents at once and never half of them. A PostgreSQL schema is filled in place, so it must hold no
    /// group yet: a server's store is never emptied by a command.
    func build<T>(_ fill: (any QundeckStore) throws -> T) throws -> T {
        switch self {
        case let .sqlite(url):
            do {
                return try SQLiteStore.build(at: url) { try fill($0) }
            } catch let error as StoreError {
                throw CommandFailure("\(error)")
            }
        case .postgres:
            let store = try open()
            guard try store.isEmpty else {
                throw CommandFailure(
                    "\(address) already holds groups; a PostgreSQL store is only filled when empty. "
                        + "Name a new schema with ?schema=NAME in the address.")
            }
            return try fill(store)
        }
    }
}
