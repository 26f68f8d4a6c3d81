import Foundation
import QunStore
#if POSTGRES_CONTRACT
import QunPostgres
#endif

/// A store made for one test, and how to get rid of it afterwards.
struct TemporaryStore: Sendable {
    let store: any QundeckStore
    /// Deletes the store and everything in it: the SQLite file's directory, the PostgreSQL schema.
    let remove: @Sendable () throws -> Void
}

/// Where the contract suite gets its stores: every test reaches the backend under test only through here and
/// the role protocols.
enum StoreFactory {
    /// A new, empty store of `backend`.
    static func make(_ backend: StoreBackendUnderTest) throws -> TemporaryStore {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("qundeck-contract-\(UUID().uuidString)", isDirectory: true)
            let store = try SQLiteStore(url: directory.appendingPathComponent("store.sqlite"))
            return TemporaryStore(store: store) { try FileManager.default.removeItem(at: directory) }
        #if POSTGRES_CONTRACT
        case .postgres:
            let store = try PostgresStore.temporary(name: "contract")
            return TemporaryStore(store: store) { try store.dropSchema() }
        #endif
        }
    }

    /// A second handle on an existing store, opened from its address as another process (a second admin's
    /// dashboard, a connector) would open it.
    static func open(_ backend: StoreBackendUnderTest, address: String) throws -> any QundeckStore {
        switch backend {
        case .sqlite:
            return try SQLiteStore(url: URL(fileURLWithPath: address))
        #if POSTGRES_CONTRACT
        case .postgres:
            // `address` is written without its password; a test server that needs one has it in its own address.
            var target = try PostgresAddress(address)
            if target.password == nil { target.password = try PostgresAddress(PostgresStore.testServer()).password }
            return try PostgresStore(address: target)
        #endif
        }
    }
}
