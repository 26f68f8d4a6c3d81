import Foundation

/// One slot of a red packet taken by a member (an event `redpacket_claim`).
public struct RedPacketClaim: Codable, Hashable, Sendable {
    public var memberID: String
    public var groupID: String
    public var amount: Money
    public var claimedAt: Date
    /// Arrival order in the feed (the store's event sequence); breaks ties between claims in the same instant.
    public var sequence: Int

    public init(memberID: String, groupID: String, amount: Money, claimedAt: Date, sequence: Int = 0) {
        self.memberID = memberID
        self.groupID = groupID
        self.amount = amount
        self.claimedAt = claimedAt
        self.sequence = sequence
    }

    /// The claims naming `campaignID` among `events`, `sequence` being the position in `events`.
    public static func claims(from events: [Event], campaignID: String) -> [RedPacketClaim] {
        events.enumerated().compactMap { index, e in
            guard e.kind == .redpacketClaim, e.campaignID == campaignID, let amount = e.amount else { return nil }
            return RedPacketClaim(memberID: e.memberID, groupID: e.groupID, amount: amount, claimedAt: e.timestamp, sequence: index)
        }
    }
}

/// A red packet sent into a group.
public struct RedPacketDrop: Codable, Hashable, Sendable {
    public var groupID: String
    public var sentAt: Date
    public var amount: Money
    public var slots: Int
    /// The outbox key it was posted under, when qundeck posted it.
    public var idempotencyKey: String?

    public init(groupID: String, sentAt: Date, amount: Money, slots: Int, idempotencyKey: String? = nil) {
        self.groupID = groupID
        self.sentAt = sentAt
        self.amount = amount
        self.slots = slots
        self.idempotencyKey = idempotencyKey
    }
}

/// How a drop went: slots taken, time to empty, the 手气最佳 winner.
public struct RedPacketOutcome: Codable, Hashable, Sendable {
    public var drop: RedPacketDrop
    /// In claim order.
    public var claims: [RedPacketClaim]
    public var bestLuck: RedPacketClaim?

    public var claimedSlots: Int { claims.count }
    public var claimedAmount: Money { claims.reduce(.zero) { $0 + $1.amount } }
    /// What the platform refunds when the packet expires unfinished.
    public var unclaimed: Money { Money(fen: max(0, drop.amount.fen - claimedAmount.fen)) }
    public var isEmptied: Bool { claims.count >= drop.slots }
    /// Seconds from the drop to its last slot being taken; nil while slots remain.
    public var timeToEmpty: TimeInterval? {
        guard isEmptied, let last = claims.last else { return nil }
        return last.claimedAt.timeIntervalSince(drop.sentAt)
    }
}

public enum RedPacketResults {
    /// 手气最佳: the largest share; on a tie, the earliest claim (then the earlier arrival, then the member id).
    public static func bestLuck(_ claims: [RedPacketClaim]) -> RedPacketClaim? {
        claims.min { a, b in
            if a.amount != b.amount { return a.amount > b.amount }
            if a.claimedAt != b.claimedAt { return a.claimedAt < b.claimedAt }
            if a.sequence != b.sequence { return a.sequence < b.sequence }
            return a.memberID.utf8.lexicographicallyPrecedes(b.memberID.utf8)
        }
    }

    /// Matches claims to drops: a claim belongs to the latest drop in its group sent at or before it and at most
    /// `validity` earlier (WeChat packets expire after 24 h). Claims matching no drop are returned apart.
    public static func outcomes(drops: [RedPacketDrop], claims: [RedPacketClaim], validity: TimeInterval = 86_400)
        -> (outcomes: [RedPacketOutcome], unmatched: [RedPacketClaim])
    {
        let sortedDrops = drops.sorted { ($0.sentAt, $0.groupID) < ($1.sentAt, $1.groupID) }
        var buckets = Array(repeating: [RedPacketClaim](), count: sortedDrops.count)
        var unmatched: [RedPacketClaim] = []
        for claim in claims.sorted(by: claimOrder) {
            let index = sortedDrops.indices.last { i in
                let d = sortedDrops[i]
                return d.groupID == claim.groupID && d.sentAt <= claim.claimedAt && claim.claimedAt.timeIntervalSince(d.sentAt) <= validity
            }
            if let index { buckets[index].append(claim) } else { unmatched.append(claim) }
        }
        let outcomes = sortedDrops.indices.map { i in
            RedPacketOutcome(drop: sortedDrops[i], claims: buckets[i], bestLuck: bestLuck(buckets[i]))
        }
        return (outcomes, unmatched)
    }

    /// For feeds that carry claims but not the drops (imports, the demo): claims in one group with less than
    /// `quietGap` between consecutive ones form one drop, sent at its first claim, whose amount and slots are
    /// what was claimed.
    public static func inferredOutcomes(claims: [RedPacketClaim], quietGap: TimeInterval = 600) -> [RedPacketOutcome] {
        var outcomes: [RedPacketOutcome] = []
        let byGroup = Dictionary(grouping: claims, by: \.groupID)
        for group in byGroup.keys.sorted() {
            var current: [RedPacketClaim] = []
            func close() {
                guard let first = current.first else { return }
                let drop = RedPacketDrop(
                    groupID: group, sentAt: first.claimedAt, amount: current.reduce(.zero) { $0 + $1.amount }, slots: current.count)
                outcomes.append(RedPacketOutcome(drop: drop, claims: current, bestLuck: bestLuck(current)))
                current = []
            }
            for claim in byGroup[group]!.sorted(by: claimOrder) {
                if let last = current.last, claim.claimedAt.timeIntervalSince(last.claimedAt) >= quietGap { close() }
                current.append(claim)
            }
            close()
        }
        return outcomes.sorted { ($0.drop.sentAt, $0.drop.groupID) < ($1.drop.sentAt, $1.drop.groupID) }
    }

    static func claimOrder(_ a: RedPacketClaim, _ b: RedPacketClaim) -> Bool {
        if a.claimedAt != b.claimedAt { return a.claimedAt < b.claimedAt }
        return a.sequence < b.sequence
    }
}

extension OutboxItem {
    /// The red packet this item drops (a `send_red_packet` command), as the budget and the claims see it.
    public var redPacketDrop: RedPacketDrop? {
        guard case let .sendRedPacket(_, amount, slots, _) = command else { return nil }
        return RedPacketDrop(groupID: groupID, sentAt: dueAt, amount: amount, slots: slots, idempotencyKey: idempotencyKey)
    }
}
