import Foundation

/// What ingest knows of a member when an event arrives: the stored row's membership and the facts the rules
/// and the check-in streak need, with every event applied before this one counted. Times are epoch seconds,
/// as the stores keep them, so a bound computed here is the one the store compares against.
public struct MemberFacts: Hashable, Sendable {
    public var membership: MembershipState
    public var firstSeen: Double
    /// The newest message time: when it is older than the flood window the member cannot be flooding, and
    /// the look-back is skipped.
    public var lastMessageAt: Double?
    /// Messages counted so far (the classifier trusts members with many messages and few cases).
    public var messageCount: Int
    public var streak: StreakState

    public init(membership: MembershipState, firstSeen: Double, lastMessageAt: Double? = nil, messageCount: Int = 0, streak: StreakState = StreakState()) {
        self.membership = membership
        self.firstSeen = firstSeen
        self.lastMessageAt = lastMessageAt
        self.messageCount = messageCount
        self.streak = streak
    }

    /// The row a store creates for a member it first sees in `event`: an active member since then.
    public static func firstSight(_ event: Event) -> MemberFacts {
        MemberFacts(membership: MembershipState(role: .member, status: .active, statusAt: event.timestamp), firstSeen: event.timestamp.timeIntervalSince1970)
    }

    /// Owners, admins and agents: the rules and the classifier spare them.
    public var isStaff: Bool {
        switch membership.role {
        case .owner, .admin, .agent: true
        default: false
        }
    }

    /// The facts after `event` is counted (membership aside, which `MembershipTransition` decides).
    mutating func count(_ event: Event) {
        let ts = event.timestamp.timeIntervalSince1970
        firstSeen = min(firstSeen, ts)
        if event.kind == .message {
            messageCount += 1
            lastMessageAt = max(lastMessageAt ?? ts, ts)
        }
    }
}
