import Foundation
import QunCore

/// Who did what, newest first.
public protocol AuditLog: Sendable {
    func auditEntries(memberID: String?, limit: Int) throws -> [AuditEntry]
}

extension AuditLog {
    public func auditEntries(memberID: String? = nil, limit: Int = 200) throws -> [AuditEntry] {
        try auditEntries(memberID: memberID, limit: limit)
    }
}
