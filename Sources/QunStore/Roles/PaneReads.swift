import Foundation
import QunCore

/// What the dashboard's panes and the listing commands show. Reads only; each call sees one consistent snapshot.
public protocol PaneReads: Sendable {
    func memberCount() throws -> Int
    func memberCounts() throws -> [String: Int]
    func members(groupID: String, limit: Int?, offset: Int) throws -> [Member]
    func member(groupID: String, memberID: String) throws -> Member?
    func stats(groupID: String?, since: Date?, now: Date) throws -> [GroupStats]
    func activity(now: Date, memberCounts known: [String: Int]?) throws -> [GroupActivity]
    func checkinRates(now: Date, memberCounts known: [String: Int]?) throws -> [GroupCheckinRate]
    func checkinMembers(groupIDs: [String]?, now: Date, limit: Int) throws -> [CheckinMemberRow]
    func moderationQueue(limit: Int) throws -> [ModerationQueueRow]
    func openCaseCount(groupID: String?) throws -> Int
    func openCaseCount() throws -> Int
    func context(of item: ModerationCase, before: Int, after: Int) throws -> [ContextMessage]
    func campaigns() throws -> [CampaignRow]
    func deliveryByGroup(now: Date) throws -> [String: GroupDelivery]
    func outboxCounts() throws -> [OutboxState: Int]
    func connectorStatuses() throws -> [ConnectorStatus]
}

extension PaneReads {
    public func members(groupID: String, limit: Int? = nil, offset: Int = 0) throws -> [Member] {
        try members(groupID: groupID, limit: limit, offset: offset)
    }
    public func stats(groupID: String? = nil, since: Date? = nil, now: Date = Date()) throws -> [GroupStats] {
        try stats(groupID: groupID, since: since, now: now)
    }
    public func activity(now: Date = Date(), memberCounts known: [String: Int]? = nil) throws -> [GroupActivity] {
        try activity(now: now, memberCounts: known)
    }
    public func checkinRates(now: Date = Date(), memberCounts known: [String: Int]? = nil) throws -> [GroupCheckinRate] {
        try checkinRates(now: now, memberCounts: known)
    }
    public func checkinMembers(groupIDs: [String]? = nil, now: Date = Date(), limit: Int = 500) throws -> [CheckinMemberRow] {
        try checkinMembers(groupIDs: groupIDs, now: now, limit: limit)
    }
    public func moderationQueue(limit: Int = 500) throws -> [ModerationQueueRow] {
        try moderationQueue(limit: limit)
    }
    public func openCaseCount(groupID: String? = nil) throws -> Int {
        try openCaseCount(groupID: groupID)
    }
    public func context(of item: ModerationCase, before: Int = 6, after: Int = 3) throws -> [ContextMessage] {
        try context(of: item, before: before, after: after)
    }
    public func deliveryByGroup(now: Date = Date()) throws -> [String: GroupDelivery] {
        try deliveryByGroup(now: now)
    }
}
