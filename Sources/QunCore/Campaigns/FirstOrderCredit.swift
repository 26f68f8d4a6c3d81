import Foundation

/// A new member's order that earns the first-order reward.
public struct RewardedOrder: Codable, Hashable, Sendable {
    public var member: MemberKey
    public var orderedAt: Date
    public var amount: Money
    /// 1 for the member's first order since joining, 2 for the second …
    public var ordinal: Int
    public var reward: Money
}

/// 新人首单: which orders earn the reward. An order counts when it is in a target group, inside the campaign
/// window, at least `minimumOrder`, placed within `newMemberDays` of the member's join, and among the member's
/// first `ordersRewarded` qualifying orders since joining (orders before the window still use up the count, so
/// pass the member's orders since joining, not only the window's). Once per member id across groups.
public struct FirstOrderReport: Codable, Hashable, Sendable {
    public var newMembers: Int
    public var rewarded: [RewardedOrder]

    public var firstOrders: Int { rewarded.count }
    public var rewardsOwed: Money { rewarded.reduce(.zero) { $0 + $1.reward } }

    /// `joinedAt`: the store's `members.joined_at`; the earliest join among `events` fills in what it lacks.
    public static func evaluate(
        events: [Event], rules: FirstOrderRules, groupIDs: [String], from start: Date?, through end: Date?,
        joinedAt: [MemberKey: Date], now: Date
    ) -> FirstOrderReport {
        let groups = Set(groupIDs)
        func inWindow(_ d: Date) -> Bool { (start.map { d >= $0 } ?? true) && (end.map { d <= $0 } ?? true) && d <= now }
        var joined = joinedAt
        var newcomers = Set<String>()
        for e in events where e.kind == .join && groups.contains(e.groupID) {
            let key = MemberKey(groupID: e.groupID, memberID: e.memberID)
            if joinedAt[key] == nil, e.timestamp <= now, joined[key].map({ e.timestamp < $0 }) ?? true { joined[key] = e.timestamp }
            if inWindow(e.timestamp) { newcomers.insert(e.memberID) }
        }
        let orders = events.enumerated()
            .filter { _, e in e.kind == .order && groups.contains(e.groupID) && e.timestamp <= now }
            .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
            .map(\.element)
        var counted: [String: Int] = [:]
        var rewarded: [RewardedOrder] = []
        let limit = TimeInterval(rules.newMemberDays) * 86_400
        for order in orders {
            let key = MemberKey(groupID: order.groupID, memberID: order.memberID)
            guard let join = joined[key], order.timestamp >= join, order.timestamp.timeIntervalSince(join) <= limit else { continue }
            let amount = order.amount ?? .zero
            guard amount >= rules.minimumOrder else { continue }
            let n = counted[order.memberID, default: 0] + 1
            counted[order.memberID] = n
            guard n <= rules.ordersRewarded, inWindow(order.timestamp) else { continue }
            rewarded.append(RewardedOrder(member: key, orderedAt: order.timestamp, amount: amount, ordinal: n, reward: rules.reward))
        }
        return FirstOrderReport(newMembers: newcomers.count, rewarded: rewarded)
    }
}
