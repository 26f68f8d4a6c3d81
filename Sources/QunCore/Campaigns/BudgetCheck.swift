import Foundation

/// Whether a spend fits the budget. A campaign whose next spend would exceed its budget stops (the scheduler
/// pauses it) and says so with `message`.
public struct BudgetCheck: Hashable, Sendable {
    public enum Decision: Hashable, Sendable {
        /// Fits; `remaining` is what is left after it.
        case allow(remaining: Money)
        /// Does not fit; `shortfall` is how much more budget it needs.
        case wouldExceed(shortfall: Money)
    }

    public var budget: Money
    /// The ledger sum so far.
    public var spent: Money
    /// Committed but not yet in the ledger (drops queued or still being claimed; see docs/campaigns.md).
    public var reserved: Money
    public var proposed: Money

    public init(budget: Money, spent: Money, reserved: Money = .zero, proposed: Money) {
        self.budget = budget
        self.spent = spent
        self.reserved = reserved
        self.proposed = proposed
    }

    /// Spending exactly up to the budget is allowed; one fen more is not. A zero budget allows only zero spends.
    public var decision: Decision {
        let after = spent.fen + reserved.fen + max(0, proposed.fen)
        return after <= budget.fen ? .allow(remaining: Money(fen: budget.fen - after)) : .wouldExceed(shortfall: Money(fen: after - budget.fen))
    }

    public var allows: Bool {
        if case .allow = decision { return true }
        return false
    }

    /// Before the spend: budget − spent − reserved (negative when already over).
    public var remaining: Money { Money(fen: budget.fen - spent.fen - reserved.fen) }

    /// "budget: ¥2.50 would exceed ¥60.00 (spent ¥58.00, reserved ¥0.00, short ¥0.50)", or nil when it fits.
    public var message: String? {
        guard case let .wouldExceed(shortfall) = decision else { return nil }
        return "budget: \(proposed) would exceed \(budget) (spent \(spent), reserved \(reserved), short \(shortfall))"
    }
}

/// Spend divided by results, rounded to the nearest fen (halves up); nil when there are no results.
public struct CostPerResult: Codable, Hashable, Sendable {
    public var metric: CampaignMetric
    public var results: Int
    public var spent: Money
    public var cost: Money?

    public init(metric: CampaignMetric, results: Int, spent: Money) {
        self.metric = metric
        self.results = results
        self.spent = spent
        self.cost = CostPerResult.divide(spent, by: results)
    }

    public static func divide(_ spent: Money, by results: Int) -> Money? {
        guard results > 0 else { return nil }
        let n = Int64(results)
        let fen = spent.fen >= 0 ? (spent.fen * 2 + n) / (2 * n) : -((-spent.fen * 2 + n) / (2 * n))
        return Money(fen: fen)
    }

    /// "¥0.13/领取", or "—/领取" without results.
    public var label: String { "\(cost.map(\.description) ?? "—")/\(metric.label)" }
}
