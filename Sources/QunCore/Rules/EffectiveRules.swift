/// The rules in force in one group, every value resolved. Built from a `RuleSet` with `effective(for:)`.
public struct EffectiveRules: Sendable, Equatable {
    public var exemptStaff: Bool
    public var link: LinkRule
    public var ad: AdRule
    public var bannedWord: BannedWordRule
    public var flood: FloodRule
    public var massMention: MassMentionRule
    public var nicknameFormat: NicknameFormatRule
    public var newMemberLink: NewMemberLinkRule
    public var crossGroupDuplicate: CrossGroupDuplicateRule
    public var classifier: ClassifierRule

    /// The baseline for Chinese community groups (社群): no links or ads from members, with review by
    /// an admin; automatic action only where a human could not keep up (floods) or where the pattern
    /// is almost always a bot (a link in a newcomer's first day).
    public static let builtIn = EffectiveRules(
        exemptStaff: true,
        link: LinkRule(enabled: true, action: .queue, severity: 3, muteMinutes: nil, allow: []),
        ad: AdRule(enabled: true, action: .queue, severity: nil, muteMinutes: nil, phoneNumbers: true),
        bannedWord: BannedWordRule(enabled: true, action: .queue, severity: 3, muteMinutes: nil, words: BannedWordRule.standardWords),
        flood: FloodRule(enabled: true, action: .mute, severity: 3, muteMinutes: 10, messages: 8, seconds: 30),
        massMention: MassMentionRule(enabled: true, action: .queue, severity: 3, muteMinutes: nil, mentions: 5, mentionAll: true),
        nicknameFormat: NicknameFormatRule(
            enabled: true, action: .queue, severity: 2, format: "", separators: NicknameFormatRule.standardSeparators,
            knownCity: true, maxPartLength: 12, values: [:]),
        newMemberLink: NewMemberLinkRule(enabled: true, action: .delete, severity: 4, muteMinutes: nil, hours: 24),
        crossGroupDuplicate: CrossGroupDuplicateRule(enabled: true, action: .queue, severity: 4, muteMinutes: nil, groups: 3, minutes: 10),
        classifier: ClassifierRule(
            enabled: true, action: .queue, severity: 3, muteMinutes: nil, threshold: ClassifierRule.standardThreshold,
            strictThreshold: 0.7, trustedAfter: 20, strictHours: 24, dryRun: false))

