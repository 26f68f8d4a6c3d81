import Foundation

/// One message to judge, with what the time-based rules need. The engine keeps no state: the caller
/// supplies the member's join time and recent message times.
public struct MessageInput: Sendable, Equatable {
    public var text: String
    public var groupID: String
    public var memberID: String
    /// When the member joined the group; nil when unknown (new_member_link then does not apply).
    public var memberJoinedAt: Date?
    /// When the message was sent; nil when unknown (flood and new_member_link then do not apply).
    public var sentAt: Date?
    /// The member's earlier messages in this group (any order, this message excluded); flood counts
    /// those within its window before `sentAt`.
    public var recentMessageTimes: [Date]
    /// Mentions counted by the platform (e.g. Telegram mention entities); nil: count "@name" in the text.
    public var mentionCount: Int?
    /// Owner, admin or service agent. With `exempt_staff` on, no rule applies to them.
    public var senderIsStaff: Bool
    /// The member's previous message in this group, if any: a contact id may be split across the two.
    public var previousMessage: RecentMessage?
    /// The member's messages in other groups within `cross_group_duplicate.minutes` before this one.
    public var recentElsewhere: [RecentMessage]

    public init(
        text: String, groupID: String = "", memberID: String = "", memberJoinedAt: Date? = nil, sentAt: Date? = nil,
        recentMessageTimes: [Date] = [], mentionCount: Int? = nil, senderIsStaff: Bool = false,
        previousMessage: RecentMessage? = nil, recentElsewhere: [RecentMessage] = []
    ) {
        self.previousMessage = previousMessage
        self.recentElsewhere = recentElsewhere
        self.text = text
        self.groupID = groupID
        self.memberID = memberID
        self.memberJoinedAt = memberJoinedAt
        self.sentAt = sentAt
        self.recentMessageTimes = recentMessageTimes
        self.mentionCount = mentionCount
        self.senderIsStaff = senderIsStaff
    }
}

/// One rule that fired: which, what it matched (as the original text shows it), why, how bad, and
/// what to do about it.
public struct RuleVerdict: Sendable, Hashable {
    public var rule: RuleKind
    public var action: RuleAction
    /// 1 (low) … 5 (severe).
    public var severity: Int
    /// For `.mute`: how long; nil leaves it to the store's default.
    public var muteMinutes: Int?
    /// For admins, in English.
    public var reason: String
    /// The same in Chinese, for Chinese-speaking admins.
    public var chineseReason: String
    /// The matched text exactly as it appears in the original message (zero-width characters,
    /// full-width letters and all).
    public var match: String
    /// Where `match` is in the original text (or nickname).
    public var range: Range<String.Index>

    public init(
        rule: RuleKind, action: RuleAction, severity: Int, muteMinutes: Int? = nil, reason: String, chineseReason: String,
        match: String, range: Range<String.Index>
    ) {
        self.rule = rule
        self.action = action
        self.severity = severity
        self.muteMinutes = muteMinutes
        self.reason = reason
        self.chineseReason = chineseReason
        self.match = match
        self.range = range
    }

    /// The span as UTF-16 offsets into `text` (what JSON consumers and Telegram entities use).
    public func utf16Offsets(in text: String) -> Range<Int> {
        let start = text.utf16.distance(from: text.startIndex, to: range.lowerBound)
        return start..<(start + text.utf16.distance(from: range.lowerBound, to: range.upperBound))
    }
}

/// Everything the rules said about one message.
public struct Verdict: Sendable, Hashable {
    /// Every rule that fired, in the order of the text.
    public var flags: [RuleVerdict]
    /// Every link found (folded: "www.x.com" for "ｗｗｗ．ｘ．ｃｏｍ"), allowed or not.
    public var links: [String]

    public init(flags: [RuleVerdict] = [], links: [String] = []) {
        self.flags = flags
        self.links = links
    }

    public var isClean: Bool { flags.isEmpty }

    /// The flag that names the case: highest severity, first in the text among equals.
    public var mostSevere: RuleVerdict? {
        flags.max { a, b in a.severity != b.severity ? a.severity < b.severity : a.range.lowerBound > b.range.lowerBound }
    }
}

/// What a group's rules find in a message's text alone, before the sender or the time is considered:
/// `RuleEngine.findings(in:groupID:)`, finished by `RuleEngine.judge`. Ranges point into that text.
public struct TextFindings: Sendable, Hashable {
    /// Every link found, folded, allowed or not.
    public var links: [String]
    /// Links to hosts the group does not allow: link or new-member-link flags, depending on the sender.
    public var disallowedLinks: [DetectedLink]
    /// Flags that hold whoever sent the text (ad, banned word, mass mention), unless staff are exempt.
    public var contentFlags: [RuleVerdict] = []
    /// `MessageFingerprint.of(text)`: what a cross-group duplicate must share with this text.
    public var fingerprint: UInt64? = nil

