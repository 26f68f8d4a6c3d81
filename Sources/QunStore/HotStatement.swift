import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement that ingest runs once or more per event, bound and stepped through SQLite's C API.
/// GRDB's `execute(arguments:)` converts every value to a `DatabaseValue` and validates the argument list on
/// each call; under callgrind that was a seventh of ingest, as much as SQLite's own B-tree work for the rows.
/// GRDB still prepares (and caches) the statement; only the per-call binding bypasses it.
struct HotStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed database") }
        self.connection = connection
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    nonisolated(unsafe) private static let emptyText: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// Binds the values to ?1, ?2, … in order.
    @discardableResult
    func bind(_ values: HotValue...) -> HotStatement { bind(values) }

    func bind(_ values: [HotValue]) -> HotStatement {
        sqlite3_reset(handle)
        assert(Int32(values.count) == sqlite3_bind_parameter_count(handle), "every parameter is bound on every call")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, index)
            case let .integer(n): sqlite3_bind_int64(handle, index, n)
            case let .real(x): sqlite3_bind_double(handle, index, x)
            case let .text(s):
                var s = s
                s.withUTF8 { bytes in
                    // SQLITE_TRANSIENT: SQLite copies the bytes, which live only for this closure. An empty buffer
                    // may have no address; a zero-length text still has to be text, not NULL.
                    let start = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                    _ = sqlite3_bind_text(handle, index, start ?? Self.emptyText, Int32(bytes.count), Self.transient)
                }
            }
        }
        return self
    }

    /// Runs the statement to completion, ignoring any rows.
    func run() throws {
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Steps to the first row and hands it to `read`; nil when there is none.
    func firstRow<T>(_ read: (HotRow) -> T) throws -> T? {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            let value = read(HotRow(handle: handle))
            sqlite3_reset(handle)
            return value
        case SQLITE_DONE:
            return nil
        default:
            throw failure(code)
        }
    }

    /// Every row's first column as a Double (non-null values only).
    func doubles() throws -> [Double] {
        var values: [Double] = []
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            if sqlite3_column_type(handle, 0) != SQLITE_NULL { values.append(sqlite3_column_double(handle, 0)) }
            code = sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else { throw failure(code) }
        return values
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(connection))
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}

/// A value bound to a `HotStatement`.
enum HotValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    static func text(_ s: String?) -> HotValue { s.map(HotValue.text) ?? .null }
    static func real(_ x: Double?) -> HotValue { x.map(HotValue.real) ?? .null }
    static func integer(_ n: Int64?) -> HotValue { n.map(HotValue.integer) ?? .null }
    static func integer(_ n: Int) -> HotValue { .integer(Int64(n)) }
}

/// The current row of a `HotStatement`, valid only inside `firstRow`.
struct HotRow {
    let handle: OpaquePointer

    func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: bytes)
    }

    func integer(_ column: Int32) -> Int? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
    }

    func real(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }
}
