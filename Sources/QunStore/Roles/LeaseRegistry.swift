import Foundation
import QunCore

/// Named leases, so one process at a time runs a job (the campaign scheduler) across every process on a store.
public protocol LeaseRegistry: Sendable {
    func acquireLease(_ name: String, holder: String, ttl: TimeInterval, now: Date) throws -> Bool
    func releaseLease(_ name: String, holder: String) throws
    func leaseHolder(_ name: String, now: Date) throws -> String?
}

extension LeaseRegistry {
    public func acquireLease(_ name: String, holder: String, ttl: TimeInterval, now: Date = Date()) throws -> Bool {
        try acquireLease(name, holder: holder, ttl: ttl, now: now)
    }
    public func leaseHolder(_ name: String, now: Date = Date()) throws -> String? {
        try leaseHolder(name, now: now)
    }
}
