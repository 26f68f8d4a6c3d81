import Foundation

/// Each campaign operation a store offers, as a decision on the campaign's snapshot: what the operation answers and
/// the decision whose effects the store applies. Every backend calls these, so none words a rule of its own.
extension CampaignDecision {
    /// Pause, resume, cancel … as `command` asks.
    public static func transition(
        _ snapshot: CampaignSnapshot, command: CampaignLifecycle.Command, reason: String?, now: Date, actor: String
    ) throws -> (CampaignTransition, CampaignDecision) {
        var decision = CampaignDecision(snapshot, now: now, actor: actor)
        return (try decision.transition(command, reason: reason), decision)
    }

    /// A move to `target`, when the lifecycle allows it.
    public static func transition(
        _ snapshot: CampaignSnapshot, to target: CampaignStatus, reason: String?, now: Date, actor: String
    ) throws -> (CampaignTransition, CampaignDecision) {
        var decision = CampaignDecision(snapshot, now: now, actor: actor)
        return (try decision.transition(to: target, reason: reason), decision)
    }

    /// Budget-checked queuing of `posts`.
    public static func queue(_ snapshot: CampaignSnapshot, posts: [CampaignPost], now: Date, actor: String) -> (CampaignQueueResult, CampaignDecision) {
        var decision = CampaignDecision(snapshot, now: now, actor: actor)
        return (decision.queue(posts), decision)
    }

    /// The lottery's draw (or re-draw) with `seed`; refused for a campaign that is not a lottery.
    public static func drawLottery(_ snapshot: CampaignSnapshot, seed: UInt64, winners: Int?, now: Date, actor: String) throws
        -> ((draw: LotteryDraw?, queue: CampaignQueueResult), CampaignDecision)
    {
        guard snapshot.plan.slotWork == .lotteryDraw else { throw CampaignDecisionError.invalid("campaign \(snapshot.plan.id) is not a lottery") }
        var decision = CampaignDecision(snapshot, now: now, actor: actor)
        return (try decision.drawLottery(seed: seed, winners: winners), decision)
    }
}
