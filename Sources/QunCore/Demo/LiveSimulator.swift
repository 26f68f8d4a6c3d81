import Foundation

/// Invents live activity for whatever groups and members a store holds, in the rhythm of the local
/// hour: check-ins in the morning, chat weighted to the peaks, now and then a join, a join request, a
/// leave or a spam line for the rules to catch. Pure: the caller supplies the clock and the randomness.
public struct LiveSimulator: Sendable {
    public struct Roster: Sendable {
        public var group: Group
        public var members: [Member]
        public init(group: Group, members: [Member]) {
            self.group = group
            self.members = members
        }
    }

    public let rosters: [Roster]
    public let source: String
    private var serial: Int = 0
    private var rng: SeededGenerator
    private let runID: String

    public init(rosters: [Roster], seed: UInt64, source: String = "sim") {
        self.rosters = rosters.filter { !$0.members.isEmpty }
        self.source = source
        self.rng = SeededGenerator(seed: seed)
        self.runID = String(seed, radix: 36)
    }

    /// `count` events stamped around `now` (spread over the last `spread` seconds).
    public mutating func next(count: Int, now: Date, spread: TimeInterval = 1) -> [Event] {
        guard !rosters.isEmpty else { return [] }
        var events: [Event] = []
        for _ in 0..<count {
            let roster = pickRoster(now: now)
            let at = now.addingTimeInterval(-Double.random(in: 0..<max(spread, 0.001), using: &rng))
            events.append(event(in: roster, at: at))
        }
        return events.sorted { $0.timestamp < $1.timestamp }
    }

    private mutating func pickRoster(now: Date) -> Roster {
        // Groups that are awake get more traffic; a quiet group stays quiet.
        let weights = rosters.map { r -> Double in
            let hour = localHour(of: now, in: r.group.timeZone)
            return DemoCommunity.hourWeights[hour] * Double(max(1, r.members.count))
        }
        var pick = Double.random(in: 0..<max(weights.reduce(0, +), 0.0001), using: &rng)
        for (i, w) in weights.enumerated() {
            pick -= w
            if pick <= 0 { return rosters[i] }
        }
        return rosters[rosters.count - 1]
    }

    private mutating func event(in roster: Roster, at: Date) -> Event {
        serial += 1
        let group = roster.group
        let active = roster.members.filter { $0.status == .active && $0.role != .pending }
        let member = (active.isEmpty ? roster.members : active).randomElement(using: &rng)!
        var event = Event(
            source: source, externalID: "\(runID)-\(serial)", groupID: group.id, timestamp: at, kind: .message,
            memberID: member.memberID, memberName: member.shownName)
        let hour = localHour(of: at, in: group.timeZone)
        let roll = Double.random(in: 0..<1, using: &rng)
        switch roll {
        case ..<0.015:
            event.kind = .joinRequest
            event.memberID = "\(group.platform.rawValue)-live\(runID)\(serial)"
            event.memberName = DemoNames.surnames.randomElement(using: &rng)! + DemoNames.givenNames.randomElement(using: &rng)!
            event.via = .request
            event.text = DemoNames.joinRequestNotes.randomElement(using: &rng)!
        case ..<0.035:
            event.kind = .join
            event.memberID = "\(group.platform.rawValue)-live\(runID)\(serial)"
            event.memberName = "新人" + DemoNames.surnames.randomElement(using: &rng)! + DemoNames.givenNames.randomElement(using: &rng)!
            event.via = .inviteLink
            event.actorID = member.memberID
        case ..<0.045:
            event.kind = member.role == .member ? .leave : .message
            event.text = event.kind == .message ? "👍" : nil
        case ..<0.06:
            event.text = DemoNames.spamLines.randomElement(using: &rng)!
        case ..<0.09:
            event.kind = .redpacketClaim
            event.amount = Money(fen: Int64.random(in: 1...40, using: &rng))
        default:
            if (6...9).contains(hour), Double.random(in: 0..<1, using: &rng) < 0.5 {
                event.text = DemoNames.checkinLines.randomElement(using: &rng)!.replacingOccurrences(of: "%d", with: "\(Int.random(in: 2...40, using: &rng))")
            } else {
                event.text = (DemoNames.communityChat + DemoNames.cyclingChat).randomElement(using: &rng)!
            }
        }
        return event
    }
}
