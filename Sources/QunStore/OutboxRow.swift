import Foundation
import GRDB
import QunCore

/// Outbox rows as `OutboxItem`s: the one decoding every reader uses (shared with PostgreSQL, see `StoredRow`).
extension OutboxItem: FetchableRecord {
    public init(row: Row) throws {
        try self.init(stored: row)
    }
}
