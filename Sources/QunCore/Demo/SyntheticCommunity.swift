import Foundation

/// A deterministic community of any size for benchmarks: `groups` groups sharing `members` memberships,
/// `events` events spread over `days` days before `now` in the demo's daily rhythm. Unlike the demo it
/// favours volume over story: mostly messages, with check-ins, joins, leaves, claims and orders mixed in.
public struct SyntheticCommunity: Sendable {
    public let seed: UInt64
    public let events: Int
    public let members: Int
    public let groups: Int
    public let days: Int
    public let now: Date

    public init(seed: UInt64 = 42, events: Int, members: Int, groups: Int, days: Int = 365, now: Date) {
        self.seed = seed
        self.events = max(events, members)
        self.members = max(1, members)
        self.groups = max(1, groups)
        self.days = max(1, days)
        self.now = now
    }

    public static let source = "bench"

    func groupID(_ g: Int) -> String { "bench-\(g)" }

    /// Produces the events in batches of `batchSize`, oldest first; every member's join comes first.
    public func forEachBatch(batchSize: Int = 5_000, _ body: ([Event]) throws -> Void) rethrows {
        var rng = SeededGenerator(seed: seed)
        let start = now.addingTimeInterval(-Double(days) * 86_400)
        let span = now.timeIntervalSince(start)
        var batch: [Event] = []
        batch.reserveCapacity(batchSize)
        var serial = 0
        func emit(_ event: Event) throws {
            batch.append(event)
            if batch.count == batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        // Joins: memberships spread round-robin over the groups, joined during the first tenth of the span.
        for m in 0..<members {
            let g = m % groups
            serial += 1
            let name = DemoNames.surnames[m % DemoNames.surnames.count] + DemoNames.givenNames[(m / 7) % DemoNames.givenNames.count]
            try emit(Event(
                source: Self.source, externalID: "e\(serial)", groupID: groupID(g),
                timestamp: start.addingTimeInterval(span * 0.1 * Double(m) / Double(members)), kind: .join,
                memberID: "u\(m)", groupName: "压测群 \(g + 1) 号", groupPlatform: .wechat, memberName: "城市+社区+\(name)",
                memberRole: m < groups ? .owner : nil, via: .inviteLink))
        }
        let hourTotal = DemoCommunity.hourWeights.reduce(0, +)
        let remaining = events - members
        for i in 0..<remaining {
            serial += 1
            // Time advances steadily with a daily rhythm: pick the day by position, the hour by weight.
            let dayOffset = Double(i) / Double(max(remaining, 1)) * (Double(days) * 0.9) + Double(days) * 0.1
            var pick = Double.random(in: 0..<hourTotal, using: &rng)
            var hour = 0
            while hour < 23, pick >= DemoCommunity.hourWeights[hour] { pick -= DemoCommunity.hourWeights[hour]; hour += 1 }
            var ts = start.addingTimeInterval(floor(dayOffset) * 86_400 + Double(hour) * 3600 + Double.random(in: 0..<3600, using: &rng))
            if ts > now { ts = now }
            let m = Int(pow(Double.random(in: 0..<1, using: &rng), 2) * Double(members))
            let g = m % groups
            let roll = rng.next() % 1000
            var event = Event(source: Self.source, externalID: "e\(serial)", groupID: groupID(g), timestamp: ts, kind: .message, memberID: "u\(m)")
            switch roll {
            case 0..<80: event.text = "早安"
            case 80..<83: event.kind = .leave
            case 83..<100:
                event.kind = .redpacketClaim
                event.amount = Money(fen: Int64(1 + rng.next() % 30))
            case 100..<110:
                event.kind = .order
                event.amount = Money(fen: Int64(990 + rng.next() % 20_000))
            case 110..<112: event.text = "加微信领优惠 vx123"
            default: event.text = DemoNames.communityChat[Int(rng.next() % UInt64(DemoNames.communityChat.count))]
            }
            try emit(event)
        }
        if !batch.isEmpty { try body(batch) }
    }
}
