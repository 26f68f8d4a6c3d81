import Foundation
import QunCore

// A stand-in for the several-admins API (docs: the multiadmin brief) until the store side is merged; the real
// implementation replaces this whole file. Without the case versions and claim expiry of migration v14, every
// case reads as version 1 with a claim that has no end, `act` checks no versions, a claim is the audited
// `claim` action and releasing it undoes that action.

extension ModerationCase {
    public var version: Int64 { 1 }
    public var claimedUntil: Date? { nil }
}

extension ModerationActions {
    @discardableResult public func act(
        on caseIDs: [Int64], _ action: ModerationAction, actor: String, reason: String?, expectedVersions: [Int64: Int64], now: Date
    ) throws -> [Int64] {
        try act(on: caseIDs, action, actor: actor, reason: reason, now: now)
    }

    public func claim(caseIDs: [Int64], actor: String, for duration: TimeInterval, now: Date) throws {
        try act(on: caseIDs, .claim, actor: actor, reason: nil, now: now)
    }
}

extension ModerationActions where Self: AuditLog {
    public func releaseClaim(caseIDs: [Int64], actor: String, now: Date) throws {
        let claims = try auditEntries(memberID: nil, limit: 5_000).filter {
            $0.action == ModerationAction.claim.name && $0.actor == actor && $0.caseID.map(caseIDs.contains) == true
        }
        for caseID in caseIDs {
            guard let latest = claims.first(where: { $0.caseID == caseID }) else { continue }
            try undo(auditID: latest.id, actor: actor, now: now)
        }
    }
}
