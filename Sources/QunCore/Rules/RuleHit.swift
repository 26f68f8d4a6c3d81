/// What a content rule found in a message: which rule, the text it matched, and why, in words an admin
/// reads. The store's shape for a flagged message; `RuleVerdict` is the full story.
public struct RuleHit: Codable, Hashable, Sendable {
    public var rule: String
    public var match: String
    public var reason: String
    /// 1 (low) … 5 (severe).
    public var severity: Int

    public init(rule: String, match: String, reason: String, severity: Int) {
        self.rule = rule
        self.match = match
        self.reason = reason
        self.severity = severity
    }

    public init(_ verdict: RuleVerdict) {
        self.init(rule: verdict.rule.rawValue, match: verdict.match, reason: verdict.reason, severity: verdict.severity)
    }
}
