import Foundation

/// A contact id or phone number split over two consecutive messages from one member (加我微 / 信abc888,
/// 138 1234 / 5678), so that neither message alone shows it. Reported as an `ad` flag on the second
/// message, with the ad rule's action.
public enum SplitContact {
    /// The two halves must follow each other this closely.
    public static let window: TimeInterval = 120
    /// Halves are short: a long message that happens to end in 加我 is not half of an id.
    public static let maximumHalf = 40

    static func flag(previous: RecentMessage, input: MessageInput, rule: AdRule) -> RuleVerdict? {
        guard let sentAt = input.sentAt, previous.groupID == input.groupID, !previous.text.isEmpty else { return nil }
        let gap = sentAt.timeIntervalSince(previous.sentAt)
        guard gap >= 0, gap <= window, previous.text.count <= maximumHalf, input.text.count <= maximumHalf else { return nil }
        let combined = previous.text + input.text
        let folded = FoldedText(combined)
        guard let ad = AdDetector.find(in: folded, links: LinkDetector.detect(in: folded), checkPhoneNumbers: rule.phoneNumbers) else {
            return nil
        }
        let span = folded.originalRange(folded: ad.span.lowerBound, through: ad.span.upperBound)
        let boundary = combined.utf8.index(combined.startIndex, offsetBy: previous.text.utf8.count)
        // Only what the join made: a finding wholly inside one half is that half's own business.
        guard span.lowerBound < boundary, span.upperBound > boundary else { return nil }
        let end = input.text.utf8.index(input.text.startIndex, offsetBy: combined.utf8.distance(from: boundary, to: span.upperBound))
        let range = input.text.startIndex..<end
        let shown = String(combined[span])
        return RuleVerdict(
            rule: .ad, action: rule.action, severity: rule.severity ?? ad.severity, muteMinutes: rule.muteMinutes,
            reason: "\(ad.reason), split over two messages ('\(shown)')",
            chineseReason: "\(ad.chineseReason)（分两条消息发送：“\(shown)”）", match: String(input.text[range]), range: range)
    }
}
