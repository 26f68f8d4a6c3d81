import Crypto
import Foundation
import PostgresNIO
import QunStore

/// Copies every data table of a SQLite store into an empty PostgreSQL store, exactly: the same rows with the
/// same ids and values, in one PostgreSQL transaction, then compares both sides (row counts and a content
/// hash per table) before committing. Nothing is left behind when anything differs or fails.
///
/// Rows travel in batches of `batchSize` as one `INSERT … SELECT FROM unnest(…)` each, so a million events
/// take a few hundred round trips, not a million.
public struct StoreMigration {
    public struct TableReport: Sendable, Equatable {
        public var table: String
        public var sourceRows: Int
        public var targetRows: Int
        public var sourceHash: String
        public var targetHash: String
        public var matches: Bool { sourceRows == targetRows && sourceHash == targetHash }
    }

    public struct Report: Sendable, Equatable {
        public var tables: [TableReport]
        public var matches: Bool { tables.allSatisfy(\.matches) }
        public var rows: Int { tables.reduce(0) { $0 + $1.sourceRows } }
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The target holds rows already (table → rows); a migration only fills an empty store.
        case targetNotEmpty(address: String, tables: [(String, Int)])
        /// The two schemas differ.
        case schema(table: String, detail: String)
        /// A value has no exact counterpart in the PostgreSQL column.
        case value(table: String, column: String, detail: String)
        /// The copy was rolled back because the two sides did not compare equal.
        case mismatch(Report)

        public var description: String {
            switch self {
            case let .targetNotEmpty(address, tables):
                let list = tables.map { "\($0.0) (\($0.1) rows)" }.joined(separator: ", ")
                return "\(address) is not empty: \(list). `store migrate` only copies into an empty store; use a new schema (…?schema=NAME) or drop this one."
            case let .schema(table, detail): return "table \(table) differs between the stores: \(detail)"
            case let .value(table, column, detail): return "\(table).\(column): \(detail)"
            case let .mismatch(report):
                let bad = report.tables.filter { !$0.matches }.map(\.table).joined(separator: ", ")
                return "the copy did not compare equal (\(bad)); nothing was committed"
            }
        }
    }

    /// What a migration has done so far, for progress lines.
    public struct Progress: Sendable {
        public var table: String
        public var copiedRows: Int
        public var totalRows: Int
    }

    public let batchSize: Int

    public init(batchSize: Int = 5_000) {
        self.batchSize = batchSize
    }

    /// Copies, compares and commits; throws `Failure.mismatch` (after rolling back) when the sides differ.
    public func copy(from source: SQLiteStore, to target: PostgresStore, progress: (Progress) -> Void = { _ in }) throws -> Report {
        try source.readTables { reader in
            let tables = PostgresSchema.dataTables
            var totals: [String: Int] = [:]
            for table in tables { totals[table] = try reader.rowCount(of: table) }
            let totalRows = totals.values.reduce(0, +)
            return try target.write { s in
                // Nobody writes the target while it fills; readers wait for the commit.
                try s.execute("LOCK TABLE \(tables.map(quoted).joined(separator: ", ")) IN EXCLUSIVE MODE")
                var occupied: [(String, Int)] = []
                for table in tables {
                    let rows = try s.scalar("SELECT count(*) FROM \(quoted(table))", as: Int64.self) ?? 0
                    if rows > 0 { occupied.append((table, Int(rows))) }
                }
                guard occupied.isEmpty else { throw Failure.targetNotEmpty(address: target.address, tables: occupied) }
                var copied = 0
                var report = Report(tables: [])
                for table in tables {
                    let layout = try TableLayout(table: table, sqlite: reader.columns(of: table), in: s)
                    var digest = RowDigest()
                    var batch = ColumnBatch(layout: layout)
                    // The target's triggers have filled these from the rows copied before them; comparing is the check.
                    let copies = !PostgresSchema.triggerKeptTables.contains(table)
                    try reader.forEachRow(table: table, columns: layout.columns.map(\.name), orderBy: layout.primaryKey) { values in
                        let row = try layout.convert(values)
                        digest.add(row)
                        guard copies else { return }
                        batch.append(row)
                        if batch.count == batchSize {
                            try batch.insert(in: s)
                            copied += batchSize
                            progress(Progress(table: table, copiedRows: copied, totalRows: totalRows))
                        }
                    }
                    copied += copies ? batch.count : totals[table] ?? 0
                    try batch.insert(in: s)
                    progress(Progress(table: table, copiedRows: copied, totalRows: totalRows))
                    try layout.resetIdentities(in: s)
                    let (targetRows, targetHash) = try layout.digestTarget(in: s, batchSize: batchSize)
                    report.tables.append(
                        TableReport(
                            table: table, sourceRows: totals[table] ?? 0, targetRows: targetRows, sourceHash: digest.finish(),
                            targetHash: targetHash))
                }
                guard report.matches else { throw Failure.mismatch(report) }
                // Statistics for the planner now, not when autovacuum gets round to the new rows: without them the
                // first dashboards plan for empty tables.
                try s.execute("ANALYZE \(tables.map(quoted).joined(separator: ", "))")
                return report
            }
        }
    }
}

