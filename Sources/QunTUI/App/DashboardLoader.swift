import Foundation
import QunCore
import QunStore

/// Reads what the panes show from the store: a handful of indexed queries per group.
public enum DashboardLoader {
    public static func load(_ store: any QundeckStore, now: Date) throws -> DashboardData {
        let memberCounts = try store.memberCounts()
        var data = DashboardData(
            storeAddress: store.address, storeBackend: store.backend, now: now, groups: try store.groups(),
            activity: try store.activity(now: now, memberCounts: memberCounts),
            checkinRates: try store.checkinRates(now: now, memberCounts: memberCounts), checkinMembers: try store.checkinMembers(now: now, limit: 500),
            queue: try store.moderationQueue(limit: 1000), campaigns: try store.campaigns(), eventCount: try store.eventCount())
        data.delivery = try store.deliveryByGroup(now: now)
        data.connectors = try store.connectorStatuses()
        return data
    }
}
