/// The kinds of rule qundeck applies. Raw values are what TOML, JSON and the store use.
public enum RuleKind: String, Codable, Sendable, CaseIterable, Comparable {
    case link
    case ad
    case bannedWord = "banned_word"
    case flood
    case massMention = "mass_mention"
    case nicknameFormat = "nickname_format"
    case newMemberLink = "new_member_link"
    case crossGroupDuplicate = "cross_group_duplicate"
    case classifier

    public static func < (a: RuleKind, b: RuleKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What happens when a rule fires. The engine only says; the store and the platform carry it out.
public enum RuleAction: String, Codable, Sendable, CaseIterable {
    /// Put it in the review queue for an admin.
    case queue
    /// Delete the message (and record a case).
    case delete
    /// Mute the member for `muteMinutes` (and record a case).
    case mute
    /// Only record it in the log; nobody is asked to act.
    case log
}

/// Community-wide defaults plus per-group overrides: the whole rule configuration, in the shape
/// TOML import/export uses (see docs/rules.md). Every field of a group's settings is optional; a
/// missing field falls back to the defaults, and a missing default to `EffectiveRules.builtIn`.
public struct RuleSet: Codable, Sendable, Equatable {
    public var defaults: RuleSettings
    /// Keyed by group id.
    public var groups: [String: RuleSettings]

    public init(defaults: RuleSettings = RuleSettings(), groups: [String: RuleSettings] = [:]) {
        self.defaults = defaults
        self.groups = groups
    }

    /// The defaults written out in full (what `rules export` shows on a fresh store).
    public static let standard = RuleSet(defaults: RuleSettings(EffectiveRules.builtIn))

    /// The rules that apply in `groupID`: the group's settings over the defaults over the built-in baseline.
    /// Lists (`link.allow`, `banned_word.words`) in the defaults replace the built-in ones; a group's
    /// lists add to the defaults'.
    public func effective(for groupID: String) -> EffectiveRules {
        var rules = EffectiveRules.builtIn.applying(defaults, extendingLists: false)
        if let group = groups[groupID] { rules = rules.applying(group) }
        return rules
    }

    enum CodingKeys: String, CodingKey { case defaults, groups }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        defaults = try container.decodeIfPresent(RuleSettings.self, forKey: .defaults) ?? RuleSettings()
        groups = try container.decodeIfPresent([String: RuleSettings].self, forKey: .groups) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(defaults, forKey: .defaults)
        if !groups.isEmpty { try container.encode(groups, forKey: .groups) }
    }
}

/// One `[defaults]` or `[groups."id"]` table. Absent sections and fields inherit.
public struct RuleSettings: Codable, Sendable, Equatable {
    /// Owners, admins and service agents are not screened (their links and @all are their job).
    public var exemptStaff: Bool?
    public var link: LinkSettings?
    public var ad: AdSettings?
    public var bannedWord: BannedWordSettings?
    public var flood: FloodSettings?
    public var massMention: MassMentionSettings?
    public var nicknameFormat: NicknameFormatSettings?
    public var newMemberLink: NewMemberLinkSettings?
    public var crossGroupDuplicate: CrossGroupDuplicateSettings?
    public var classifier: ClassifierSettings?

    public init(
        exemptStaff: Bool? = nil, link: LinkSettings? = nil, ad: AdSettings? = nil, bannedWord: BannedWordSettings? = nil,
        flood: FloodSettings? = nil, massMention: MassMentionSettings? = nil, nicknameFormat: NicknameFormatSettings? = nil,
        newMemberLink: NewMemberLinkSettings? = nil, crossGroupDuplicate: CrossGroupDuplicateSettings? = nil,
        classifier: ClassifierSettings? = nil
    ) {
        self.crossGroupDuplicate = crossGroupDuplicate
        self.classifier = classifier
        self.exemptStaff = exemptStaff
        self.link = link
        self.ad = ad
        self.bannedWord = bannedWord
        self.flood = flood
        self.massMention = massMention
        self.nicknameFormat = nicknameFormat
        self.newMemberLink = newMemberLink
    }

    /// Every field set from resolved rules: how the built-in defaults are exported.
    public init(_ rules: EffectiveRules) {
        exemptStaff = rules.exemptStaff
        link = LinkSettings(
            enabled: rules.link.enabled, action: rules.link.action, severity: rules.link.severity, muteMinutes: rules.link.muteMinutes,
            allow: rules.link.allow)
        ad = AdSettings(
            enabled: rules.ad.enabled, action: rules.ad.action, severity: rules.ad.severity, muteMinutes: rules.ad.muteMinutes,
            phoneNumbers: rules.ad.phoneNumbers)
        bannedWord = BannedWordSettings(
            enabled: rules.bannedWord.enabled, action: rules.bannedWord.action, severity: rules.bannedWord.severity,
            muteMinutes: rules.bannedWord.muteMinutes, words: rules.bannedWord.words)
        flood = FloodSettings(
            enabled: rules.flood.enabled, action: rules.flood.action, severity: rules.flood.severity,
            muteMinutes: rules.flood.muteMinutes, messages: rules.flood.messages, seconds: rules.flood.seconds)
        massMention = MassMentionSettings(
            enabled: rules.massMention.enabled, action: rules.massMention.action, severity: rules.massMention.severity,
            muteMinutes: rules.massMention.muteMinutes, mentions: rules.massMention.mentions,
            mentionAll: rules.massMention.mentionAll)
        nicknameFormat = NicknameFormatSettings(
            enabled: rules.nicknameFormat.enabled, action: rules.nicknameFormat.action, severity: rules.nicknameFormat.severity,
            format: rules.nicknameFormat.format, separators: rules.nicknameFormat.separators,
            knownCity: rules.nicknameFormat.knownCity, maxPartLength: rules.nicknameFormat.maxPartLength,
            values: rules.nicknameFormat.values.isEmpty ? nil : rules.nicknameFormat.values)
        newMemberLink = NewMemberLinkSettings(
            enabled: rules.newMemberLink.enabled, action: rules.newMemberLink.action, severity: rules.newMemberLink.severity,
            muteMinutes: rules.newMemberLink.muteMinutes, hours: rules.newMemberLink.hours)
        crossGroupDuplicate = CrossGroupDuplicateSettings(
            enabled: rules.crossGroupDuplicate.enabled, action: rules.crossGroupDuplicate.action,
            severity: rules.crossGroupDuplicate.severity, muteMinutes: rules.crossGroupDuplicate.muteMinutes,
            groups: rules.crossGroupDuplicate.groups, minutes: rules.crossGroupDuplicate.minutes)
        classifier = ClassifierSettings(
            enabled: rules.classifier.enabled, action: rules.classifier.action, severity: rules.classifier.severity,
            muteMinutes: rules.classifier.muteMinutes, threshold: rules.classifier.threshold,
            strictThreshold: rules.classifier.strictThreshold, trustedAfter: rules.classifier.trustedAfter,
            strictHours: rules.classifier.strictHours, dryRun: rules.classifier.dryRun)
    }

