import Foundation

/// Spend against the budget right now.
public struct CampaignBudgetState: Hashable, Sendable {
    public var budget: Money
    /// The ledger sum.
    public var spent: Money
    /// Red packets out (or queued) in the last 24 h and not yet claimed.
    public var reserved: Money
    public var remaining: Money { budget - spent - reserved }

    public init(budget: Money, spent: Money, reserved: Money) {
        self.budget = budget
        self.spent = spent
        self.reserved = reserved
    }

    /// The state at `now` from the ledger sum and the campaign's live red packets: a packet due within the last
    /// 24 h (or later: queued ahead) reserves what its claims have not yet taken. A packet queued for later counts
    /// as sent now, so its whole amount is reserved.
    public init(budget: Money, spent: Money, redPackets: [RedPacketDrop], claims: [RedPacketClaim], now: Date) {
        let window = now.addingTimeInterval(-86_400)
        let drops = redPackets.filter { $0.sentAt > window }.map { drop in
            var drop = drop
            drop.sentAt = min(drop.sentAt, now)
            return drop
        }
        var reserved = Money.zero
        if !drops.isEmpty {
            // A claim can only match a drop sent at most 24 h before it.
            let recent = claims.filter { $0.claimedAt > window.addingTimeInterval(-86_400) }
            reserved = CampaignSpend.outstanding(RedPacketResults.outcomes(drops: drops, claims: recent).outcomes, now: now)
        }
        self.init(budget: budget, spent: spent, reserved: reserved)
    }
}
