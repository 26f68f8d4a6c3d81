import Foundation
import QunCore
import QunStore

/// Claims on queue items on PostgreSQL: `CaseGuard` decides, each item locked while it is decided, every
/// claim or release moves the item's version and is audited, all items in one transaction.
extension PostgresStore {
    public func claim(caseIDs: [Int64], actor: String, for duration: TimeInterval, now: Date) throws {
        try changeClaims(caseIDs, now: now) { item, lastChange in
            try CaseGuard.claim(item, by: actor, for: duration, lastChange: lastChange, now: now)
        }
    }

    public func releaseClaim(caseIDs: [Int64], actor: String, now: Date) throws {
        try changeClaims(caseIDs, now: now) { item, _ in try CaseGuard.release(item, by: actor, now: now) }
    }

    private func changeClaims(_ caseIDs: [Int64], now: Date, _ decide: (ModerationCase, AuditEntry?) throws -> ClaimChange?) throws {
        guard !caseIDs.isEmpty else { throw StoreError.invalid("no queue items given") }
        try write { s in
            for id in caseIDs {
                let item = try Self.lockedCase(id, in: s)
                guard let change = try decide(item, try Self.lastChange(of: id, in: s)) else { continue }
                try Self.bumpVersion(of: item, now: now, in: s)
                try s.execute(
                    "UPDATE moderation_cases SET claimed_by = $1, claimed_until = $2 WHERE id = $3",
                    [PGValue(change.claimedBy), PGValue(change.claimedUntil?.timeIntervalSince1970), .int(id)])
                try PostgresAuditWrites.record(change.audit, in: s)
            }
        }
    }
}
