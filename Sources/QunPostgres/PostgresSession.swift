import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One connection lent to one read or write: statements run one after another, blocking the calling thread
/// (the store's API is synchronous, like SQLite's; the callers are worker threads and command-line commands).
public final class PostgresSession {
    let connection: PostgresConnection
    private let logger: Logger
    /// Set when the connection itself failed (closed, reset): the pool drops it instead of lending it again.
    private(set) var isBroken = false

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    private func postgresQuery(_ sql: String, _ binds: [PGValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds { bind.bind(into: &bindings) }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// Runs a statement; returns the number of rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ binds: [PGValue] = []) throws -> Int {
        let result = try run(sql, binds)
        return result.metadata.rows ?? 0
    }

    public func query(_ sql: String, _ binds: [PGValue] = []) throws -> [PGRow] {
        try run(sql, binds).rows.map(PGRow.init)
    }

    public func queryOne(_ sql: String, _ binds: [PGValue] = []) throws -> PGRow? {
        try query(sql, binds).first
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    public func scalar<T: PostgresDecodable>(_ sql: String, _ binds: [PGValue] = [], as type: T.Type = T.self) throws -> T? {
        let rows = try run(sql, binds).rows
        guard let row = rows.first, let cell = row.first(where: { _ in true }) else { return nil }
        guard cell.bytes != nil else { return nil }
        do {
            return try cell.decode(T.self, context: .default)
        } catch {
            throw PostgresStoreError.badColumn(cell.columnName, expected: "\(T.self)", underlying: "\(error)")
        }
    }

    private func run(_ sql: String, _ binds: [PGValue]) throws -> PostgresQueryResult {
        do {
            return try connection.query(postgresQuery(sql, binds), logger: logger).wait()
        } catch {
            throw translate(error, sql: sql)
        }
    }

    func translate(_ error: Error, sql: String) -> Error {
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo {
                return PostgresStoreError.query(sql: sql, message: info[.message] ?? "\(psql.code)", sqlState: info[.sqlState])
            }
            isBroken = true
            return PostgresStoreError.query(sql: sql, message: "\(psql.code)", sqlState: nil)
        }
        isBroken = true
        return error
    }
}
