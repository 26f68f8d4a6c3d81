import Foundation

/// What events add to one hour of a group's activity (`activity_hourly`).
public struct ActivityCounts: Hashable, Sendable {
    public var messages = 0, joins = 0, leaves = 0, removes = 0, bans = 0, checkins = 0, claims = 0, orders = 0
    public var orderFen: Int64 = 0

    public init() {}

    public mutating func add(_ other: ActivityCounts) {
        messages += other.messages
        joins += other.joins
        leaves += other.leaves
        removes += other.removes
        bans += other.bans
        checkins += other.checkins
        claims += other.claims
        orders += other.orders
        orderFen += other.orderFen
    }
}

/// One event's share of its hour: the group, the hour since the epoch (UTC) and the counts.
public struct HourlyIncrement: Hashable, Sendable {
    public var groupID: String
    public var hour: Int
    /// When the event happened: the hour's local day and hour are worked out from it.
    public var at: Date
    public var counts: ActivityCounts

    public init(groupID: String, at: Date, counts: ActivityCounts = ActivityCounts()) {
        self.groupID = groupID
        self.hour = Int((at.timeIntervalSince1970 / 3600).rounded(.down))
        self.at = at
        self.counts = counts
    }

    /// The event's count; nil for events the hourly activity does not show (join requests, renames) and
    /// for explicit check-ins, which count once per member and day when the check-in is new.
    public init?(_ event: Event) {
        var counts = ActivityCounts()
        switch event.kind {
        case .message: counts.messages = 1
        case .join: counts.joins = 1
        case .leave: counts.leaves = 1
        case .remove: counts.removes = 1
        case .ban: counts.bans = 1
        case .redpacketClaim: counts.claims = 1
        case .order:
            counts.orders = 1
            counts.orderFen = event.amount?.fen ?? 0
        case .joinRequest, .rename, .checkin: return nil
        }
        self.init(groupID: event.groupID, at: event.timestamp, counts: counts)
    }
}

/// The hourly increments of a transaction, summed per group and hour and written once at its end: 100,000
/// messages touch a few hundred hourly rows, not 100,000 times.
public struct HourlyRollup: Sendable {
    public struct Key: Hashable, Sendable {
        public var groupID: String
        public var hour: Int
    }

    public struct Row: Hashable, Sendable {
        public var localDay: Int
        public var localHour: Int
        public var counts: ActivityCounts
    }

    public private(set) var rows: [Key: Row] = [:]

    public init() {}

    /// Adds the increment; the row's local day and hour come from the first increment of its hour (the zone
    /// offset lookup is not free at a million events).
    public mutating func add(_ increment: HourlyIncrement, zone: TimeZone) {
        let key = Key(groupID: increment.groupID, hour: increment.hour)
        if rows[key] == nil {
            rows[key] = Row(
                localDay: LocalDay(increment.at, in: zone).number, localHour: localHour(of: increment.at, in: zone), counts: increment.counts)
        } else {
            rows[key]!.counts.add(increment.counts)
        }
    }

    public var isEmpty: Bool { rows.isEmpty }

    public mutating func removeAll() { rows.removeAll() }
}
