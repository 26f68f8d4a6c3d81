import Foundation

public enum EventKind: String, Codable, Sendable, CaseIterable {
    case message, join, leave, remove, ban
    case joinRequest = "join_request"
    case rename
    case redpacketClaim = "redpacket_claim"
    case order, checkin
}

/// Money in fen (分), so sums are exact; the feed and the UI speak yuan.
public struct Money: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var fen: Int64
    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Decimal) {
        var scaled = yuan * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        self.fen = NSDecimalNumber(decimal: rounded).int64Value
    }
    public static let zero = Money(fen: 0)
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    /// "12.50" — yuan with two decimals, no currency sign.
    public var yuanString: String {
        let sign = fen < 0 ? "-" : ""
        let a = abs(fen)
        let cents = a % 100
        return "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
    public var description: String { "¥" + yuanString }
}

/// One thing that happened in a group. Append-only; unique on (source, externalID).
public struct Event: Codable, Hashable, Sendable {
    public var source: String
    public var externalID: String
    public var groupID: String
    public var timestamp: Date
    public var kind: EventKind
    public var memberID: String
    public var groupName: String?
    public var groupPlatform: Platform?
    /// IANA zone for a group the store has not seen yet.
    public var groupTimeZoneID: String?
    public var memberName: String?
    /// The member's role when the source knows it (owner, admin, agent).
    public var memberRole: MemberRole?
    public var text: String?
    /// Who added, removed, approved or banned the member.
    public var actorID: String?
    public var via: JoinSource?
    public var replyTo: String?
    public var amount: Money?
    public var campaignID: String?
    /// The source record this event was parsed from (an export's JSON object, a chat line), kept so a
    /// parser fix can be replayed over stored history. nil for feed events, whose fields are the record.
    public var raw: String?

    public init(
        source: String, externalID: String, groupID: String, timestamp: Date, kind: EventKind,
        memberID: String, groupName: String? = nil, groupPlatform: Platform? = nil, groupTimeZoneID: String? = nil, memberName: String? = nil, memberRole: MemberRole? = nil,
        text: String? = nil, actorID: String? = nil, via: JoinSource? = nil, replyTo: String? = nil,
        amount: Money? = nil, campaignID: String? = nil, raw: String? = nil
    ) {
        self.source = source
        self.externalID = externalID
        self.groupID = groupID
        self.timestamp = timestamp
        self.kind = kind
        self.memberID = memberID
        self.groupName = groupName
        self.groupPlatform = groupPlatform
        self.groupTimeZoneID = groupTimeZoneID
        self.memberName = memberName
        self.memberRole = memberRole
        self.text = text
        self.actorID = actorID
        self.via = via
        self.replyTo = replyTo
        self.amount = amount
        self.campaignID = campaignID
        self.raw = raw
    }
}
