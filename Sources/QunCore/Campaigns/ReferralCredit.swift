import Foundation

/// What the store knows about an invitee, as of now.
public struct InviteeFacts: Codable, Hashable, Sendable {
    /// When the member left, was removed or banned; nil while still in the group.
    public var leftAt: Date?
    /// Has sent at least one message in the group.
    public var hasSpoken: Bool

    public init(leftAt: Date? = nil, hasSpoken: Bool) {
        self.leftAt = leftAt
        self.hasSpoken = hasSpoken
    }

    public var stillInGroup: Bool { leftAt == nil }
}

/// One invite credited to an inviter.
public struct ReferralInvite: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        /// Stayed the qualifying days and spoke: counts.
        case qualified
        /// Still inside the qualifying days.
        case pending
        /// Left before the qualifying days were over.
        case left
        /// Stayed but never spoke (when speaking is required).
        case silent
    }

    public var inviterID: String
    public var inviteeID: String
    public var groupID: String
    public var joinedAt: Date
    public var status: Status
}

/// One inviter's standing in a referral contest.
public struct ReferrerStanding: Codable, Hashable, Sendable {
    public var inviterID: String
    public var invites: Int
    public var qualified: Int
    public var pending: Int
    /// Reached `requiredInvites` qualified invites.
    public var earnedReward: Bool
    /// Threshold reward (once) plus the per-invite reward for every qualified invite.
    public var rewardOwed: Money
}

/// Referral credit from join events, exact rather than guessed: a join counts for the member who added or
/// invited the newcomer (`actorID`), never for QR-poster joins (no inviter) or approved join requests (the
/// actor is the approving admin), never for oneself, and once per invitee per campaign (the first join in the
/// campaign's target groups and window; re-joining does not re-credit).
public struct ReferralReport: Codable, Hashable, Sendable {
    public var invites: [ReferralInvite]
    /// Most qualified invites first, then most invites, then inviter id.
    public var standings: [ReferrerStanding]

    public var qualifiedInvites: Int { invites.filter { $0.status == .qualified }.count }
    public var pendingInvites: Int { invites.filter { $0.status == .pending }.count }
    public var rewardsOwed: Money { standings.reduce(.zero) { $0 + $1.rewardOwed } }

    public static func evaluate(
        events: [Event], rules: ReferralRules, groupIDs: [String], from start: Date?, through end: Date?,
        facts: [MemberKey: InviteeFacts], now: Date
    ) -> ReferralReport {
        let groups = Set(groupIDs)
        let joins = events.enumerated()
            .filter { _, e in
                e.kind == .join && groups.contains(e.groupID) && (start.map { e.timestamp >= $0 } ?? true)
                    && (end.map { e.timestamp <= $0 } ?? true) && e.timestamp <= now
            }
            .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
            .map(\.element)
        var credited = Set<String>()
        var invites: [ReferralInvite] = []
        let qualifying = TimeInterval(rules.qualifyingDays) * 86_400
        for join in joins {
            guard let inviter = join.actorID, !inviter.isEmpty, inviter != join.memberID,
                join.via != .qr, join.via != .request, !credited.contains(join.memberID)
            else { continue }
            credited.insert(join.memberID)
            let fact = facts[MemberKey(groupID: join.groupID, memberID: join.memberID)] ?? InviteeFacts(hasSpoken: false)
            let deadline = join.timestamp.addingTimeInterval(qualifying)
            let status: ReferralInvite.Status
            if let left = fact.leftAt, left < deadline {
                status = .left
            } else if now < deadline {
                status = .pending
            } else if rules.mustHaveSpoken && !fact.hasSpoken {
                status = .silent
            } else {
                status = .qualified
            }
            invites.append(ReferralInvite(inviterID: inviter, inviteeID: join.memberID, groupID: join.groupID, joinedAt: join.timestamp, status: status))
        }
        let byInviter = Dictionary(grouping: invites, by: \.inviterID)
        let standings = byInviter.map { inviter, list -> ReferrerStanding in
            let qualified = list.filter { $0.status == .qualified }.count
            let earned = rules.requiredInvites > 0 && qualified >= rules.requiredInvites
            let owed = (earned ? rules.reward.fen : 0) + rules.perInviteReward.fen * Int64(qualified)
            return ReferrerStanding(
                inviterID: inviter, invites: list.count, qualified: qualified, pending: list.filter { $0.status == .pending }.count,
                earnedReward: earned, rewardOwed: Money(fen: owed))
        }
        .sorted { a, b in
            if a.qualified != b.qualified { return a.qualified > b.qualified }
            if a.invites != b.invites { return a.invites > b.invites }
            return a.inviterID < b.inviterID
        }
        return ReferralReport(invites: invites, standings: standings)
    }
}
