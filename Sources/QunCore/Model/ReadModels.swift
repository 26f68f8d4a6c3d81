import Foundation

/// Read models: what the panes and listing commands show. Plain values, so views render them
/// in tests without a store.

public enum Trend: String, Codable, Sendable {
    case rising, steady, falling
}

public struct GroupActivity: Codable, Hashable, Sendable, Identifiable {
    public var group: Group
    public var members: Int
    public var activeToday: Int
    public var messagesLastHour: Int
    public var messagesToday: Int
    public var joinsToday: Int
    /// Leaves, removals and bans today.
    public var leavesToday: Int
    /// Messages in each of the last 24 hours, oldest first; the last is the current hour.
    public var hourly: [Int]
    /// Average messages per hour at these hours of the day over the previous 14 days.
    public var baselineLast3Hours: Double
    public var messagesLast3Hours: Int
    public var lastMessageAt: Date?
    /// When the owner last spoke; nil when the owner is unknown or never spoke.
    public var ownerLastMessageAt: Date?

    public var id: String { group.id }

    /// An owner silent for three days or more: the group is left to itself.
    public func isOwnerSilent(now: Date) -> Bool {
        guard group.ownerID != nil else { return false }
        guard let last = ownerLastMessageAt else { return true }
        return now.timeIntervalSince(last) >= 3 * 86_400
    }

    public init(
        group: Group, members: Int, activeToday: Int, messagesLastHour: Int, messagesToday: Int, joinsToday: Int,
        leavesToday: Int, hourly: [Int], baselineLast3Hours: Double, messagesLast3Hours: Int, lastMessageAt: Date?
    ) {
        self.group = group
        self.members = members
        self.activeToday = activeToday
        self.messagesLastHour = messagesLastHour
        self.messagesToday = messagesToday
        self.joinsToday = joinsToday
        self.leavesToday = leavesToday
        self.hourly = hourly
        self.baselineLast3Hours = baselineLast3Hours
        self.messagesLast3Hours = messagesLast3Hours
        self.lastMessageAt = lastMessageAt
    }

    public var trend: Trend { ActivitySignal.trend(recent: Double(messagesLast3Hours), baseline: baselineLast3Hours) }
    public var isGoingQuiet: Bool { ActivitySignal.isGoingQuiet(recent: Double(messagesLast3Hours), baseline: baselineLast3Hours) }
}

/// Compares recent activity with the group's own baseline at the same hours.
public enum ActivitySignal {
    /// Below this many messages per 3 hours a group has no baseline worth judging against.
    static let minimumBaseline = 6.0

    public static func trend(recent: Double, baseline: Double) -> Trend {
        guard baseline >= 1 else { return recent > 0 ? .rising : .steady }
        let ratio = recent / baseline
        if ratio >= 1.3 { return .rising }
        if ratio <= 0.7 { return .falling }
        return .steady
    }

    public static func isGoingQuiet(recent: Double, baseline: Double) -> Bool {
        baseline >= minimumBaseline && recent < baseline * 0.4
    }
}

public struct GroupStats: Encodable, Hashable, Sendable {
    public var groupID: String
    public var name: String
    public var platform: Platform
    public var timeZoneID: String
    public var members: Int
    public var activeToday: Int
    public var messages: Int
    public var joins: Int
    public var leaves: Int
    public var removes: Int
    public var bans: Int
    public var checkins: Int
    public var redpacketClaims: Int
    public var orders: Int
    public var pendingRequests: Int
    /// Messages by local hour of day (0–23) in the group's time zone.
    public var messagesByHour: [Int]
    /// Joins minus leaves, removals and bans over the period.
    public var netGrowth: Int { joins - leaves - removes - bans }

    public init(
        groupID: String, name: String, platform: Platform, timeZoneID: String, members: Int, activeToday: Int,
        messages: Int, joins: Int, leaves: Int, removes: Int, bans: Int, checkins: Int, redpacketClaims: Int,
        orders: Int, pendingRequests: Int, messagesByHour: [Int]
    ) {
        self.groupID = groupID
        self.name = name
        self.platform = platform
        self.timeZoneID = timeZoneID
        self.members = members
        self.activeToday = activeToday
        self.messages = messages
        self.joins = joins
        self.leaves = leaves
        self.removes = removes
        self.bans = bans
        self.checkins = checkins
        self.redpacketClaims = redpacketClaims
        self.orders = orders
        self.pendingRequests = pendingRequests
        self.messagesByHour = messagesByHour
    }

