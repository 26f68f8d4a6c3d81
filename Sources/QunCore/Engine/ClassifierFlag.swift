import Foundation

/// The classifier's part in judging a message: one it finds spam-like becomes one more reason on a case
/// (rule `classifier`), with the group's action — a queue item unless an admin chose otherwise, a log entry
/// in dry run. Who sent it decides the threshold (`ClassifierRule.threshold(for:)`), and that needs the
/// member's standing, so it is worked out only for the few messages suspicious at the strictest threshold.
public enum ClassifierFlag {
    /// The assessment when the message may be spam for some sender (staff are never judged by it).
    public static func suspicion(_ assessment: SpamAssessment?, rule: ClassifierRule, isStaff: Bool) -> SpamAssessment? {
        guard let assessment, rule.enabled, !isStaff else { return nil }
        return assessment.isSpam(threshold: min(rule.threshold, rule.strictThreshold)) ? assessment : nil
    }

    /// The flag for a suspicious message from a sender of this standing; nil when it is not spam for them.
    public static func verdict(_ assessment: SpamAssessment, text: String, standing: MemberStanding, rule: ClassifierRule) -> RuleVerdict? {
        guard let threshold = rule.threshold(for: standing), assessment.isSpam(threshold: threshold) else { return nil }
        var reason = assessment.reason
        var chinese = assessment.chineseReason
        if let nearest = assessment.similar.nearest.first {
            let quoted = nearest.text.count > 24 ? String(nearest.text.prefix(24)) + "…" : nearest.text
            reason += String(format: " (nearest %.2f: %@)", nearest.similarity, quoted)
            chinese += String(format: "（最相似 %.2f：%@）", nearest.similarity, quoted)
        }
        if rule.dryRun {
            reason += " [dry run]"
            chinese += "［试运行］"
        }
        return RuleVerdict(
            rule: .classifier, action: rule.dryRun ? .log : rule.action, severity: rule.severity, muteMinutes: rule.muteMinutes,
            reason: reason, chineseReason: chinese, match: text, range: text.startIndex..<text.endIndex)
    }

    /// The standing the threshold is chosen by: messages that went through without a case, and when the
    /// member joined (first seen, when no join was recorded: a member first seen by this message is new) or
    /// last took a new name.
    public static func standing(of member: MemberFacts, record: MemberCaseRecord, at now: Date) -> MemberStanding {
        MemberStanding(
            messagesWithoutCase: max(0, member.messageCount - record.cases),
            joinedAt: member.membership.joinedAt ?? Date(timeIntervalSince1970: member.firstSeen),
            renamedAt: record.renamedAt.map(Date.init(timeIntervalSince1970:)), now: now)
    }
}
