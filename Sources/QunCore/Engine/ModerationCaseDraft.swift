import Foundation

/// A queue item an event raises, before the store numbers it. The store keeps one per event, kind and rule
/// (`ruleKey`), so an event applied twice cannot raise it twice.
public struct ModerationCaseDraft: Hashable, Sendable {
    public var kind: ModerationKind
    public var groupID: String
    public var memberID: String
    public var eventSource: String
    public var eventExternalID: String
    /// The rule that raised it; nil for a plain join request.
    public var rule: String?
    public var reason: String
    public var reasonZh: String?
    public var evidence: String?
    public var severity: Int
    public var createdAt: Date

    public init(
        kind: ModerationKind, event: Event, rule: String?, reason: String, reasonZh: String? = nil, evidence: String?, severity: Int
    ) {
        self.kind = kind
        self.groupID = event.groupID
        self.memberID = event.memberID
        self.eventSource = event.source
        self.eventExternalID = event.externalID
        self.rule = rule
        self.reason = reason
        self.reasonZh = reasonZh
        self.evidence = evidence
        self.severity = severity
        self.createdAt = event.timestamp
    }

    /// The rule as stored: the uniqueness of (event, kind, rule) needs a value, so no rule is "".
    public var ruleKey: String { rule ?? "" }
}
