import Foundation

/// The same text posted by one member in several groups within minutes: a single group sees one ordinary
/// looking message, the community sees a spam run. Texts match on `MessageFingerprint` (folded and
/// squeezed, at least `MessageFingerprint.minimumLength` characters).
enum CrossGroupDuplicate {
    static func flag(fingerprint: UInt64?, input: MessageInput, rule: CrossGroupDuplicateRule) -> RuleVerdict? {
        guard let fingerprint, let sentAt = input.sentAt, !input.recentElsewhere.isEmpty else { return nil }
        let windowStart = sentAt.addingTimeInterval(-Double(rule.minutes) * 60)
        var groups: Set<String> = [input.groupID]
        for message in input.recentElsewhere
        where message.fingerprint == fingerprint && message.sentAt >= windowStart && message.sentAt <= sentAt {
            groups.insert(message.groupID)
        }
        guard groups.count >= rule.groups else { return nil }
        let range = input.text.startIndex..<input.text.endIndex
        return RuleVerdict(
            rule: .crossGroupDuplicate, action: rule.action, severity: rule.severity, muteMinutes: rule.muteMinutes,
            reason: "same message in \(groups.count) groups within \(rule.minutes) min (limit \(rule.groups - 1))",
            chineseReason: "\(rule.minutes) 分钟内在 \(groups.count) 个群发同样的消息（上限 \(rule.groups - 1)）",
            match: input.text, range: range)
    }
}
