import Foundation

/// The state a moderation action changed, saved with its audit entry so undo can put it back.
public struct ModerationSnapshot: Codable, Equatable, Sendable {
    public var caseStatus: String
    public var caseResolution: String?
    public var caseResolvedAt: Double?
    public var claimedBy: String?
    /// The claim's end before the action (absent in snapshots written before claims had one).
    public var claimedUntil: Double?
    public var memberRole: String?
    public var memberStatus: String?
    public var memberStatusAt: Double?
    public var mutedUntil: Double?
    public var warningID: Int64?
    /// Whether this action deleted the message (not one deleted before it).
    public var deletedMessage: Bool

    public init(
        caseStatus: String, caseResolution: String?, caseResolvedAt: Double?, claimedBy: String?, memberRole: String?, memberStatus: String?,
        memberStatusAt: Double?, mutedUntil: Double?, warningID: Int64?, deletedMessage: Bool, claimedUntil: Double? = nil
    ) {
        self.caseStatus = caseStatus
        self.caseResolution = caseResolution
        self.caseResolvedAt = caseResolvedAt
        self.claimedBy = claimedBy
        self.claimedUntil = claimedUntil
        self.memberRole = memberRole
        self.memberStatus = memberStatus
        self.memberStatusAt = memberStatusAt
        self.mutedUntil = mutedUntil
        self.warningID = warningID
        self.deletedMessage = deletedMessage
    }
}

extension ModerationSnapshot {
    /// The item and the member as they are before an action, as the action's audit entry keeps them.
    public init(before item: ModerationCase, member: ModerationFacts.MemberState?) {
        self.init(
            caseStatus: item.status.rawValue, caseResolution: item.resolution, caseResolvedAt: item.resolvedAt?.timeIntervalSince1970,
            claimedBy: item.claimedBy, memberRole: member?.role.rawValue, memberStatus: member?.status.rawValue,
            memberStatusAt: member?.statusAt.timeIntervalSince1970, mutedUntil: member?.mutedUntil?.timeIntervalSince1970, warningID: nil,
            deletedMessage: false, claimedUntil: item.claimedUntil?.timeIntervalSince1970)
    }
}

/// What undoing a moderation action does: put the queue item and the member back as the snapshot has
/// them, revoke the warning, restore the deleted message's record, and settle the platform side
/// (`OutboxUndo`). The note is the undo's audit reason.
public struct ModerationUndo: Equatable, Sendable {
    public var restoresMember: Bool
    public var revokesWarning: Int64?
    public var restoresDeletedMessage: Bool
    public var outbox: OutboxUndo.Plan
    public var note: String

    public static func plan(
        _ snapshot: ModerationSnapshot, outboxItems: [(id: Int64, command: OutboxCommand, state: OutboxState)]
    ) -> ModerationUndo {
        let outbox = OutboxUndo.plan(outboxItems, memberStatusBefore: snapshot.memberStatus.flatMap(MemberStatus.init(rawValue:)))
        var note = "restored the queue item and the member"
        if !outbox.cancel.isEmpty { note += "; \(outbox.cancel.count) unsent platform action(s) cancelled" }
        for extra in outbox.notes where !note.contains(extra) { note += "; " + extra }
        return ModerationUndo(
            restoresMember: snapshot.memberRole != nil, revokesWarning: snapshot.warningID, restoresDeletedMessage: snapshot.deletedMessage,
            outbox: outbox, note: note)
    }

    /// The undo's own audit entry, pointing at the one it reverses.
    public func auditDraft(undoing entry: AuditEntry, caseID: Int64, actor: String, now: Date) -> AuditDraft {
        AuditDraft(
            at: now, actor: actor, action: "undo " + entry.action, groupID: entry.groupID, memberID: entry.memberID, caseID: caseID,
            reason: note, undoes: entry.id)
    }
}
