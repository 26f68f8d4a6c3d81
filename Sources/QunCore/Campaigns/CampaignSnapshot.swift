import Foundation

/// What the store knows about one campaign, read inside the transaction that then persists what
/// `CampaignDecision` decides from it. Every backend gathers the same facts (`Needs` says which), so every
/// backend decides the same way.
public struct CampaignSnapshot: Sendable {
    public var plan: CampaignPlan
    /// Where the scheduler stopped for this campaign (nil before its first tick).
    public var cursor: Date?
    /// Every group the store knows, by id (names and zones for posts; zones for the schedule).
    public var groups: [String: Group]
    /// The campaign's lottery draws, first round first.
    public var draws: [LotteryDraw]
    /// Idempotency keys already in the outbox, in any state: the campaign's own items, plus whichever of the
    /// keys a caller asked about (`queueCampaignPosts`) exist under any campaign.
    public var queuedKeys: Set<String>
    /// The campaign's red packets in live states (`pending`, `held`, `claimed`, `sent`, `unknown`), any due time,
    /// in due order.
    public var redPackets: [RedPacketDrop]
    /// Every red-packet claim naming the campaign (with an amount), in feed order; `sequence` is the event's
    /// sequence number. Read when `Needs.claims` or the campaign has red packets (claims only match drops).
    public var claims: [RedPacketClaim]
    /// The ledger sum of the campaign.
    public var spent: Money
    /// Ledger dedupe keys already booked for the campaign.
    public var bookedKeys: Set<String>
    /// Members of the target groups (when `Needs.members`).
    public var members: [CampaignMemberFacts]
    /// Joins and orders in the target groups since `Needs.rewardEventsSince`, plus every event naming the
    /// campaign, up to now, in feed order (when the plan earns rewards).
    public var rewardEvents: [Event]
    /// Check-in days per member of the target groups up to now (check-in challenges).
    public var checkinDays: [MemberKey: [LocalDay]]
    /// Joins in the target groups after `Needs.joinsAfter` up to now, in feed order (welcomes).
    public var joins: [Event]
    /// The campaign's outbox items marked sent (for its KPIs).
    public var postsSent: Int

    public init(
        plan: CampaignPlan, cursor: Date?, groups: [String: Group], draws: [LotteryDraw] = [], queuedKeys: Set<String> = [],
        redPackets: [RedPacketDrop] = [], claims: [RedPacketClaim] = [], spent: Money = .zero, bookedKeys: Set<String> = [],
        members: [CampaignMemberFacts] = [], rewardEvents: [Event] = [], checkinDays: [MemberKey: [LocalDay]] = [:], joins: [Event] = [],
        postsSent: Int = 0
    ) {
        self.plan = plan
        self.cursor = cursor
        self.groups = groups
        self.draws = draws
        self.queuedKeys = queuedKeys
        self.redPackets = redPackets
        self.claims = claims
        self.spent = spent
        self.bookedKeys = bookedKeys
        self.members = members
        self.rewardEvents = rewardEvents
        self.checkinDays = checkinDays
        self.joins = joins
        self.postsSent = postsSent
    }

    /// Every known group's zone.
    public var zones: [String: TimeZone] { groups.mapValues(\.timeZone) }

    /// What the reward engines and `CampaignKPIs.compute` read besides the events.
    public var campaignFacts: CampaignFacts {
        var invitees: [MemberKey: InviteeFacts] = [:]
        var joinedAt: [MemberKey: Date] = [:]
        for member in members {
            invitees[member.key] = member.invitee
            if let joined = member.joinedAt { joinedAt[member.key] = joined }
        }
        return CampaignFacts(invitees: invitees, joinedAt: joinedAt, checkinDays: checkinDays, postsSent: postsSent, zones: zones)
    }

    /// The name a member goes by in a group, when the store knows the member there.
    public func memberName(groupID: String, memberID: String) -> String? {
        members.first { $0.groupID == groupID && $0.memberID == memberID }?.name
    }

    // MARK: which facts to read

    /// Which of the optional facts a decision about `plan` reads; the rest the store always gathers.
    public struct Needs: Hashable, Sendable {
        public var members: Bool
        /// Reward events from this instant (nil: none needed).
        public var rewardEventsSince: Date?
        public var checkins: Bool
        /// Joins after this instant (nil: none needed).
        public var joinsAfter: Date?
        public var postsSent: Bool
        /// Claims even while the campaign has no red packet yet (its type drops them).
        public var claims: Bool

        /// Only what every decision reads (the budget, the queue).
        public static let basic = Needs(members: false, rewardEventsSince: nil, checkins: false, joinsAfter: nil, postsSent: false, claims: false)

        /// Whether to read the claims, once the campaign's red packets are known.
        public func readsClaims(redPackets: [RedPacketDrop]) -> Bool { claims || !redPackets.isEmpty }
    }

    /// What deciding about `plan` (a tick, a trigger, a draw, a lifecycle move) at `now` reads, given its cursor.
    public static func needs(for plan: CampaignPlan, cursor: Date?, now: Date) -> Needs {
        let rewards = CampaignRewardPolicy.earnsRewards(plan)
        var joinsAfter: Date?
        if case .welcome = plan.rules {
            let policy = CatchUpPolicy.default(for: plan.type)
            joinsAfter = CampaignTick.lastRun(plan, cursor: cursor, now: now).addingTimeInterval(-(policy.maxLateness ?? 0))
        }
        return Needs(
            members: rewards || plan.slotWork == .lotteryDraw, rewardEventsSince: rewards ? CampaignRewardPolicy.eventsSince(plan) : nil,
            checkins: rewards && plan.isCheckinChallenge, joinsAfter: joinsAfter, postsSent: false, claims: plan.dropsRedPackets)
    }

    /// What the campaign's KPIs read (`campaignFacts`), whatever its type.
    public static func kpiNeeds(for plan: CampaignPlan) -> Needs {
        Needs(
            members: true, rewardEventsSince: CampaignRewardPolicy.eventsSince(plan), checkins: plan.isCheckinChallenge, joinsAfter: nil,
            postsSent: true, claims: false)
    }
}

extension CampaignPlan {
    /// Red-packet drops and flash sales put red packets in the outbox.
    var dropsRedPackets: Bool {
        switch rules {
        case .redPacket, .flashSale: return true
        default: return false
        }
    }

    var isCheckinChallenge: Bool {
        if case .checkinChallenge = rules { return true }
        return false
    }
}