private func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

/// A column's PostgreSQL type, as the mirrored schema uses them.
private enum ColumnKind {
    case bigint, double, text

    init?(postgresType: String) {
        switch postgresType {
        case "bigint": self = .bigint
        case "double precision": self = .double
        case "text": self = .text
        default: return nil
        }
    }
}

/// One value on its way to PostgreSQL, in the target column's type.
private enum MigratedValue: Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
}

/// One table's columns on both sides and how values pass between them.
private struct TableLayout {
    struct Column {
        let name: String
        let kind: ColumnKind
        let isIdentity: Bool
    }

    let table: String
    let columns: [Column]
    /// SQLite's primary key, the order both sides are hashed in.
    let primaryKey: [String]

    init(table: String, sqlite: [StoredColumn], in s: PostgresSession) throws {
        self.table = table
        var columns: [Column] = []
        for row in try s.query(
            """
            SELECT column_name, data_type, is_identity FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, [.text(table)])
        {
            let name = try row.string("column_name")
            let type = try row.string("data_type")
            guard let kind = ColumnKind(postgresType: type) else {
                throw StoreMigration.Failure.schema(table: table, detail: "column \(name) has type \(type), which a migration cannot fill")
            }
            columns.append(Column(name: name, kind: kind, isIdentity: try row.string("is_identity") == "YES"))
        }
        let sqliteNames = Set(sqlite.map(\.name))
        let postgresNames = Set(columns.map(\.name))
        guard sqliteNames == postgresNames else {
            var differences: [String] = []
            let onlySQLite = sqliteNames.subtracting(postgresNames).sorted()
            let onlyPostgres = postgresNames.subtracting(sqliteNames).sorted()
            if !onlySQLite.isEmpty { differences.append("only in SQLite: \(onlySQLite.joined(separator: ", "))") }
            if !onlyPostgres.isEmpty { differences.append("only in PostgreSQL: \(onlyPostgres.joined(separator: ", "))") }
            throw StoreMigration.Failure.schema(table: table, detail: differences.joined(separator: "; "))
        }
        self.columns = columns
        let key = sqlite.filter { $0.primaryKeyPosition > 0 }.sorted { $0.primaryKeyPosition < $1.primaryKeyPosition }.map(\.name)
        primaryKey = key.isEmpty ? columns.map(\.name) : key
    }

    func convert(_ values: [StoredValue]) throws -> [MigratedValue] {
        var row: [MigratedValue] = []
        row.reserveCapacity(values.count)
        for (column, value) in zip(columns, values) {
            row.append(try convert(value, to: column))
        }
        return row
    }

    private func convert(_ value: StoredValue, to column: Column) throws -> MigratedValue {
        func refuse(_ detail: String) -> StoreMigration.Failure {
            .value(table: table, column: column.name, detail: detail)
        }
        switch (column.kind, value) {
        case (_, .null): return .null
        case let (.bigint, .integer(v)): return .int(v)
        case let (.bigint, .real(v)):
            guard let exact = Int64(exactly: v) else { throw refuse("\(v) is not an integer") }
            return .int(exact)
        case let (.double, .real(v)): return .double(v)
        case let (.double, .integer(v)):
            guard let exact = Double(exactly: v) else { throw refuse("\(v) has no exact double") }
            return .double(exact)
        case let (.text, .text(v)): return .text(v)
        case let (_, .blob(bytes)): throw refuse("a \(bytes.count)-byte blob where \(column.kind) is expected")
        case let (kind, other): throw refuse("\(other) where \(kind) is expected")
        }
    }

    /// The ORDER BY both sides are read in: text keys by their bytes, as SQLite's BINARY collation orders them.
    var orderBy: String {
        primaryKey.map { name in
            let kind = columns.first { $0.name == name }?.kind
            return kind == .text ? "\(quoted(name)) COLLATE \"C\"" : quoted(name)
        }.joined(separator: ", ")
    }

    /// Identity columns continue after the copied ids, as SQLite's rowids would.
    func resetIdentities(in s: PostgresSession) throws {
        for column in columns where column.isIdentity {
            try s.execute(
                "SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(\(quoted(column.name))), 0) + 1, false) FROM \(quoted(table))",
                [.text(quoted(table)), .text(column.name)])
        }
    }

    /// The rows PostgreSQL now holds and their hash, read back in key order through a cursor.
    func digestTarget(in s: PostgresSession, batchSize: Int) throws -> (Int, String) {
        var digest = RowDigest()
        var rows = 0
        try s.execute(
            "DECLARE migration_check NO SCROLL CURSOR FOR SELECT \(columns.map { quoted($0.name) }.joined(separator: ", ")) FROM \(quoted(table)) ORDER BY \(orderBy)")
        while true {
            let page = try s.query("FETCH \(batchSize) FROM migration_check")
            for row in page {
                // By position: the SELECT lists `columns` in order, and a name lookup per cell would cost more than the hash.
                digest.add(
                    try columns.indices.map { index -> MigratedValue in
                        let cell = row.row[index]
                        do {
                            switch columns[index].kind {
                            case .bigint: return try cell.decode(Int64?.self, context: .default).map(MigratedValue.int) ?? .null
                            case .double: return try cell.decode(Double?.self, context: .default).map(MigratedValue.double) ?? .null
                            case .text: return try cell.decode(String?.self, context: .default).map(MigratedValue.text) ?? .null
                            }
                        } catch {
                            throw PostgresStoreError.badColumn(columns[index].name, expected: "\(columns[index].kind)", underlying: "\(error)")
                        }
                    })
            }
            rows += page.count
            if page.count < batchSize { break }
        }
        try s.execute("CLOSE migration_check")
        return (rows, digest.finish())
    }
}

/// Rows of one table gathered column by column for one `unnest` insert.
private struct ColumnBatch {
    let layout: TableLayout
    private var ints: [[Int64?]]
    private var doubles: [[Double?]]
    private var texts: [[String?]]
    private(set) var count = 0

    init(layout: TableLayout) {
        self.layout = layout
        ints = Array(repeating: [], count: layout.columns.count)
        doubles = Array(repeating: [], count: layout.columns.count)
        texts = Array(repeating: [], count: layout.columns.count)
    }

    mutating func append(_ row: [MigratedValue]) {
        for (index, column) in layout.columns.enumerated() {
            let value = row[index]
            switch column.kind {
            case .bigint:
                if case let .int(v) = value { ints[index].append(v) } else { ints[index].append(nil) }
            case .double:
                if case let .double(v) = value { doubles[index].append(v) } else { doubles[index].append(nil) }
            case .text:
                if case let .text(v) = value { texts[index].append(v) } else { texts[index].append(nil) }
            }
        }
        count += 1
    }

    mutating func insert(in s: PostgresSession) throws {
        guard count > 0 else { return }
        var binds: [PGValue] = []
        var casts: [String] = []
        for (index, column) in layout.columns.enumerated() {
            switch column.kind {
            case .bigint:
                binds.append(.intArray(ints[index]))
                casts.append("$\(index + 1)::bigint[]")
            case .double:
                binds.append(.doubleArray(doubles[index]))
                casts.append("$\(index + 1)::double precision[]")
            case .text:
                binds.append(.textArray(texts[index]))
                casts.append("$\(index + 1)::text[]")
            }
        }
        try s.execute(
            "INSERT INTO \(quoted(layout.table)) (\(layout.columns.map { quoted($0.name) }.joined(separator: ", "))) SELECT * FROM unnest(\(casts.joined(separator: ", ")))",
            binds)
        for index in layout.columns.indices {
            ints[index].removeAll(keepingCapacity: true)
            doubles[index].removeAll(keepingCapacity: true)
            texts[index].removeAll(keepingCapacity: true)
        }
        count = 0
    }
}

/// MD5 over a table's rows in key order, each value written unambiguously: NULL, an integer in decimal, a
/// double as its 64 bits (so equal means bit-for-bit equal), text with its UTF-8 length first.
private struct RowDigest {
    private var md5 = Insecure.MD5()
    private var buffer: [UInt8] = []

    mutating func add(_ row: [MigratedValue]) {
        for value in row {
            switch value {
            case .null: buffer.append(0x4E)  // N
            case let .int(v):
                buffer.append(0x49)  // I
                buffer.append(contentsOf: String(v).utf8)
            case let .double(v):
                buffer.append(0x52)  // R
                buffer.append(contentsOf: String(v.bitPattern, radix: 16).utf8)
            case let .text(v):
                buffer.append(0x54)  // T
                buffer.append(contentsOf: String(v.utf8.count).utf8)
                buffer.append(0x3A)  // :
                buffer.append(contentsOf: v.utf8)
            }
            buffer.append(0x1F)
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    private mutating func flush() {
        md5.update(data: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() -> String {
        flush()
        return md5.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
