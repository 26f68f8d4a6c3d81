import QunStore

/// PostgreSQL rows decode through the same `StoreDecoding` functions as SQLite's.
extension PGRow: StoredRow {
    public typealias Failure = any Error
}
