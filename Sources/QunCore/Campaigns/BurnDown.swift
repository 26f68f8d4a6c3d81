import Foundation

/// One day of a campaign's spend against its budget, for the burn-down chart.
public struct BurnDownPoint: Codable, Hashable, Sendable {
    public var day: LocalDay
    /// Spent on this day.
    public var spent: Money
    /// Spent up to and including this day (entries before the first day count in).
    public var cumulative: Money
    /// Budget − cumulative (negative when over).
    public var remaining: Money
    /// An even pace: budget × (days so far / days in the series), for the "plan" line.
    public var planned: Money
    public var overBudget: Bool
}

public enum BurnDown {
    /// One point per local day from `first` through `last` (days without spend included), days read in `zone`
    /// (the campaign's home zone; a campaign over several zones uses its first group's).
    public static func series(entries: [LedgerEntry], budget: Money, from first: LocalDay, through last: LocalDay, in zone: TimeZone)
        -> [BurnDownPoint]
    {
        guard first <= last else { return [] }
        var perDay: [Int: Int64] = [:]
        var carried: Int64 = 0
        for entry in entries {
            let day = LocalDay(entry.recordedAt, in: zone)
            if day < first { carried += entry.amount.fen } else if day <= last { perDay[day.number, default: 0] += entry.amount.fen }
        }
        let count = last.number - first.number + 1
        var cumulative = carried
        var points: [BurnDownPoint] = []
        for offset in 0..<count {
            let day = first.adding(days: offset)
            let spent = perDay[day.number] ?? 0
            cumulative += spent
            let planned = budget.fen * Int64(offset + 1) / Int64(count)
            points.append(BurnDownPoint(
                day: day, spent: Money(fen: spent), cumulative: Money(fen: cumulative), remaining: Money(fen: budget.fen - cumulative),
                planned: Money(fen: planned), overBudget: cumulative > budget.fen))
        }
        return points
    }

    /// The ledger sum for one campaign.
    public static func spent(_ entries: [LedgerEntry], campaignID: String) -> Money {
        Money(fen: entries.filter { $0.campaignID == campaignID }.reduce(0) { $0 + $1.amount.fen })
    }
}
