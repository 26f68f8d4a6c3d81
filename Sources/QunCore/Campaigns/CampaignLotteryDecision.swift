import Foundation

extension CampaignDecision {
    /// Draws the lottery (round 1) or, when it has been drawn, re-draws `winners` more (default: the rules' count)
    /// excluding every earlier winner, with `seed`. The draw is recorded before anything else uses it; the prizes
    /// are booked (budget-checked) and the winners' posts queued. When the prizes would exceed the budget nothing
    /// is drawn and the campaign stops.
    public mutating func drawLottery(seed: UInt64, winners: Int?) throws -> (draw: LotteryDraw?, queue: CampaignQueueResult) {
        guard case let .lottery(rules) = plan.rules else { throw CampaignDecisionError.invalid("campaign \(plan.id) is not a lottery") }
        let entrants = snapshot.members.map(\.entrant)
        let count = winners ?? rules.winners
        let draw = draws.last.map { $0.redraw(entrants: entrants, eligibility: rules.eligibility, winners: count, seed: seed) }
            ?? LotteryDraw.draw(entrants: entrants, eligibility: rules.eligibility, winners: count, seed: seed)
        let prizes = CampaignSpend.lotteryPrizes(draw, rules: rules, campaignID: plan.id)
        let state = budget
        let proposed = prizes.reduce(Money.zero) { $0 + $1.amount }
        if let message = BudgetCheck(budget: plan.budget, spent: state.spent, reserved: state.reserved, proposed: proposed).message {
            budgetStop(message)
            return (nil, CampaignQueueResult(budgetStop: message))
        }
        effects.append(.recordDraw(campaignID: plan.id, draw, actor: actor, at: now))
        draws.append(draw)
        _ = book(prizes)
        var names: [String: String] = [:]
        for w in draw.winners { names[w.memberID] = memberName(groupID: w.groupID, memberID: w.memberID) }
        let queued = queue(plan.winnerPosts(for: draw, names: names, groups: snapshot.groups, at: now))
        let ids = draw.winners.map(\.memberID)
        let shortfall = draw.shortfall > 0 ? "; \(draw.shortfall) prize(s) not given: the pool is too small" : ""
        audit(draw.round == 1 ? "campaign draw" : "campaign redraw",
              reason: "round \(draw.round), seed \(draw.seed): \(ids.isEmpty ? "no winner" : ids.joined(separator: ", "))"
                  + " of \(draw.pool.count) eligible\(shortfall)",
              evidence: "seed=\(draw.seed) pool=\(draw.pool.count) excluded=\(draw.previousWinners.count)")
        return (draw, queued)
    }
}