    /// True when nothing in the text can raise a flag; only flood (which needs no text) is left to judge.
    public var isClean: Bool { disallowedLinks.isEmpty && contentFlags.isEmpty }
}

/// Applies a `RuleSet` to messages and nicknames. Pure and stateless apart from the compiled rules:
/// build one per rule-set change and share it (it is `Sendable`).
public struct RuleEngine: Sendable {
    public let ruleSet: RuleSet
    private let defaultRules: CompiledRules
    private let groupRules: [String: CompiledRules]

    public init(ruleSet: RuleSet = .standard) {
        self.ruleSet = ruleSet
        defaultRules = CompiledRules(ruleSet.effective(for: ""))
        var compiled: [String: CompiledRules] = [:]
        for groupID in ruleSet.groups.keys { compiled[groupID] = CompiledRules(ruleSet.effective(for: groupID)) }
        groupRules = compiled
    }

    /// The resolved rules for a group.
    public func rules(for groupID: String) -> EffectiveRules { compiled(for: groupID).rules }

    private func compiled(for groupID: String) -> CompiledRules { groupRules[groupID] ?? defaultRules }

    // MARK: messages

    public func evaluate(_ input: MessageInput) -> Verdict {
        judge(findings(in: input.text, groupID: input.groupID, mentionCount: input.mentionCount), input)
    }

    /// What the group's rules find in the text alone: the costly half of `evaluate` (folding, link, ad and
    /// keyword scans), which needs nothing about the sender. A bulk ingest works it out on the parsing
    /// thread; `judge` finishes it with the member's facts.
    public func findings(in text: String, groupID: String, mentionCount: Int? = nil) -> TextFindings {
        let compiled = compiled(for: groupID)
        let rules = compiled.rules
        let folded = FoldedText(text)
        let links = LinkDetector.detect(in: folded)
        var findings = TextFindings(
            links: links.map(\.normalized), disallowedLinks: links.filter { !compiled.allows(host: $0.host) },
            fingerprint: MessageFingerprint.of(folded))
        if rules.ad.enabled, let ad = AdDetector.find(in: folded, links: links, checkPhoneNumbers: rules.ad.phoneNumbers) {
            let range = folded.originalRange(folded: ad.span.lowerBound, through: ad.span.upperBound)
            findings.contentFlags.append(RuleVerdict(
                rule: .ad, action: rules.ad.action, severity: rules.ad.severity ?? ad.severity, muteMinutes: rules.ad.muteMinutes,
                reason: ad.reason, chineseReason: ad.chineseReason, match: String(text[range]), range: range))
        }
        if rules.bannedWord.enabled {
            findings.contentFlags += bannedWordFlags(in: folded, rules: rules, table: compiled.bannedWords)
        }
        if rules.massMention.enabled,
            let flag = massMentionFlag(in: folded, text: text, mentionCount: mentionCount, rule: rules.massMention)
        {
            findings.contentFlags.append(flag)
        }
        return findings
    }

    /// The verdict on a message from its text's `findings` (made by this engine, for `input.text` and
    /// `input.groupID`) and what is known about the sender: staff exemption, new members' links, flood.
    public func judge(_ findings: TextFindings, _ input: MessageInput) -> Verdict {
        let rules = compiled(for: input.groupID).rules
        var verdict = Verdict(links: findings.links)
        if input.senderIsStaff && rules.exemptStaff { return verdict }

        var flags: [RuleVerdict] = []
        let isNewMember = rules.newMemberLink.enabled && input.isNewMember(within: rules.newMemberLink.hours)
        for link in findings.disallowedLinks {
            if isNewMember {
                let hours = rules.newMemberLink.hours
                flags.append(RuleVerdict(
                    rule: .newMemberLink, action: rules.newMemberLink.action, severity: rules.newMemberLink.severity,
                    muteMinutes: rules.newMemberLink.muteMinutes,
                    reason: "link to \(link.host) within \(hours) hours of joining",
                    chineseReason: "入群 \(hours) 小时内发链接（\(link.host)）", match: link.original, range: link.range))
            } else if rules.link.enabled {
                flags.append(RuleVerdict(
                    rule: .link, action: rules.link.action, severity: rules.link.severity, muteMinutes: rules.link.muteMinutes,
                    reason: "link to \(link.host)", chineseReason: "发链接（\(link.host)）", match: link.original, range: link.range))
            }
        }
        flags += findings.contentFlags
        if rules.flood.enabled, let flag = floodFlag(input: input, rule: rules.flood) {
            flags.append(flag)
        }
        if rules.ad.enabled, !flags.contains(where: { $0.rule == .ad }), let previous = input.previousMessage,
            let flag = SplitContact.flag(previous: previous, input: input, rule: rules.ad)
        {
            flags.append(flag)
        }
        if rules.crossGroupDuplicate.enabled,
            let flag = CrossGroupDuplicate.flag(fingerprint: findings.fingerprint, input: input, rule: rules.crossGroupDuplicate)
        {
            flags.append(flag)
        }
        verdict.flags = flags.sorted { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.rule < $1.rule }
        return verdict
    }

