import QunStore

/// PostgreSQL rows decode queue items, audit entries and outbox items with the same code as SQLite rows.
extension PGRow: StoredRow {
    public func text(_ column: String) throws -> String { try string(column) }
    public func optionalText(_ column: String) throws -> String? { try optionalString(column) }
    public func integer(_ column: String) throws -> Int64 { try int64(column) }
    public func optionalInteger(_ column: String) throws -> Int64? { try optionalInt64(column) }
    public func real(_ column: String) throws -> Double { try double(column) }
    public func optionalReal(_ column: String) throws -> Double? { try optionalDouble(column) }
}
