import Foundation
import GRDB
import QunCore

extension SQLiteStore {
    /// The audit trail, newest first: every action taken on the store, optionally for one member.
    public func auditEntries(memberID: String? = nil, limit: Int = 200) throws -> [AuditEntry] {
        try pool.read { db in
            try AuditEntry.fetchAll(
                db,
                sql: "SELECT * FROM audit_log WHERE (?1 IS NULL OR member_id = ?1) ORDER BY at DESC, id DESC LIMIT ?2",
                arguments: [memberID, limit])
        }
    }
}

/// Audit rows as `AuditEntry`s: the one decoding every reader uses (shared with PostgreSQL, see `StoredRow`).
extension AuditEntry: FetchableRecord {
    public init(row: Row) throws {
        try self.init(stored: row)
    }
}