    /// Convenience: judge text alone (no member, no times), e.g. for `rules check`.
    public func evaluate(_ text: String, groupID: String = "") -> Verdict {
        evaluate(MessageInput(text: text, groupID: groupID))
    }

    private func bannedWordFlags(in text: FoldedText, rules: EffectiveRules, table: KeywordTable<String>) -> [RuleVerdict] {
        guard !table.isEmpty else { return [] }
        var seen = Set<String>()
        var flags: [RuleVerdict] = []
        for match in table.matches(in: text) where seen.insert(match.payload).inserted {
            let range = text.originalRange(core: match.core)
            flags.append(RuleVerdict(
                rule: .bannedWord, action: rules.bannedWord.action, severity: rules.bannedWord.severity,
                muteMinutes: rules.bannedWord.muteMinutes, reason: "banned word '\(match.payload)'",
                chineseReason: "违禁词“\(match.payload)”", match: String(text.original[range]), range: range))
        }
        return flags
    }

    private func massMentionFlag(in folded: FoldedText, text: String, mentionCount: Int?, rule: MassMentionRule) -> RuleVerdict? {
        let mentions = Mentions.find(in: folded)
        let count = mentionCount ?? mentions.spans.count
        let all = rule.mentionAll && mentions.mentionsEveryone
        guard count >= rule.mentions || all else { return nil }
        let range: Range<String.Index>
        if let first = mentions.spans.first, let last = mentions.spans.last {
            range = folded.originalRange(folded: first.lowerBound, through: last.upperBound)
        } else {
            range = text.startIndex..<text.endIndex
        }
        let reason = all && count < rule.mentions ? "mentions everyone (@所有人)" : "\(count) mentions in one message (limit \(rule.mentions - 1))"
        let chinese = all && count < rule.mentions ? "普通成员 @所有人" : "一条消息 @ 了 \(count) 人（上限 \(rule.mentions - 1)）"
        return RuleVerdict(
            rule: .massMention, action: rule.action, severity: rule.severity, muteMinutes: rule.muteMinutes, reason: reason,
            chineseReason: chinese, match: String(text[range]), range: range)
    }

    private func floodFlag(input: MessageInput, rule: FloodRule) -> RuleVerdict? {
        guard let sentAt = input.sentAt else { return nil }
        let windowStart = sentAt.addingTimeInterval(-Double(rule.seconds))
        let count = 1 + input.recentMessageTimes.filter { $0 > windowStart && $0 <= sentAt }.count
        guard count >= rule.messages else { return nil }
        let range = input.text.startIndex..<input.text.endIndex
        return RuleVerdict(
            rule: .flood, action: rule.action, severity: rule.severity, muteMinutes: rule.muteMinutes,
            reason: "\(count) messages in \(rule.seconds) s (limit \(rule.messages - 1))",
            chineseReason: "\(rule.seconds) 秒内发了 \(count) 条消息（上限 \(rule.messages - 1)）", match: input.text, range: range)
    }

    // MARK: nicknames

