import Foundation

/// What one scheduler tick (or a trigger) did for one campaign.
public struct CampaignTickReport: Hashable, Sendable {
    public var campaignID: String
    public var name: String
    public var transitions: [CampaignTransition] = []
    public var queue = CampaignQueueResult()
    /// "skipped 2026-11-11T11:00 in g1: 40 min late (limit 30 min)"
    public var skipped: [String] = []
    public var draw: LotteryDraw?
    /// Rewards and prizes booked (and their posts queued) by this tick.
    public var rewards = CampaignRewardResult()

    public init(campaignID: String, name: String) {
        self.campaignID = campaignID
        self.name = name
    }

    /// True when the tick changed anything.
    public var didSomething: Bool {
        !transitions.isEmpty || !queue.inserted.isEmpty || !skipped.isEmpty || draw != nil || queue.budgetStop != nil
            || rewards.didSomething
    }
}
