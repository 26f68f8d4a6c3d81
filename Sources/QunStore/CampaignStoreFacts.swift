import Foundation
import QunCore

/// What the reward engines and `CampaignKPIs.compute` need from the store for one campaign, as of `now`.
public struct CampaignStoreFacts: Sendable {
    /// Joins and orders in the target groups (since the earliest instant a reward could depend on), plus every
    /// event naming the campaign (red-packet claims, tagged orders and messages), in feed order.
    public var events: [Event]
    /// Invitees (`members.status`/`status_at`/`message_count`), `members.joined_at`, check-in days (`checkins`) and
    /// the target groups' zones.
    public var facts: CampaignFacts

    public init(events: [Event], facts: CampaignFacts) {
        self.events = events
        self.facts = facts
    }

    /// The KPI facts of a snapshot gathered with `CampaignSnapshot.kpiNeeds`.
    public init(_ snapshot: CampaignSnapshot) {
        self.init(events: snapshot.rewardEvents, facts: snapshot.campaignFacts)
    }
}
