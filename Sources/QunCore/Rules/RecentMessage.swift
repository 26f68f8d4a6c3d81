import Foundation

/// A member's earlier message that a rule compares the new one with: the message just before it in the
/// same group (a contact id split over two messages), or one posted in another group (the same spam
/// pasted into several groups). The engine keeps no state; the caller supplies these.
public struct RecentMessage: Sendable, Equatable {
    public var groupID: String
    public var sentAt: Date
    /// The text; may be empty when only the fingerprint is kept (cross-group comparison needs no more).
    public var text: String
    /// `MessageFingerprint.of(text)`.
    public var fingerprint: UInt64?

    public init(text: String, groupID: String, sentAt: Date) {
        self.text = text
        self.groupID = groupID
        self.sentAt = sentAt
        fingerprint = MessageFingerprint.of(text)
    }

    public init(fingerprint: UInt64?, groupID: String, sentAt: Date) {
        text = ""
        self.groupID = groupID
        self.sentAt = sentAt
        self.fingerprint = fingerprint
    }
}

/// What two messages must share to count as the same text: their squeezed, folded form (spaces,
/// punctuation and emoji out; full-width, traditional and look-alikes folded), so 加我微信！ and 加我薇信 🌹
/// differ but 加我微信！ and 加我微信～ do not.
public enum MessageFingerprint {
    /// Shorter texts (好的, 收到, 打卡) are posted everywhere by everyone and prove nothing.
    public static let minimumLength = 8

    public static func of(_ text: String) -> UInt64? { of(FoldedText(text)) }

    static func of(_ folded: FoldedText) -> UInt64? {
        guard folded.core.count >= minimumLength else { return nil }
        return StableHash.fnv1a(folded.coreString)
    }
}
