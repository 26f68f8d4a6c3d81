import Foundation
import QunCore

extension PostgresStore {
    /// The audit trail, newest first: every action taken on the store, optionally for one member.
    public func auditEntries(memberID: String?, limit: Int) throws -> [AuditEntry] {
        try read { s in
            try s.query(
                "SELECT * FROM audit_log WHERE ($1::text IS NULL OR member_id = $1) ORDER BY at DESC, id DESC LIMIT $2",
                [PGValue(memberID), .int(Int64(limit))]
            ).map(AuditEntry.init(stored:))
        }
    }
}
