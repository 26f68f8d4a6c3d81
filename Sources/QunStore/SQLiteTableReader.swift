import Foundation
import GRDB

/// One stored value as SQLite holds it (its storage class), for copying a store's rows to another backend.
public enum StoredValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A column of a store table as SQLite declares it.
public struct StoredColumn: Sendable, Equatable {
    public var name: String
    /// 1-based position in the primary key; 0 when the column is not part of it.
    public var primaryKeyPosition: Int
}

/// Read-only access to a SQLite store's tables, row by row, inside one read transaction: what `store migrate`
/// copies to PostgreSQL. Table and column names are checked against the schema before they reach SQL.
public struct SQLiteTableReader {
    let db: Database

    public func tableNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    }

    public func columns(of table: String) throws -> [StoredColumn] {
        try requireTable(table)
        return try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [table]).map {
            StoredColumn(name: $0["name"], primaryKeyPosition: $0["pk"])
        }
    }

    public func rowCount(of table: String) throws -> Int {
        try requireTable(table)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0
    }

    /// Calls `body` with each row's values (in `columns` order), ordered by `orderBy` ascending: SQLite's
    /// BINARY collation orders text by its UTF-8 bytes.
    public func forEachRow(table: String, columns: [String], orderBy: [String], _ body: ([StoredValue]) throws -> Void) throws {
        let known = Set(try self.columns(of: table).map(\.name))
        for column in columns + orderBy where !known.contains(column) {
            throw StoreError.invalid("table \(table) has no column \(column)")
        }
        let order = orderBy.isEmpty ? "" : " ORDER BY " + orderBy.map(Self.quoted).joined(separator: ", ")
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table))\(order)")
        var values: [StoredValue] = []
        values.reserveCapacity(columns.count)
        while let row = try cursor.next() {
            values.removeAll(keepingCapacity: true)
            for index in 0..<columns.count {
                switch (row[index] as DatabaseValue).storage {
                case .null: values.append(.null)
                case let .int64(value): values.append(.integer(value))
                case let .double(value): values.append(.real(value))
                case let .string(value): values.append(.text(value))
                case let .blob(data): values.append(.blob([UInt8](data)))
                }
            }
            try body(values)
        }
    }

    private func requireTable(_ table: String) throws {
        guard try tableNames().contains(table) else { throw StoreError.invalid("the SQLite store has no table \(table)") }
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

extension SQLiteStore {
    /// Runs `body` with a reader of the store's tables; everything it reads comes from one snapshot, even
    /// while other processes write.
    public func readTables<T>(_ body: (SQLiteTableReader) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteTableReader(db: db)) }
    }
}
