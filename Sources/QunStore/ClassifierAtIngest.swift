import Foundation
import GRDB
import QunCore

/// The classifier's part in ingest: a message it finds spam-like becomes one more reason on a case (rule
/// `classifier`), with the group's action — a queue item unless an admin chose otherwise, a log entry in dry
/// run. Who sent it decides the threshold (`ClassifierRule.threshold(for:)`), and that needs the member's
/// history, so it is read only for the few messages that are suspicious at the strictest threshold.
///
/// A message a rule already flagged gets no second case from the classifier: the admin has one item to
/// decide, and the decision teaches the classifier all the same.
enum ClassifierAtIngest {
    static func suspicion(_ assessment: SpamAssessment?, rule: ClassifierRule, isStaff: Bool) -> SpamAssessment? {
        guard let assessment, rule.enabled, !isStaff else { return nil }
        return assessment.isSpam(threshold: min(rule.threshold, rule.strictThreshold)) ? assessment : nil
    }

    static func flag(_ assessment: SpamAssessment, text: String, event: Event, rule: ClassifierRule, in db: Database) throws -> RuleVerdict? {
        guard let threshold = rule.threshold(for: try standing(of: event, in: db)), assessment.isSpam(threshold: threshold) else {
            return nil
        }
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

    /// Messages that went through without a case, and when the member joined or last took a new name.
    private static func standing(of event: Event, in db: Database) throws -> MemberStanding {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT m.message_count, m.joined_at, m.first_seen,
                    (SELECT count(*) FROM moderation_cases c WHERE c.group_id = m.group_id AND c.member_id = m.member_id) AS cases,
                    (SELECT max(e.ts) FROM events e WHERE e.group_id = m.group_id AND e.member_id = m.member_id AND e.kind = 'rename')
                        AS renamed_at
                FROM members m WHERE m.group_id = ? AND m.member_id = ?
                """), arguments: [event.groupID, event.memberID])
        guard let row else { return MemberStanding(messagesWithoutCase: 0, joinedAt: nil, now: event.timestamp) }
        let firstSeen: Double = row["first_seen"]
        // members.name_at moves with every event that carries the name; only a rename event is a new name.
        let renamedAt: Double? = row["renamed_at"]
        let joinedAt: Double? = row["joined_at"]
        return MemberStanding(
            messagesWithoutCase: max(0, (row["message_count"] as Int) - (row["cases"] as Int)),
            // A member first seen by this message is new whether or not a join was recorded.
            joinedAt: Date(timeIntervalSince1970: joinedAt ?? firstSeen),
            renamedAt: renamedAt.map(Date.init(timeIntervalSince1970:)),
            now: event.timestamp)
    }
}
