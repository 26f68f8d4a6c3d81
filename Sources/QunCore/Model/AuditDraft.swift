import Foundation

/// An audit entry before the store numbers it: what a decision records about itself.
public struct AuditDraft: Hashable, Sendable {
    public var at: Date
    public var actor: String
    public var action: String
    public var groupID: String?
    public var memberID: String?
    public var caseID: Int64?
    public var campaignID: String?
    public var reason: String?
    public var rule: String?
    public var evidence: String?
    /// JSON snapshot of the state before the action, so undo can restore it.
    public var before: String?
    public var undoes: Int64?

    public init(
        at: Date, actor: String, action: String, groupID: String? = nil, memberID: String? = nil, caseID: Int64? = nil,
        campaignID: String? = nil, reason: String? = nil, rule: String? = nil, evidence: String? = nil, before: String? = nil,
        undoes: Int64? = nil
    ) {
        self.at = at
        self.actor = actor
        self.action = action
        self.groupID = groupID
        self.memberID = memberID
        self.caseID = caseID
        self.campaignID = campaignID
        self.reason = reason
        self.rule = rule
        self.evidence = evidence
        self.before = before
        self.undoes = undoes
    }
}

extension AuditEntry {
    /// The entry a draft became once the store numbered it.
    public init(id: Int64, _ draft: AuditDraft) {
        self.init(
            id: id, at: draft.at, actor: draft.actor, action: draft.action, groupID: draft.groupID, memberID: draft.memberID,
            caseID: draft.caseID, campaignID: draft.campaignID, reason: draft.reason, rule: draft.rule, evidence: draft.evidence,
            before: draft.before, undoes: draft.undoes)
    }
}
