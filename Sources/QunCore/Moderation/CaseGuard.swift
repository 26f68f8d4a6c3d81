import Foundation

/// Whether an admin may change a queue item now, when several admins work the queue at once: the item must
/// not have changed since their screen showed it, nor be claimed by someone else whose claim is running.
/// The store reads the item (locked) and its newest audit entry, asks here, and writes nothing on a conflict.
public enum CaseGuard {
    /// Refuses `action` by `actor` on `item` when another admin got there first. `expectedVersion` is the
    /// version the actor's screen showed (nil: the caller does not know, e.g. a rule acting at ingest);
    /// `lastChange` is the item's newest audit entry, which names who changed it.
    public static func checkAction(
        _ action: ModerationAction, by actor: String, on item: ModerationCase, expectedVersion: Int64?, lastChange: AuditEntry?, now: Date
    ) throws {
        if let conflict = runningClaim(on: item, against: actor, now: now) { throw conflict }
        if let expectedVersion, expectedVersion != item.version {
            throw handled(item, lastChange: lastChange, now: now)
        }
        // Without a version, an item someone else already resolved is their decision, not a mistake of this actor's.
        if action.resolves, item.status == .resolved, let lastChange, lastChange.actor != actor {
            throw handled(item, lastChange: lastChange, now: now)
        }
    }

    /// What a claim changes: `actor` holds `item` until `now + duration`. Renewing one's own claim is a claim.
    public static func claim(
        _ item: ModerationCase, by actor: String, for duration: TimeInterval, lastChange: AuditEntry?, now: Date
    ) throws -> ClaimChange {
        guard duration > 0 else { throw ModerationError(description: "a claim needs a positive duration, not \(duration)s") }
        if let conflict = runningClaim(on: item, against: actor, now: now) { throw conflict }
        if item.status == .resolved {
            if let lastChange, lastChange.actor != actor { throw handled(item, lastChange: lastChange, now: now) }
            throw ModerationError(description: "queue item \(item.id) is already resolved (\(item.resolution ?? "resolved")); there is nothing to claim")
        }
        let until = now.addingTimeInterval(duration)
        return ClaimChange(
            claimedBy: actor, claimedUntil: until,
            audit: AuditDraft(
                at: now, actor: actor, action: "claim", groupID: item.groupID, memberID: item.memberID, caseID: item.id,
                reason: "on it for \(DurationText.format(duration))"))
    }

    /// What releasing `actor`'s claim on `item` changes; nil when the actor holds no claim on it.
    public static func release(_ item: ModerationCase, by actor: String, now: Date) throws -> ClaimChange? {
        if let conflict = runningClaim(on: item, against: actor, now: now) { throw conflict }
        // A resolved item's `claimedBy` records who handled it: that is history, not a claim to let go.
        guard item.status != .resolved, item.claimedBy == actor else { return nil }
        return ClaimChange(
            claimedBy: nil, claimedUntil: nil,
            audit: AuditDraft(
                at: now, actor: actor, action: "release claim", groupID: item.groupID, memberID: item.memberID, caseID: item.id))
    }

    /// The conflict of a claim by someone other than `actor` that has not run out at `now`.
    public static func runningClaim(on item: ModerationCase, against actor: String, now: Date) -> ModerationConflict? {
        guard let holder = item.claimedBy, holder != actor, let until = item.claimedUntil, until > now else { return nil }
        return ModerationConflict(caseID: item.id, actor: holder, reason: .claimed(until: until))
    }

    /// Someone else changed the item: named by its newest audit entry, else (an item the platform settled, with
    /// no entry) by what the item itself says.
    public static func handled(_ item: ModerationCase, lastChange: AuditEntry?, now: Date) -> ModerationConflict {
        ModerationConflict(
            caseID: item.id, actor: lastChange?.actor ?? item.claimedBy ?? "someone else",
            reason: .handled(action: lastChange?.action ?? item.resolution ?? "changed", at: lastChange?.at ?? item.resolvedAt ?? now))
    }
}

/// A claim taken or released: the item's new claim columns and the audit entry recording it.
public struct ClaimChange: Equatable, Sendable {
    public var claimedBy: String?
    public var claimedUntil: Date?
    public var audit: AuditDraft
}
