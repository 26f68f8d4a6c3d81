/// The ingest-time content screen the store calls on every message: a thin adapter over
/// `RuleEngine` that judges text alone. Rules that need more than the text (flood, new_member_link,
/// staff exemption) only run through `RuleEngine.evaluate(_:)` with a full `MessageInput`.
public struct ContentRules: Sendable {
    public let engine: RuleEngine

    public init(ruleSet: RuleSet) {
        engine = RuleEngine(ruleSet: ruleSet)
    }

    /// The community defaults, optionally with a domain allow-list and rules switched off.
    public init(allowedDomains: Set<String> = [], checksLinks: Bool = true, checksAds: Bool = true) {
        let defaults = RuleSettings(
            link: LinkSettings(enabled: checksLinks, allow: allowedDomains.sorted()), ad: AdSettings(enabled: checksAds))
        self.init(ruleSet: RuleSet(defaults: defaults))
    }

    public func screen(_ text: String) -> [RuleHit] {
        screen(text, groupID: "")
    }

    public func screen(_ text: String, groupID: String) -> [RuleHit] {
        engine.evaluate(text, groupID: groupID).flags.map(RuleHit.init)
    }
}
