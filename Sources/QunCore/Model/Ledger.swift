import Foundation

public enum LedgerKind: String, Codable, Sendable, CaseIterable {
    case redPacket = "red_packet"
    case reward
    case prize
    case shipping
    case other
}

/// One spend against a campaign budget (a red packet sent, a reward paid, a prize shipped).
public struct LedgerEntry: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64
    public var campaignID: String
    public var kind: LedgerKind
    public var amount: Money
    public var memberID: String?
    public var groupID: String?
    public var note: String?
    public var recordedAt: Date

    public init(
        id: Int64, campaignID: String, kind: LedgerKind, amount: Money, memberID: String? = nil,
        groupID: String? = nil, note: String? = nil, recordedAt: Date
    ) {
        self.id = id
        self.campaignID = campaignID
        self.kind = kind
        self.amount = amount
        self.memberID = memberID
        self.groupID = groupID
        self.note = note
        self.recordedAt = recordedAt
    }
}
