import Foundation

/// What the store knows beyond the events, handed to `CampaignKPIs.compute`.
public struct CampaignFacts: Sendable {
    /// Invitees' facts for referral qualification (left when, spoke or not).
    public var invitees: [MemberKey: InviteeFacts]
    /// `members.joined_at` (first-order rewards).
    public var joinedAt: [MemberKey: Date]
    /// Check-in days per member (the `checkins` table), for the challenge and the check-in count.
    public var checkinDays: [MemberKey: [LocalDay]]
    /// Lottery entrants' facts at draw time.
    public var lotteryEntrants: [LotteryEntrant]
    /// Outbox items of this campaign marked sent.
    public var postsSent: Int
    /// Each target group's zone (Asia/Shanghai when missing).
    public var zones: [String: TimeZone]

    public init(
        invitees: [MemberKey: InviteeFacts] = [:], joinedAt: [MemberKey: Date] = [:], checkinDays: [MemberKey: [LocalDay]] = [:],
        lotteryEntrants: [LotteryEntrant] = [], postsSent: Int = 0, zones: [String: TimeZone] = [:]
    ) {
        self.invitees = invitees
        self.joinedAt = joinedAt
        self.checkinDays = checkinDays
        self.lotteryEntrants = lotteryEntrants
        self.postsSent = postsSent
        self.zones = zones
    }
}

/// A campaign's figures: every metric, progress against the goal, spend and cost per result.
public struct CampaignKPIs: Codable, Hashable, Sendable {
    public var goal: CampaignGoal
    public var achieved: Int
    /// achieved / target (may exceed 1).
    public var progress: Double

    public var claims: Int
    public var claimedAmount: Money
    public var orders: Int
    public var orderRevenue: Money
    public var messages: Int
    public var invites: Int
    public var qualifiedInvites: Int
    public var pendingInvites: Int
    public var checkins: Int
    public var challengeParticipants: Int
    public var completions: Int
    public var entrants: Int
    public var newMembers: Int
    public var firstOrders: Int
    public var posts: Int

    public var budget: Money
    public var spent: Money
    /// Rewards earned by the rules (referral, challenge, first order) — booked or not.
    public var rewardsEarned: Money
    /// Per relevant metric for the type, goal metric first.
    public var costPerResult: [CostPerResult]

    public func value(of metric: CampaignMetric) -> Int {
        switch metric {
        case .claims: return claims
        case .orders: return orders
        case .invites: return qualifiedInvites
        case .checkins: return checkins
        case .completions: return completions
        case .messages: return messages
        case .entrants: return entrants
        case .firstOrders: return firstOrders
        case .newMembers: return newMembers
        case .posts: return posts
        }
    }

    /// The metrics whose cost per result the dashboard shows for a type.
    public static func costMetrics(for type: CampaignType) -> [CampaignMetric] {
        switch type {
        case .redPacket: return [.claims]
        case .flashSale: return [.claims, .orders]
        case .preview: return [.messages]
        case .checkinChallenge: return [.completions, .checkins]
        case .referral: return [.invites]
        case .lottery: return [.entrants]
        case .welcome: return [.newMembers]
        case .firstOrder: return [.firstOrders]
        case .holiday, .live: return [.messages]
        }
    }

