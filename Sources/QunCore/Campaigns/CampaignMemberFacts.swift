import Foundation

/// One member of a campaign's target group as the store knows it: what lotteries draw from and what rewards
/// (invites, first orders) and announcements need.
public struct CampaignMemberFacts: Hashable, Sendable {
    public var groupID: String
    public var memberID: String
    public var role: MemberRole
    public var status: MemberStatus
    public var statusAt: Date
    public var joinedAt: Date?
    public var messageCount: Int
    public var checkinCount: Int
    /// The group nickname, else the display name: how announcements @-mention the member.
    public var name: String?

    public init(
        groupID: String, memberID: String, role: MemberRole, status: MemberStatus, statusAt: Date, joinedAt: Date?, messageCount: Int,
        checkinCount: Int, name: String?
    ) {
        self.groupID = groupID
        self.memberID = memberID
        self.role = role
        self.status = status
        self.statusAt = statusAt
        self.joinedAt = joinedAt
        self.messageCount = messageCount
        self.checkinCount = checkinCount
        self.name = name
    }

    public var key: MemberKey { MemberKey(groupID: groupID, memberID: memberID) }

    /// The member as a lottery entrant: in the group while active or muted and past the join request.
    public var entrant: LotteryEntrant {
        LotteryEntrant(
            memberID: memberID, groupID: groupID, stillInGroup: (status == .active || status == .muted) && role != .pending,
            joinedAt: joinedAt, messages: messageCount, checkinDays: checkinCount, role: role)
    }

    /// The member as an invitee: when they left (left, removed or banned) and whether they ever spoke.
    public var invitee: InviteeFacts {
        let gone = status == .left || status == .removed || status == .banned
        return InviteeFacts(leftAt: gone ? statusAt : nil, hasSpoken: messageCount > 0)
    }
}
