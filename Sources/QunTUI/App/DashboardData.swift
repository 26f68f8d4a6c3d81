import Foundation
import QunCore

/// Everything the panes show, read from the store in one go. Plain values: tests build them by hand.
public struct DashboardData: Sendable {
    public var storePath: String
    public var now: Date
    public var groups: [Group]
    public var activity: [GroupActivity]
    public var checkinRates: [GroupCheckinRate]
    public var checkinMembers: [CheckinMemberRow]
    public var queue: [ModerationQueueRow]
    public var campaigns: [CampaignRow]
    public var eventCount: Int
    /// Per group: platform actions awaiting delivery, failed ones, and whether the bot reaches the group.
    public var delivery: [String: GroupDelivery] = [:]
    /// The connectors' last heartbeats.
    public var connectors: [ConnectorStatus] = []

    /// Outbox items waiting for a connector, and ones that failed or got no answer.
    public var outboxPending: Int { delivery.values.reduce(0) { $0 + $1.awaiting } }
    public var outboxFailed: Int { delivery.values.reduce(0) { $0 + $1.failed } }

    public init(
        storePath: String, now: Date, groups: [Group], activity: [GroupActivity], checkinRates: [GroupCheckinRate],
        checkinMembers: [CheckinMemberRow], queue: [ModerationQueueRow], campaigns: [CampaignRow], eventCount: Int
    ) {
        self.storePath = storePath
        self.now = now
        self.groups = groups
        self.activity = activity
        self.checkinRates = checkinRates
        self.checkinMembers = checkinMembers
        self.queue = queue
        self.campaigns = campaigns
        self.eventCount = eventCount
    }

    public static func empty(storePath: String, now: Date) -> DashboardData {
        DashboardData(
            storePath: storePath, now: now, groups: [], activity: [], checkinRates: [], checkinMembers: [], queue: [],
            campaigns: [], eventCount: 0)
    }
}
