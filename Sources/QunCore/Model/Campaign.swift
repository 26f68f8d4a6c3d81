import Foundation

public enum CampaignType: String, Codable, Sendable, CaseIterable {
    case redPacket = "red_packet"
    case flashSale = "flash_sale"
    case preview
    case checkinChallenge = "checkin_challenge"
    case referral
    case lottery
    case welcome
    case firstOrder = "first_order"
    case holiday
    case live
}

public enum CampaignStatus: String, Codable, Sendable, CaseIterable {
    case draft, scheduled, running, paused, completed, cancelled
}

/// A campaign: the creative plan (name, theme, hook) and the execution plan
/// (type, target groups, schedule, goal, budget).
public struct Campaign: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var type: CampaignType
    public var status: CampaignStatus
    public var groupIDs: [String]
    public var theme: String?
    public var hook: String?
    public var product: String?
    /// The KPI the campaign is judged on, e.g. "claims", "orders", "invites", "checkins".
    public var goalMetric: String
    public var goalTarget: Int
    public var budget: Money
    public var startsAt: Date?
    public var endsAt: Date?
    /// Next due run, when scheduled or running.
    public var nextRunAt: Date?
    public var createdAt: Date

    public init(
        id: String, name: String, type: CampaignType, status: CampaignStatus, groupIDs: [String],
        theme: String? = nil, hook: String? = nil, product: String? = nil, goalMetric: String, goalTarget: Int,
        budget: Money, startsAt: Date? = nil, endsAt: Date? = nil, nextRunAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.status = status
        self.groupIDs = groupIDs
        self.theme = theme
        self.hook = hook
        self.product = product
        self.goalMetric = goalMetric
        self.goalTarget = goalTarget
        self.budget = budget
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.nextRunAt = nextRunAt
        self.createdAt = createdAt
    }
}

/// A campaign's figures as the store has them: progress towards the goal and spend.
public struct CampaignProgress: Codable, Hashable, Sendable {
    public var achieved: Int
    public var spent: Money
    public init(achieved: Int, spent: Money) {
        self.achieved = achieved
        self.spent = spent
    }
}