    /// Computes the KPIs over the campaign window `[startsAt ?? createdAt, min(endsAt, now)]`.
    /// Claims, orders and messages count when the event names the campaign; joins, check-ins, invites and
    /// first orders count in the target groups within the window (platforms do not tag those with a campaign).
    public static func compute(plan: CampaignPlan, events: [Event], ledger: [LedgerEntry], facts: CampaignFacts, now: Date) -> CampaignKPIs {
        let start = plan.schedule.startsAt ?? plan.createdAt
        let end = min(plan.schedule.endsAt ?? now, now)
        let groups = Set(plan.groupIDs)
        let mine = events.filter { $0.campaignID == plan.id }
        let claimEvents = mine.filter { $0.kind == .redpacketClaim }
        let orderEvents = mine.filter { $0.kind == .order }
        let inWindow = { (e: Event) in groups.contains(e.groupID) && e.timestamp >= start && e.timestamp <= end }
        let newMembers = Set(events.filter { $0.kind == .join && inWindow($0) }.map(\.memberID)).count

        var referral = ReferralReport(invites: [], standings: [])
        if case let .referral(r) = plan.rules {
            referral = ReferralReport.evaluate(
                events: events, rules: r, groupIDs: plan.groupIDs, from: start, through: end, facts: facts.invitees, now: now)
        }
        var firstOrder = FirstOrderReport(newMembers: 0, rewarded: [])
        if case let .firstOrder(r) = plan.rules {
            firstOrder = FirstOrderReport.evaluate(
                events: events, rules: r, groupIDs: plan.groupIDs, from: start, through: end, joinedAt: facts.joinedAt, now: now)
        }

        // Check-ins: days inside each group's local window.
        var windowDays: [MemberKey: [LocalDay]] = [:]
        for (key, days) in facts.checkinDays where groups.contains(key.groupID) {
            let zone = CampaignPlan.zone(key.groupID, facts.zones)
            let first = LocalDay(start, in: zone)
            let last = LocalDay(end, in: zone)
            windowDays[key] = days.filter { $0 >= first && $0 <= last }
        }
        let checkins = windowDays.values.reduce(0) { $0 + Set($1).count }
        var challenge = ChallengeReport(standings: [], streakDistribution: [:])
        if case let .checkinChallenge(r) = plan.rules {
            // Each group's days are local; evaluate per group so "today" is that group's today.
            var standings: [ChallengeStanding] = []
            var distribution: [Int: Int] = [:]
            for group in plan.groupIDs {
                let zone = CampaignPlan.zone(group, facts.zones)
                let part = ChallengeReport.evaluate(
                    checkinDays: windowDays.filter { $0.key.groupID == group }, rules: r, first: LocalDay(start, in: zone),
                    last: LocalDay(end, in: zone), today: LocalDay(now, in: zone))
                standings += part.standings
                distribution.merge(part.streakDistribution, uniquingKeysWith: +)
            }
            challenge = ChallengeReport(standings: standings, streakDistribution: distribution)
        }

        var entrants = 0
        if case let .lottery(r) = plan.rules {
            let eligible = facts.lotteryEntrants.filter { groups.contains($0.groupID) && r.eligibility.reasons(for: $0).isEmpty }
            entrants = Set(eligible.map(\.memberID)).count
        }

        var rewards = referral.rewardsOwed + firstOrder.rewardsOwed
        if case let .checkinChallenge(r) = plan.rules { rewards = rewards + Money(fen: r.reward.fen * Int64(challenge.completions)) }

        let spent = BurnDown.spent(ledger, campaignID: plan.id)
        var kpis = CampaignKPIs(
            goal: plan.goal, achieved: 0, progress: 0,
            claims: claimEvents.count, claimedAmount: claimEvents.reduce(.zero) { $0 + ($1.amount ?? .zero) },
            orders: orderEvents.count, orderRevenue: orderEvents.reduce(.zero) { $0 + ($1.amount ?? .zero) },
            messages: mine.filter { $0.kind == .message }.count,
            invites: referral.invites.count, qualifiedInvites: referral.qualifiedInvites, pendingInvites: referral.pendingInvites,
            checkins: checkins, challengeParticipants: challenge.participants, completions: challenge.completions,
            entrants: entrants, newMembers: newMembers, firstOrders: firstOrder.firstOrders, posts: facts.postsSent,
            budget: plan.budget, spent: spent, rewardsEarned: rewards, costPerResult: [])
        kpis.achieved = kpis.value(of: plan.goal.metric)
        kpis.progress = plan.goal.progress(achieved: kpis.achieved)
        var metrics = [plan.goal.metric]
        for m in costMetrics(for: plan.type) where !metrics.contains(m) { metrics.append(m) }
        kpis.costPerResult = metrics.map { CostPerResult(metric: $0, results: kpis.value(of: $0), spent: spent) }
        return kpis
    }
}
