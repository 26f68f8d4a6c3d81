import Foundation

/// One day of a group's check-ins: how many checked in out of how many members that day.
public struct CheckinDay: Codable, Hashable, Sendable {
    public var day: LocalDay
    public var checkedIn: Int
    public var members: Int
    public var rate: Double { members == 0 ? 0 : Double(checkedIn) / Double(members) }
    public init(day: LocalDay, checkedIn: Int, members: Int) {
        self.day = day
        self.checkedIn = checkedIn
        self.members = members
    }
}

/// A member's check-in on one day, as `qundeck checkins` lists it.
public struct CheckinRecord: Codable, Hashable, Sendable {
    public var memberID: String
    public var name: String
    public var at: Date
    /// Granted by an admin (补签) rather than earned by a message.
    public var makeup: Bool
    public var streak: Int
    public init(memberID: String, name: String, at: Date, makeup: Bool, streak: Int) {
        self.memberID = memberID
        self.name = name
        self.at = at
        self.makeup = makeup
        self.streak = streak
    }
}

/// Invites a member made in one group. A qualified invite is an invitee still in the group seven days
/// after joining who has spoken: referral rewards are paid on those, not on raw joins.
public struct InviteCount: Codable, Hashable, Sendable {
    public var invited: Int
    public var qualified: Int
    public init(invited: Int, qualified: Int) {
        self.invited = invited
        self.qualified = qualified
    }

    public static let qualifyingDays = 7
}

public struct MemberNote: Codable, Hashable, Sendable {
    public var at: Date
    public var author: String
    public var text: String
    public init(at: Date, author: String, text: String) {
        self.at = at
        self.author = author
        self.text = text
    }
}

/// Everything the member detail view and `qundeck member` show about one person in one group.
public struct MemberProfile: Codable, Hashable, Sendable {
    public var member: Member
    public var group: Group
    /// The same person's memberships in other groups (same platform id).
    public var otherGroups: [String]
    public var invites: InviteCount
    public var inviterName: String?
    /// Check-in days in the last 30 days, oldest first.
    public var recentCheckins: [LocalDay]
    public var messagesLast30Days: Int
    public var notes: [MemberNote]
    public var openCases: Int
    public var today: LocalDay
    /// Warnings in force and what the next one would bring on the group's ladder.
    public var activeWarnings: Int = 0
    public var nextPenalty: PenaltyLadder.Penalty?
    /// Why the nickname does not fit the group's format (empty when it fits or there is no format).
    public var nicknameProblems: [String] = []

    public init(
        member: Member, group: Group, otherGroups: [String], invites: InviteCount, inviterName: String?,
        recentCheckins: [LocalDay], messagesLast30Days: Int, notes: [MemberNote], openCases: Int, today: LocalDay
    ) {
        self.member = member
        self.group = group
        self.otherGroups = otherGroups
        self.invites = invites
        self.inviterName = inviterName
        self.recentCheckins = recentCheckins
        self.messagesLast30Days = messagesLast30Days
        self.notes = notes
        self.openCases = openCases
        self.today = today
    }

    public var tier: ValueTier {
        ValueTier.classify(
            orders: member.orderCount, spent: member.orderTotal, qualifiedInvites: invites.qualified,
            messagesLast30Days: messagesLast30Days)
    }
}

/// A member's value to the group from what they buy, whom they bring and how much they take part —
/// the 种子用户 / 老客户 admins reward. Thresholds are per 30 days of chat and lifetime orders.
public enum ValueTier: String, Codable, Sendable, CaseIterable {
    /// Buys repeatedly or brings people in, and takes part: the seed members.
    case core
    /// Buys, or brings people in, or talks a lot.
    case valuable
    /// Present and occasionally active.
    case regular
    /// Silent and has never bought nor invited.
    case dormant

    public static func classify(orders: Int, spent: Money, qualifiedInvites: Int, messagesLast30Days: Int) -> ValueTier {
        let buyer = orders >= 3 || spent.fen >= 50_000
        let referrer = qualifiedInvites >= 3
        let active = messagesLast30Days >= 30
        if (buyer || referrer) && (active || (buyer && referrer)) { return .core }
        if buyer || referrer || orders > 0 && active || messagesLast30Days >= 60 { return .valuable }
        if messagesLast30Days > 0 || orders > 0 || qualifiedInvites > 0 { return .regular }
        return .dormant
    }
}

public enum TopMetric: String, Codable, Sendable, CaseIterable {
    case messages, checkins, invites, orders
}

public struct TopEntry: Codable, Hashable, Sendable {
    public var memberID: String
    public var name: String
    public var value: Int
    /// Orders: total spent; invites: qualified invites.
    public var detail: String?
    public init(memberID: String, name: String, value: Int, detail: String? = nil) {
        self.memberID = memberID
        self.name = name
        self.value = value
        self.detail = detail
    }
}
