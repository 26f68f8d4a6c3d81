import Foundation

public enum MemberRole: String, Codable, Sendable, CaseIterable {
    case owner, admin, agent, member, pending
}

public enum MemberStatus: String, Codable, Sendable, CaseIterable {
    case active, left, removed, banned, muted
}

public enum MemberTag: String, Codable, Sendable, CaseIterable {
    case seed, loyal, koc, vip, problem
}

/// How a member came in; referral credit and poster tracking depend on it.
public enum JoinSource: String, Codable, Sendable, CaseIterable {
    case inviteLink = "invite_link"
    case added
    case qr
    case request
}

/// One person's membership of one group. Ids are per platform and stable; names change.
public struct Member: Codable, Hashable, Sendable {
    public var groupID: String
    public var memberID: String
    public var displayName: String
    /// The group nickname (群昵称), checked against the group's nickname format.
    public var nickname: String?
    public var role: MemberRole
    public var status: MemberStatus
    public var mutedUntil: Date?
    public var tags: Set<MemberTag>
    public var inviterID: String?
    public var joinSource: JoinSource?
    public var joinedAt: Date?
    public var firstSeen: Date
    public var lastSeen: Date
    public var messageCount: Int
    /// Consecutive check-in days ending at `lastCheckinDay`; see `CheckinStreak.current` for today's view.
    public var checkinStreak: Int
    public var longestStreak: Int
    public var lastCheckinDay: LocalDay?
    public var lastMessageAt: Date?
    public var checkinCount: Int = 0
    public var orderCount: Int = 0
    public var orderTotal: Money = .zero
    public var claimCount: Int = 0

    public init(
        groupID: String, memberID: String, displayName: String, nickname: String? = nil,
        role: MemberRole = .member, status: MemberStatus = .active, mutedUntil: Date? = nil,
        tags: Set<MemberTag> = [], inviterID: String? = nil, joinSource: JoinSource? = nil,
        joinedAt: Date? = nil, firstSeen: Date, lastSeen: Date, messageCount: Int = 0,
        checkinStreak: Int = 0, longestStreak: Int = 0, lastCheckinDay: LocalDay? = nil
    ) {
        self.groupID = groupID
        self.memberID = memberID
        self.displayName = displayName
        self.nickname = nickname
        self.role = role
        self.status = status
        self.mutedUntil = mutedUntil
        self.tags = tags
        self.inviterID = inviterID
        self.joinSource = joinSource
        self.joinedAt = joinedAt
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.messageCount = messageCount
        self.checkinStreak = checkinStreak
        self.longestStreak = longestStreak
        self.lastCheckinDay = lastCheckinDay
    }

    /// The status as of `now`: a mute whose end has passed is over, even before anything else touches the row.
    public func status(at now: Date) -> MemberStatus {
        if status == .muted, let until = mutedUntil, until <= now { return .active }
        return status
    }

    /// The name admins see: the group nickname when set, else the display name.
    public var shownName: String { nickname.flatMap { $0.isEmpty ? nil : $0 } ?? displayName }

    /// The streak as of `today`: a streak whose last check-in is older than yesterday is broken.
    public func currentStreak(today: LocalDay) -> Int {
        guard let last = lastCheckinDay, last.number >= today.number - 1 else { return 0 }
        return checkinStreak
    }

    /// Checked in yesterday but not yet today: the member to nudge.
    public func streakAtRisk(today: LocalDay) -> Bool {
        lastCheckinDay?.number == today.number - 1 && checkinStreak > 0
    }
}
