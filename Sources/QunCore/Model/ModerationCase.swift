import Foundation

public enum ModerationKind: String, Codable, Sendable, CaseIterable {
    case joinRequest = "join_request"
    case flaggedMessage = "flagged_message"
    case report
}

public enum ModerationStatus: String, Codable, Sendable, CaseIterable {
    case open, escalated, resolved
}

/// One item of the review queue (审核 / flagged message / member report).
public struct ModerationCase: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64
    public var kind: ModerationKind
    public var status: ModerationStatus
    public var groupID: String
    public var memberID: String
    /// The event that raised it (a join request or the flagged message), as (source, external id).
    public var eventSource: String?
    public var eventExternalID: String?
    public var rule: String?
    public var reason: String
    /// The same reason in Chinese, when the rule that raised the item gave one.
    public var reasonZh: String?
    /// Matched text the rule saw, kept as evidence.
    public var evidence: String?
    /// 1 (low) … 5 (severe); the queue sorts by severity, then repeat offenders, then age.
    public var severity: Int
    public var createdAt: Date
    public var claimedBy: String?
    /// When `claimedBy`'s claim runs out; nil for a claim without end (the `claim` action) or no claim.
    /// Until then other admins cannot act on the item.
    public var claimedUntil: Date?
    public var resolution: String?
    public var resolvedAt: Date?
    /// 1 when raised, +1 on every change (action, undo, claim, release): an admin's screen passes the
    /// version it showed, and the store refuses to act on an item that changed since.
    public var version: Int64

    public init(
        id: Int64, kind: ModerationKind, status: ModerationStatus = .open, groupID: String, memberID: String,
        eventSource: String? = nil, eventExternalID: String? = nil, rule: String? = nil, reason: String,
        evidence: String? = nil, severity: Int, createdAt: Date, claimedBy: String? = nil,
        resolution: String? = nil, resolvedAt: Date? = nil, version: Int64 = 1, claimedUntil: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.status = status
        self.groupID = groupID
        self.memberID = memberID
        self.eventSource = eventSource
        self.eventExternalID = eventExternalID
        self.rule = rule
        self.reason = reason
        self.evidence = evidence
        self.severity = severity
        self.createdAt = createdAt
        self.claimedBy = claimedBy
        self.resolution = resolution
        self.resolvedAt = resolvedAt
        self.version = version
        self.claimedUntil = claimedUntil
    }
}

extension ModerationCase {
    public func withChineseReason(_ reason: String?) -> ModerationCase {
        var copy = self
        copy.reasonZh = reason
        return copy
    }
}
