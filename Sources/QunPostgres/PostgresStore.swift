import Foundation
import QunCore
import QunStore

/// The team store: qundeck's tables in a PostgreSQL schema, shared by several admins' dashboards, command
/// lines and connector processes on several machines. It implements the same role protocols as the embedded
/// `SQLiteStore`, with the same results; QunCore decides, this type only reads facts and persists outcomes.
///
/// Every public operation is one short transaction on a pooled connection; every write announces itself on
/// the store's NOTIFY channel so other processes' dashboards refresh.
public final class PostgresStore: Sendable {
    public let postgresAddress: PostgresAddress
    let pool: PostgresConnectionPool
    let checkins: CheckinDetector
    /// The channel every write notifies, named after the schema so stores sharing a database stay apart.
    let changeChannel: String
    /// The rule engine built from the stored rule set, rebuilt when someone saves new rules.
    let engineCache = RuleEngineCache()
    let classifierCache = ClassifierCache()
    /// This process's window of recent posts, for the cross-group duplicate check at ingest.
    let recentPosts = RecentPostsWindow()

    public init(address: PostgresAddress, checkins: CheckinDetector = CheckinDetector()) throws {
        postgresAddress = address
        self.checkins = checkins
        pool = try PostgresConnectionPool(address: address)
        changeChannel = "qundeck_changes_\(address.schema)"
        try migrate()
    }

    public convenience init(_ address: String, checkins: CheckinDetector = CheckinDetector()) throws {
        try self.init(address: PostgresAddress(address), checkins: checkins)
    }

    deinit {
        pool.closeAll()
    }

    /// Runs `body` in a read-only transaction that sees one snapshot, however many statements it runs.
    public func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try pool.withSession { session in
            try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let value = try body(session)
                try session.execute("COMMIT")
                return value
            } catch {
                if !session.isBroken { _ = try? session.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Runs `body` in one read-write transaction and announces the change to every watcher. A transaction the
    /// server aborted for a serialization failure or a deadlock runs again (at most three times), as the
    /// server asks; `body` must therefore keep its effects inside the transaction.
    public func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try pool.withSession { session in
                    try session.execute("BEGIN")
                    do {
                        let value = try body(session)
                        try session.execute("SELECT pg_notify($1, nextval('store_changes')::text)", [.text(changeChannel)])
                        try session.execute("COMMIT")
                        return value
                    } catch {
                        if !session.isBroken { _ = try? session.execute("ROLLBACK") }
                        throw error
                    }
                }
            } catch let error as PostgresStoreError where error.isRetryable && attempt < 3 {
                continue
            }
        }
    }

    private func migrate() throws {
        try pool.withSession { session in
            try session.execute("CREATE SCHEMA IF NOT EXISTS \(postgresAddress.schema)")
            try session.execute("CREATE TABLE IF NOT EXISTS qundeck_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
        }
        for migration in PostgresSchema.migrations {
            try write { session in
                // One migrator at a time per schema; the others wait, then find the migration applied.
                try session.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("qundeck-migrate-\(postgresAddress.schema)")])
                let applied = try session.scalar(
                    "SELECT count(*) FROM qundeck_migrations WHERE identifier = $1", [.text(migration.identifier)], as: Int64.self)
                guard applied == 0 else { return }
                for statement in migration.statements { try session.execute(statement) }
                try session.execute("INSERT INTO qundeck_migrations (identifier) VALUES ($1)", [.text(migration.identifier)])
            }
        }
    }
}

extension PostgresStore: StoreDescription {
    public var address: String { postgresAddress.description }
    public var backend: String { "postgres" }

    public var isEmpty: Bool {
        get throws { try read { try $0.scalar("SELECT count(*) FROM groups", as: Int64.self) ?? 0 } == 0 }
    }
}

extension PostgresStore {
    /// The server tests use: `$QUNDECK_TEST_POSTGRES`, else the local default.
    public static func testServer(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["QUNDECK_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
    }

    /// A store in a fresh schema of the test server, for tests and benchmarks; `dropSchema()` removes it.
    public static func temporary(name: String = "t", checkins: CheckinDetector = CheckinDetector()) throws -> PostgresStore {
        var address = try PostgresAddress(testServer())
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        address.schema = "\(name.lowercased().filter { $0.isLetter || $0.isNumber })_\(suffix)"
        if !PostgresAddress.isPlainIdentifier(address.schema) { address.schema = "t_\(suffix)" }
        return try PostgresStore(address: address, checkins: checkins)
    }

    /// Drops the store's schema and everything in it, and closes this object's connections (the store is gone).
    public func dropSchema() throws {
        try pool.withSession { session in
            _ = try session.execute("DROP SCHEMA IF EXISTS \(postgresAddress.schema) CASCADE")
        }
        close()
    }

    /// Closes the idle connections now instead of when the object goes away; a later call opens new ones.
    /// For processes that keep many store objects (test runs) and for a clean exit.
    public func close() {
        pool.closeAll()
    }
}