    /// Checks a nickname given at a join request or a rename. Returns the nickname_format verdict
    /// when the group has a format and the name does not fit (its reason lists every problem, links
    /// and ads included), banned words in the name, and — only when no format verdict covers them —
    /// ad and link verdicts for spam names.
    ///
    /// `format` overrides the rule set's format for the group (e.g. `Group.nicknameFormat` from the store).
    public func evaluateNickname(_ name: String, groupID: String, format: String? = nil) -> [RuleVerdict] {
        let compiled = compiled(for: groupID)
        let rules = compiled.rules
        let whole = name.startIndex..<name.endIndex
        var verdicts: [RuleVerdict] = []
        let rule = rules.nicknameFormat
        let pattern = (format ?? rule.format).trimmingCharacters(in: .whitespaces)
        if rule.enabled, !pattern.isEmpty {
            let problems = NicknameChecker(rule: rule, format: pattern).problems(in: name)
            if !problems.isEmpty {
                verdicts.append(RuleVerdict(
                    rule: .nicknameFormat, action: rule.action, severity: rule.severity,
                    reason: "nickname should be \(pattern) (got '\(name)'): \(problems.english.joined(separator: "; "))",
                    chineseReason: "昵称格式应为 \(pattern)（当前“\(name)”）：\(problems.chinese.joined(separator: "；"))",
                    match: name, range: whole))
            }
        }
        let text = FoldedText(name)
        if rules.bannedWord.enabled {
            verdicts += bannedWordFlags(in: text, rules: rules, table: compiled.bannedWords)
        }
        if !verdicts.contains(where: { $0.rule == .nicknameFormat }) {
            let links = LinkDetector.detect(in: text)
            if rules.link.enabled, let link = links.first(where: { !compiled.allows(host: $0.host) }) {
                verdicts.append(RuleVerdict(
                    rule: .link, action: rules.link.action, severity: rules.link.severity, muteMinutes: rules.link.muteMinutes,
                    reason: "nickname carries a link to \(link.host)", chineseReason: "昵称含链接（\(link.host)）",
                    match: link.original, range: link.range))
            }
            if rules.ad.enabled, let ad = AdDetector.find(in: text, links: links, checkPhoneNumbers: rules.ad.phoneNumbers) {
                let range = text.originalRange(folded: ad.span.lowerBound, through: ad.span.upperBound)
                verdicts.append(RuleVerdict(
                    rule: .ad, action: rules.ad.action, severity: rules.ad.severity ?? ad.severity, muteMinutes: rules.ad.muteMinutes,
                    reason: "nickname \(ad.reason)", chineseReason: "昵称\(ad.chineseReason)", match: String(name[range]), range: range))
            }
        }
        return verdicts
    }
}

/// A group's rules, resolved once, with the parts that are costly to build (keyword tables).
private struct CompiledRules: Sendable {
    let rules: EffectiveRules
    let bannedWords: KeywordTable<String>
    /// Allowed domains, folded and lowercase ("T.CN" → "t.cn", "https://www.x.com/" → "x.com").
    let allowedDomains: [String]

    init(_ rules: EffectiveRules) {
        self.rules = rules
        bannedWords = KeywordTable(rules.bannedWord.words.map { ($0, $0) })
        allowedDomains = rules.link.allow.map(Self.domain).filter { !$0.isEmpty }
    }

    func allows(host: String) -> Bool {
        allowedDomains.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    static func domain(_ entry: String) -> String {
        var text = FoldedText(entry.trimmingCharacters(in: .whitespaces)).lowerString
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let slash = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { text = String(text[..<slash]) }
        for prefix in ["*.", ".", "www."] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        return text
    }
}

extension MessageInput {
    func isNewMember(within hours: Int) -> Bool {
        guard let joinedAt = memberJoinedAt, let sentAt else { return false }
        let age = sentAt.timeIntervalSince(joinedAt)
        return age >= 0 && age < Double(hours) * 3600
    }
}

/// @mentions in a message: "@张三 @李四", WeChat's "@name\u{2005}", and @所有人 / @all.
enum Mentions {
    struct Found {
        /// Folded index ranges (closed) of each mention, "@" included.
        var spans: [ClosedRange<Int>] = []
        var mentionsEveryone = false
    }

    static let everyone: [[Unicode.Scalar]] = ["所有人", "all", "everyone", "全体成员", "全体"].map { Array($0.unicodeScalars) }

    static func find(in text: FoldedText) -> Found {
        var found = Found()
        let s = text.lower
        var i = 0
        while i < s.count {
            guard s[i] == "@" else {
                i += 1
                continue
            }
            // user@example.com is an address, not a mention.
            if i > 0, FoldedText.isASCIIAlphanumeric(s[i - 1]) || s[i - 1] == "." || s[i - 1] == "_" {
                i += 1
                continue
            }
            var end = i + 1
            while end < s.count, s[end] != "@", !FoldedText.isWhitespace(s[end]) { end += 1 }
            if end > i + 1 {
                found.spans.append(i...(end - 1))
                let name = Array(s[(i + 1)..<end])
                if everyone.contains(where: { name.starts(with: $0) && (name.count == $0.count || !FoldedText.isASCIILetter(name[$0.count])) }) {
                    found.mentionsEveryone = true
                }
            }
            i = end
        }
        return found
    }
}
