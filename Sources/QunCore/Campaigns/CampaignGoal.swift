import Foundation

/// What a campaign is judged on. Raw values are what `Campaign.goalMetric` stores.
public enum CampaignMetric: String, Codable, Hashable, Sendable, CaseIterable {
    /// Red-packet slots claimed (events `redpacket_claim` naming the campaign).
    case claims
    /// Orders naming the campaign.
    case orders
    /// Qualified invites (referral): still in the group after the qualifying days and has spoken.
    case invites
    /// Check-ins in the target groups during the campaign.
    case checkins
    /// Members who completed the check-in challenge.
    case completions
    /// Messages naming the campaign (reactions to a preview).
    case messages
    /// Eligible lottery entrants.
    case entrants
    /// First orders by new members.
    case firstOrders = "first_orders"
    /// Members who joined the target groups during the campaign.
    case newMembers = "new_members"
    /// Posts the campaign sent (outbox items marked sent).
    case posts

    /// Chinese label for the dashboard.
    public var label: String {
        switch self {
        case .claims: return "领取"
        case .orders: return "订单"
        case .invites: return "有效邀请"
        case .checkins: return "签到"
        case .completions: return "完成挑战"
        case .messages: return "互动"
        case .entrants: return "参与"
        case .firstOrders: return "首单"
        case .newMembers: return "新成员"
        case .posts: return "推送"
        }
    }
}

/// The expected result: a metric and a target, e.g. 200 qualified invites.
public struct CampaignGoal: Codable, Hashable, Sendable, CustomStringConvertible {
    public var metric: CampaignMetric
    public var target: Int

    public init(_ metric: CampaignMetric, target: Int) {
        self.metric = metric
        self.target = target
    }

    /// Share of the target reached; 0 when the target is not positive. May exceed 1.
    public func progress(achieved: Int) -> Double {
        target > 0 ? Double(achieved) / Double(target) : 0
    }

    /// "200 invites"
    public var description: String { "\(target) \(metric.rawValue)" }
}
