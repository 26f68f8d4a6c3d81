/// `[….classifier]`: how the spam classifier joins the rules (see `ClassifierRule`).
public struct ClassifierSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    public var muteMinutes: Int?
    public var threshold: Double?
    public var strictThreshold: Double?
    public var trustedAfter: Int?
    public var strictHours: Int?
    public var dryRun: Bool?

    public init(
        enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, threshold: Double? = nil,
        strictThreshold: Double? = nil, trustedAfter: Int? = nil, strictHours: Int? = nil, dryRun: Bool? = nil
    ) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.threshold = threshold
        self.strictThreshold = strictThreshold
        self.trustedAfter = trustedAfter
        self.strictHours = strictHours
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case threshold
        case strictThreshold = "strict_threshold"
        case trustedAfter = "trusted_after"
        case strictHours = "strict_hours"
        case dryRun = "dry_run"
    }
}

/// `[….cross_group_duplicate]`: the same text from one member in `groups` groups within `minutes`.
public struct CrossGroupDuplicateSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    public var muteMinutes: Int?
    public var groups: Int?
    public var minutes: Int?

    public init(
        enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, groups: Int? = nil,
        minutes: Int? = nil
    ) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.groups = groups
        self.minutes = minutes
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case groups, minutes
    }
}
