import Foundation

/// What events add to a member's row: counters, names, first and last seen. A store gathers one per member
/// over a transaction (`absorb`) and writes it once: a busy member's fifty messages cost one update, not fifty.
/// Merging gives the row that applying the events one by one would have given.
public struct MemberDelta: Hashable, Sendable {
    /// The first name applied: it names a member whose display name is still their id.
    public var firstName: String?
    /// The newest name by event time (of two at the same second, the later applied) and its time.
    public var newestName: String?
    public var newestNameAt: Double = -.infinity
    public var firstSeen: Double
    public var lastSeen: Double
    public var messages = 0
    public var lastMessageAt: Double?
    public var orders = 0
    public var orderFen: Int64 = 0
    public var claims = 0
    public var checkins = 0
    /// A new check-in day changed the streak: write `MemberFacts.streak` with the counters.
    public var streakChanged = false

    /// What one event adds (check-ins are added by the decision that finds the day new).
    public init(_ event: Event) {
        let ts = event.timestamp.timeIntervalSince1970
        firstSeen = ts
        lastSeen = ts
        if let name = event.memberName, !name.isEmpty {
            firstName = name
            newestName = name
            newestNameAt = ts
        }
        switch event.kind {
        case .message:
            messages = 1
            lastMessageAt = ts
        case .order:
            orders = 1
            orderFen = event.amount?.fen ?? 0
        case .redpacketClaim:
            claims = 1
        default:
            break
        }
    }

    /// Adds what a later-applied event (or batch of them) added.
    public mutating func absorb(_ later: MemberDelta) {
        if firstName == nil { firstName = later.firstName }
        // `>=`: of two names at the same second the later one applied wins, as event by event.
        if let name = later.newestName, later.newestNameAt >= newestNameAt {
            newestName = name
            newestNameAt = later.newestNameAt
        }
        firstSeen = min(firstSeen, later.firstSeen)
        lastSeen = max(lastSeen, later.lastSeen)
        messages += later.messages
        if let at = later.lastMessageAt { lastMessageAt = max(lastMessageAt ?? at, at) }
        orders += later.orders
        orderFen += later.orderFen
        claims += later.claims
        checkins += later.checkins
        streakChanged = streakChanged || later.streakChanged
    }
}
