import Foundation

/// A member who won, in the order drawn.
public struct LotteryWinner: Codable, Hashable, Sendable {
    public var memberID: String
    /// The group the prize is announced in (the first group, by id, where the member is eligible).
    public var groupID: String
    /// 1 for the first draw, 2 for the first re-draw, …
    public var round: Int
    /// 1-based position within the round.
    public var position: Int

    public init(memberID: String, groupID: String, round: Int, position: Int) {
        self.memberID = memberID
        self.groupID = groupID
        self.round = round
        self.position = position
    }
}

/// A member kept out of a draw, with every reason.
public struct IneligibleEntrant: Codable, Hashable, Sendable {
    public var memberID: String
    public var groupID: String
    public var reasons: [IneligibleReason]

    public init(memberID: String, groupID: String, reasons: [IneligibleReason]) {
        self.memberID = memberID
        self.groupID = groupID
        self.reasons = reasons
    }
}

/// A fair, reproducible lottery draw.
///
/// Reproduce a draw from its record: take the eligible members, one ticket per member id, sort the ids by their
/// UTF-8 bytes (`pool`), seed `SeededGenerator(seed:)` with the recorded seed, and run a partial Fisher–Yates
/// shuffle: for i in 0..<k, j = i + UniformRandom.index(below: pool.count − i), swap pool[i] and pool[j];
/// the winners are pool[0..<k] in that order. Input order never matters; the same seed and the same entrant
/// facts always give the same winners.
public struct LotteryDraw: Codable, Hashable, Sendable {
    public var seed: UInt64
    public var round: Int
    public var requested: Int
    public var winners: [LotteryWinner]
    /// The eligible member ids in the order the shuffle started from (sorted by UTF-8 bytes).
    public var pool: [String]
    /// Members kept out, with why (left the group, joined too late, too few messages, already won …).
    public var ineligible: [IneligibleEntrant]
    /// Winners of earlier rounds, excluded from this one.
    public var previousWinners: [String]

    /// Prizes that could not be given because the pool was too small.
    public var shortfall: Int { requested - winners.count }

    /// Winners of this round and every earlier round.
    public var allWinnerIDs: Set<String> { Set(previousWinners).union(winners.map(\.memberID)) }

    /// Draws `count` winners among `entrants` who meet `eligibility`, excluding `previousWinners`.
    public static func draw(
        entrants: [LotteryEntrant], eligibility: LotteryEligibility, winners count: Int, seed: UInt64, round: Int = 1,
        excluding previousWinners: Set<String> = []
    ) -> LotteryDraw {
        // One ticket per member: eligible through any of their rows.
        var eligibleGroup: [String: String] = [:]
        var reasonsByMember: [String: (group: String, reasons: [IneligibleReason])] = [:]
        for row in entrants.sorted(by: Self.rowOrder) {
            var reasons = eligibility.reasons(for: row)
            if previousWinners.contains(row.memberID) { reasons.insert(.alreadyWon, at: 0) }
            if reasons.isEmpty {
                if eligibleGroup[row.memberID] == nil { eligibleGroup[row.memberID] = row.groupID }
            } else {
                var entry = reasonsByMember[row.memberID] ?? (group: row.groupID, reasons: [])
                for r in reasons where !entry.reasons.contains(r) { entry.reasons.append(r) }
                reasonsByMember[row.memberID] = entry
            }
        }
        var pool = eligibleGroup.keys.sorted(by: Self.byteOrder)
        let ineligible = reasonsByMember.filter { eligibleGroup[$0.key] == nil }
            .map { IneligibleEntrant(memberID: $0.key, groupID: $0.value.group, reasons: $0.value.reasons) }
            .sorted { Self.byteOrder($0.memberID, $1.memberID) }

        let startingPool = pool
        var rng = SeededGenerator(seed: seed)
        let k = max(0, min(count, pool.count))
        for i in 0..<k {
            let j = i + UniformRandom.index(below: pool.count - i, using: &rng)
            pool.swapAt(i, j)
        }
        let winners = (0..<k).map { i in
            LotteryWinner(memberID: pool[i], groupID: eligibleGroup[pool[i]]!, round: round, position: i + 1)
        }
        return LotteryDraw(
            seed: seed, round: round, requested: max(0, count), winners: winners, pool: startingPool, ineligible: ineligible,
            previousWinners: previousWinners.sorted(by: Self.byteOrder))
    }

    /// A re-draw (a winner did not claim, or left): `count` more winners with a new recorded seed, never
    /// repeating a winner of this or any earlier round, against the entrants' facts as they are now.
    public func redraw(entrants: [LotteryEntrant], eligibility: LotteryEligibility, winners count: Int, seed: UInt64) -> LotteryDraw {
        LotteryDraw.draw(entrants: entrants, eligibility: eligibility, winners: count, seed: seed, round: round + 1, excluding: allWinnerIDs)
    }

    /// A seed anyone can check, derived from public text agreed on before the draw (e.g. the day's closing
    /// index, "2026-12-12 上证 3388.25"): FNV-1a 64 over the UTF-8 bytes.
    public static func seed(fromPublicText text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func rowOrder(_ a: LotteryEntrant, _ b: LotteryEntrant) -> Bool {
        if a.memberID != b.memberID { return byteOrder(a.memberID, b.memberID) }
        return byteOrder(a.groupID, b.groupID)
    }
}

extension LotteryDraw {
    /// Stable JSON (sorted keys) for the store's `lottery_draws.draw_json`.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func fromJSON(_ json: String) throws -> LotteryDraw {
        try JSONDecoder().decode(LotteryDraw.self, from: Data(json.utf8))
    }
}
