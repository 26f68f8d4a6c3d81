import Foundation
import GRDB
import QunCore

/// Claims on queue items: an admin says "I am on it" for a while, and others' actions on those items are
/// refused until the claim runs out or is released. `CaseGuard` decides; each claim or release moves the
/// item's version and is audited, all items in one transaction.
extension SQLiteStore {
    public func claim(caseIDs: [Int64], actor: String, for duration: TimeInterval, now: Date = Date()) throws {
        try changeClaims(caseIDs, now: now) { item, lastChange in
            try CaseGuard.claim(item, by: actor, for: duration, lastChange: lastChange, now: now)
        }
    }

    public func releaseClaim(caseIDs: [Int64], actor: String, now: Date = Date()) throws {
        try changeClaims(caseIDs, now: now) { item, _ in try CaseGuard.release(item, by: actor, now: now) }
    }

    private func changeClaims(_ caseIDs: [Int64], now: Date, _ decide: (ModerationCase, AuditEntry?) throws -> ClaimChange?) throws {
        guard !caseIDs.isEmpty else { throw StoreError.invalid("no queue items given") }
        try pool.write { db in
            for id in caseIDs {
                let item = try Self.moderationCase(id, in: db)
                guard let change = try decide(item, try Self.lastChange(of: id, in: db)) else { continue }
                try Self.bumpVersion(of: item, now: now, in: db)
                try db.execute(
                    sql: "UPDATE moderation_cases SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                    arguments: [change.claimedBy, change.claimedUntil?.timeIntervalSince1970, id])
                try AuditWrites.record(change.audit, in: db)
            }
        }
    }
}
