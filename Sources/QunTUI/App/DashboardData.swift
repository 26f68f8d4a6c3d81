import Foundation
import QunCore

/// Everything the panes show, read from the store in one go. Plain values: tests build them by hand.
public struct DashboardData: Sendable {
    /// Where the store is (`StoreDescription.address`: a path, or a postgres:// address without its password)…
    public var storeAddress: String
    /// …and which backend holds it: sqlite or postgres.
    public var storeBackend: String
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
        storeAddress: String, storeBackend: String = "sqlite", now: Date, groups: [Group], activity: [GroupActivity], checkinRates: [GroupCheckinRate],
        checkinMembers: [CheckinMemberRow], queue: [ModerationQueueRow], campaigns: [CampaignRow], eventCount: Int
    ) {
        self.storeAddress = storeAddress
        self.storeBackend = storeBackend
        self.now = now
        self.groups = groups
        self.activity = activity
        self.checkinRates = checkinRates
        self.checkinMembers = checkinMembers
        self.queue = queue
        self.campaigns = campaigns
        self.eventCount = eventCount
    }

    public static func empty(storeAddress: String, storeBackend: String = "sqlite", now: Date) -> DashboardData {
        DashboardData(
            storeAddress: storeAddress, storeBackend: storeBackend, now: now, groups: [], activity: [], checkinRates: [], checkinMembers: [], queue: [],
            campaigns: [], eventCount: 0)
    }
}
