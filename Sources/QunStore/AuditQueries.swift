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

/// Audit rows as `AuditEntry`s: the one decoding every reader uses.
extension AuditEntry: FetchableRecord {
    public init(row: Row) {
        self.init(
            id: row["id"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], action: row["action"],
            groupID: row["group_id"], memberID: row["member_id"], caseID: row["case_id"], campaignID: row["campaign_id"],
            reason: row["reason"], rule: row["rule"], evidence: row["evidence"], before: row["before"], undoes: row["undoes"])
    }
}
