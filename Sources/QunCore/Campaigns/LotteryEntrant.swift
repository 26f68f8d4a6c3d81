import Foundation

/// One member's facts at draw time, as the store knows them (one row per member and target group).
public struct LotteryEntrant: Codable, Hashable, Sendable {
    public var memberID: String
    public var groupID: String
    /// Still a member of the group at draw time (not left, removed or banned).
    public var stillInGroup: Bool
    public var joinedAt: Date?
    /// Messages in the group during the campaign.
    public var messages: Int
    /// Days checked in during the campaign.
    public var checkinDays: Int
    public var role: MemberRole

    public init(
        memberID: String, groupID: String, stillInGroup: Bool = true, joinedAt: Date? = nil, messages: Int = 0,
        checkinDays: Int = 0, role: MemberRole = .member
    ) {
        self.memberID = memberID
        self.groupID = groupID
        self.stillInGroup = stillInGroup
        self.joinedAt = joinedAt
        self.messages = messages
        self.checkinDays = checkinDays
        self.role = role
    }
}

/// Who may win. Every rule must hold; a member who fails one is reported with all the reasons.
public struct LotteryEligibility: Codable, Hashable, Sendable {
    /// Joined the group at or before this instant (keeps out join-for-the-prize accounts); nil: no cutoff.
    public var joinedBefore: Date?
    public var minMessages: Int
    public var minCheckinDays: Int
    /// Owners, admins and service agents cannot win their own lottery.
    public var excludeStaff: Bool

    public init(joinedBefore: Date? = nil, minMessages: Int = 0, minCheckinDays: Int = 0, excludeStaff: Bool = true) {
        self.joinedBefore = joinedBefore
        self.minMessages = minMessages
        self.minCheckinDays = minCheckinDays
        self.excludeStaff = excludeStaff
    }

    public static let everyone = LotteryEligibility(excludeStaff: false)

    /// Why `entrant` cannot win; empty when eligible. Leaving the group always disqualifies.
    public func reasons(for entrant: LotteryEntrant) -> [IneligibleReason] {
        var reasons: [IneligibleReason] = []
        if !entrant.stillInGroup { reasons.append(.leftGroup) }
        if let cutoff = joinedBefore {
            if let joined = entrant.joinedAt {
                if joined > cutoff { reasons.append(.joinedAfterCutoff) }
            } else {
                reasons.append(.joinDateUnknown)
            }
        }
        if entrant.messages < minMessages { reasons.append(.tooFewMessages(have: entrant.messages, need: minMessages)) }
        if entrant.checkinDays < minCheckinDays { reasons.append(.tooFewCheckinDays(have: entrant.checkinDays, need: minCheckinDays)) }
        if excludeStaff, [.owner, .admin, .agent].contains(entrant.role) { reasons.append(.staff) }
        return reasons
    }
}

/// Why an entrant is out of a draw.
public enum IneligibleReason: Codable, Hashable, Sendable, CustomStringConvertible {
    case leftGroup
    case joinedAfterCutoff
    case joinDateUnknown
    case tooFewMessages(have: Int, need: Int)
    case tooFewCheckinDays(have: Int, need: Int)
    case staff
    /// Won an earlier round of this lottery (a re-draw never repeats a winner).
    case alreadyWon

    public var description: String {
        switch self {
        case .leftGroup: return "no longer in the group"
        case .joinedAfterCutoff: return "joined after the cutoff"
        case .joinDateUnknown: return "join date unknown"
        case let .tooFewMessages(have, need): return "\(have) messages, needs \(need)"
        case let .tooFewCheckinDays(have, need): return "\(have) check-in days, needs \(need)"
        case .staff: return "staff cannot win"
        case .alreadyWon: return "already won"
        }
    }
}