    enum CodingKeys: String, CodingKey {
        case exemptStaff = "exempt_staff"
        case link, ad
        case bannedWord = "banned_word"
        case flood
        case massMention = "mass_mention"
        case nicknameFormat = "nickname_format"
        case newMemberLink = "new_member_link"
        case crossGroupDuplicate = "cross_group_duplicate"
        case classifier
    }
}

/// `[….link]`: links, with a domain allow-list (a domain allows its subdomains too).
public struct LinkSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    public var muteMinutes: Int?
    /// Allowed domains ("t.cn", "mp.weixin.qq.com"); a group's list adds to the defaults'.
    public var allow: [String]?

    public init(enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, allow: [String]? = nil) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.allow = allow
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case allow
    }
}

/// `[….ad]`: contact solicitation and spam.
public struct AdSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    /// When set, every ad finding gets this severity; otherwise each pattern has its own (刷单 5, a phone number 3).
    public var severity: Int?
    public var muteMinutes: Int?
    /// Whether a mainland mobile number on its own counts as solicitation.
    public var phoneNumbers: Bool?

    public init(
        enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, phoneNumbers: Bool? = nil
    ) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.phoneNumbers = phoneNumbers
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case phoneNumbers = "phone_numbers"
    }
}

/// `[….banned_word]`: words that may not be said. Chinese words match as substrings (through
/// spacing, full-width, traditional…); Latin words match whole words only.
public struct BannedWordSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    public var muteMinutes: Int?
    /// A group's list adds to the defaults'.
    public var words: [String]?

    public init(enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, words: [String]? = nil) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.words = words
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case words
    }
}

/// `[….flood]`: `messages` or more messages from one member within `seconds`.
public struct FloodSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    public var muteMinutes: Int?
    public var messages: Int?
    public var seconds: Int?

    public init(
        enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, messages: Int? = nil,
        seconds: Int? = nil
    ) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.messages = messages
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case messages, seconds
    }
}

/// `[….mass_mention]`: `mentions` or more @mentions in one message, or @所有人 / @all from a member.
public struct MassMentionSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    public var muteMinutes: Int?
    public var mentions: Int?
    /// Whether @所有人 / @all / @everyone by a non-staff member fires on its own.
    public var mentionAll: Bool?

    public init(
        enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, mentions: Int? = nil,
        mentionAll: Bool? = nil
    ) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.mentions = mentions
        self.mentionAll = mentionAll
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case mentions
        case mentionAll = "mention_all"
    }
}

/// `[….nickname_format]`: the group nickname pattern, e.g. "城市+社区+名字" (see docs/rules.md).
public struct NicknameFormatSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    /// Part names joined by "+"; empty means the group has no format.
    public var format: String?
    /// Characters accepted between parts in a nickname.
    public var separators: String?
    /// Whether a part named 城市/城/市/city must be a known Chinese city.
    public var knownCity: Bool?
    public var maxPartLength: Int?
    /// Accepted values per part name, e.g. 城市 = ["郑州"], 社区 = ["金水", "金水花园"]; replaces the city check for that part.
    public var values: [String: [String]]?

    public init(
        enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, format: String? = nil, separators: String? = nil,
        knownCity: Bool? = nil, maxPartLength: Int? = nil, values: [String: [String]]? = nil
    ) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.format = format
        self.separators = separators
        self.knownCity = knownCity
        self.maxPartLength = maxPartLength
        self.values = values
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity, format, separators
        case knownCity = "known_city"
        case maxPartLength = "max_part_length"
        case values
    }
}

/// `[….new_member_link]`: no links during a member's first `hours` after joining.
public struct NewMemberLinkSettings: Codable, Sendable, Equatable {
    public var enabled: Bool?
    public var action: RuleAction?
    public var severity: Int?
    public var muteMinutes: Int?
    public var hours: Int?

    public init(enabled: Bool? = nil, action: RuleAction? = nil, severity: Int? = nil, muteMinutes: Int? = nil, hours: Int? = nil) {
        self.enabled = enabled
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.hours = hours
    }

    enum CodingKeys: String, CodingKey {
        case enabled, action, severity
        case muteMinutes = "mute_minutes"
        case hours
    }
}