    /// These rules with `settings` laid over them. With `extendingLists`, `link.allow` and
    /// `banned_word.words` add to the current lists (a group extends the community's); without, they
    /// replace them (the community's defaults replace the built-in lists, so removing a word works).
    public func applying(_ settings: RuleSettings, extendingLists: Bool = true) -> EffectiveRules {
        var rules = self
        rules.exemptStaff = settings.exemptStaff ?? exemptStaff
        if let s = settings.link {
            rules.link.enabled = s.enabled ?? link.enabled
            rules.link.action = s.action ?? link.action
            rules.link.severity = Self.clamp(s.severity) ?? link.severity
            rules.link.muteMinutes = s.muteMinutes ?? link.muteMinutes
            rules.link.allow = extendingLists ? Self.union(link.allow, s.allow) : (s.allow ?? link.allow)
        }
        if let s = settings.ad {
            rules.ad.enabled = s.enabled ?? ad.enabled
            rules.ad.action = s.action ?? ad.action
            rules.ad.severity = Self.clamp(s.severity) ?? ad.severity
            rules.ad.muteMinutes = s.muteMinutes ?? ad.muteMinutes
            rules.ad.phoneNumbers = s.phoneNumbers ?? ad.phoneNumbers
        }
        if let s = settings.bannedWord {
            rules.bannedWord.enabled = s.enabled ?? bannedWord.enabled
            rules.bannedWord.action = s.action ?? bannedWord.action
            rules.bannedWord.severity = Self.clamp(s.severity) ?? bannedWord.severity
            rules.bannedWord.muteMinutes = s.muteMinutes ?? bannedWord.muteMinutes
            rules.bannedWord.words = extendingLists ? Self.union(bannedWord.words, s.words) : (s.words ?? bannedWord.words)
        }
        if let s = settings.flood {
            rules.flood.enabled = s.enabled ?? flood.enabled
            rules.flood.action = s.action ?? flood.action
            rules.flood.severity = Self.clamp(s.severity) ?? flood.severity
            rules.flood.muteMinutes = s.muteMinutes ?? flood.muteMinutes
            rules.flood.messages = max(2, s.messages ?? flood.messages)
            rules.flood.seconds = max(1, s.seconds ?? flood.seconds)
        }
        if let s = settings.massMention {
            rules.massMention.enabled = s.enabled ?? massMention.enabled
            rules.massMention.action = s.action ?? massMention.action
            rules.massMention.severity = Self.clamp(s.severity) ?? massMention.severity
            rules.massMention.muteMinutes = s.muteMinutes ?? massMention.muteMinutes
            rules.massMention.mentions = max(1, s.mentions ?? massMention.mentions)
            rules.massMention.mentionAll = s.mentionAll ?? massMention.mentionAll
        }
        if let s = settings.nicknameFormat {
            rules.nicknameFormat.enabled = s.enabled ?? nicknameFormat.enabled
            rules.nicknameFormat.action = s.action ?? nicknameFormat.action
            rules.nicknameFormat.severity = Self.clamp(s.severity) ?? nicknameFormat.severity
            rules.nicknameFormat.format = s.format ?? nicknameFormat.format
            rules.nicknameFormat.separators = s.separators ?? nicknameFormat.separators
            rules.nicknameFormat.knownCity = s.knownCity ?? nicknameFormat.knownCity
            rules.nicknameFormat.maxPartLength = max(1, s.maxPartLength ?? nicknameFormat.maxPartLength)
            rules.nicknameFormat.values.merge(s.values ?? [:]) { _, new in new }
        }
        if let s = settings.newMemberLink {
            rules.newMemberLink.enabled = s.enabled ?? newMemberLink.enabled
            rules.newMemberLink.action = s.action ?? newMemberLink.action
            rules.newMemberLink.severity = Self.clamp(s.severity) ?? newMemberLink.severity
            rules.newMemberLink.muteMinutes = s.muteMinutes ?? newMemberLink.muteMinutes
            rules.newMemberLink.hours = max(0, s.hours ?? newMemberLink.hours)
        }
        if let s = settings.crossGroupDuplicate {
            rules.crossGroupDuplicate.enabled = s.enabled ?? crossGroupDuplicate.enabled
            rules.crossGroupDuplicate.action = s.action ?? crossGroupDuplicate.action
            rules.crossGroupDuplicate.severity = Self.clamp(s.severity) ?? crossGroupDuplicate.severity
            rules.crossGroupDuplicate.muteMinutes = s.muteMinutes ?? crossGroupDuplicate.muteMinutes
            rules.crossGroupDuplicate.groups = max(2, s.groups ?? crossGroupDuplicate.groups)
            rules.crossGroupDuplicate.minutes = max(1, s.minutes ?? crossGroupDuplicate.minutes)
        }
        if let s = settings.classifier {
            rules.classifier.enabled = s.enabled ?? classifier.enabled
            rules.classifier.action = s.action ?? classifier.action
            rules.classifier.severity = Self.clamp(s.severity) ?? classifier.severity
            rules.classifier.muteMinutes = s.muteMinutes ?? classifier.muteMinutes
            rules.classifier.threshold = min(1, max(0.5, s.threshold ?? classifier.threshold))
            rules.classifier.strictThreshold = min(1, max(0.5, s.strictThreshold ?? classifier.strictThreshold))
            rules.classifier.trustedAfter = max(0, s.trustedAfter ?? classifier.trustedAfter)
            rules.classifier.strictHours = max(0, s.strictHours ?? classifier.strictHours)
            rules.classifier.dryRun = s.dryRun ?? classifier.dryRun
        }
        return rules
    }

    private static func clamp(_ severity: Int?) -> Int? { severity.map { min(5, max(1, $0)) } }

    private static func union(_ base: [String], _ extra: [String]?) -> [String] {
        guard let extra, !extra.isEmpty else { return base }
        var seen = Set(base)
        return base + extra.filter { seen.insert($0).inserted }
    }
}

public struct LinkRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    public var muteMinutes: Int?
    public var allow: [String]
}

public struct AdRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    /// nil: each finding's own severity (2–5).
    public var severity: Int?
    public var muteMinutes: Int?
    public var phoneNumbers: Bool
}

public struct BannedWordRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    public var muteMinutes: Int?
    public var words: [String]

    /// Abuse nobody needs to say in a community group. Scam and spam vocabulary belongs to the ad
    /// rule, which knows the difference between 刷单 and 警惕刷单诈骗; a plain word list does not.
    public static let standardWords = [
        "傻逼", "煞笔", "傻b", "沙比", "傻叉", "脑残", "智障", "操你妈", "草泥马", "你妈逼", "尼玛逼", "狗日的", "去死吧", "贱人", "婊子",
        "fuck", "fucking", "motherfucker", "shit", "bitch", "cnm", "nmsl", "tmd",
    ]
}

public struct FloodRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    public var muteMinutes: Int?
    /// Fires on the `messages`-th message (and every later one) within `seconds`.
    public var messages: Int
    public var seconds: Int
}

public struct MassMentionRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    public var muteMinutes: Int?
    /// Fires at this many @mentions in one message.
    public var mentions: Int
    public var mentionAll: Bool
}

public struct NicknameFormatRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    /// "城市+社区+名字"; empty: no format.
    public var format: String
    public var separators: String
    public var knownCity: Bool
    public var maxPartLength: Int
    public var values: [String: [String]]

    /// Members write 郑州+金水+小李, 郑州-金水-小李, 郑州 金水 小李, 郑州·金水·小李… all mean the same.
    public static let standardSeparators = "+＋-－—_·•|｜丨/／、 "
}

public struct NewMemberLinkRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    public var muteMinutes: Int?
    public var hours: Int
}

/// The same text from one member in `groups` or more groups within `minutes`.
public struct CrossGroupDuplicateRule: Sendable, Equatable {
    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    public var muteMinutes: Int?
    public var groups: Int
    public var minutes: Int
}