    enum CodingKeys: String, CodingKey {
        case groupID, name, platform, timeZoneID, members, activeToday, messages, joins, leaves, removes, bans, checkins
        case redpacketClaims, orders, pendingRequests, messagesByHour, netGrowth
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(groupID, forKey: .groupID)
        try c.encode(name, forKey: .name)
        try c.encode(platform, forKey: .platform)
        try c.encode(timeZoneID, forKey: .timeZoneID)
        try c.encode(members, forKey: .members)
        try c.encode(activeToday, forKey: .activeToday)
        try c.encode(messages, forKey: .messages)
        try c.encode(joins, forKey: .joins)
        try c.encode(leaves, forKey: .leaves)
        try c.encode(removes, forKey: .removes)
        try c.encode(bans, forKey: .bans)
        try c.encode(netGrowth, forKey: .netGrowth)
        try c.encode(checkins, forKey: .checkins)
        try c.encode(redpacketClaims, forKey: .redpacketClaims)
        try c.encode(orders, forKey: .orders)
        try c.encode(pendingRequests, forKey: .pendingRequests)
        try c.encode(messagesByHour, forKey: .messagesByHour)
    }
}

public struct GroupCheckinRate: Codable, Hashable, Sendable, Identifiable {
    public var group: Group
    public var checkedInToday: Int
    public var checkedInYesterday: Int
    public var members: Int
    /// Check-ins on each of the last 14 local days, today last.
    public var lastDays: [Int]
    public var id: String { group.id }
    public var rate: Double { members == 0 ? 0 : Double(checkedInToday) / Double(members) }

    public init(group: Group, checkedInToday: Int, checkedInYesterday: Int, members: Int, lastDays: [Int] = []) {
        self.group = group
        self.checkedInToday = checkedInToday
        self.checkedInYesterday = checkedInYesterday
        self.members = members
        self.lastDays = lastDays
    }
}

public struct CheckinMemberRow: Codable, Hashable, Sendable {
    public var member: Member
    public var groupName: String
    public var today: LocalDay
    public var atRisk: Bool { member.streakAtRisk(today: today) }
    public var checkedInToday: Bool { member.lastCheckinDay == today }
    public var currentStreak: Int { member.currentStreak(today: today) }

    public init(member: Member, groupName: String, today: LocalDay) {
        self.member = member
        self.groupName = groupName
        self.today = today
    }
}

/// A queue item with what the list shows beside it.
public struct ModerationQueueRow: Codable, Hashable, Sendable, Identifiable {
    public var item: ModerationCase
    public var groupName: String
    public var memberName: String
    /// The member's other cases in this group (open or resolved, earlier or later): every item of a repeat
    /// offender rises in the queue, not just the latest.
    public var priorCases: Int
    public var messageText: String?
    public var id: Int64 { item.id }

    public init(item: ModerationCase, groupName: String, memberName: String, priorCases: Int, messageText: String?) {
        self.item = item
        self.groupName = groupName
        self.memberName = memberName
        self.priorCases = priorCases
        self.messageText = messageText
    }
}

public struct CampaignRow: Codable, Hashable, Sendable, Identifiable {
    public var campaign: Campaign
    public var progress: CampaignProgress
    public var groupNames: [String]
    public var id: String { campaign.id }

    public init(campaign: Campaign, progress: CampaignProgress, groupNames: [String]) {
        self.campaign = campaign
        self.progress = progress
        self.groupNames = groupNames
    }
}

/// One message shown as context around a flagged item.
public struct ContextMessage: Codable, Hashable, Sendable {
    public var timestamp: Date
    public var memberID: String
    public var memberName: String
    public var kind: EventKind
    public var text: String?
    public var isSubject: Bool

    public init(timestamp: Date, memberID: String, memberName: String, kind: EventKind, text: String?, isSubject: Bool) {
        self.timestamp = timestamp
        self.memberID = memberID
        self.memberName = memberName
        self.kind = kind
        self.text = text
        self.isSubject = isSubject
    }
}
