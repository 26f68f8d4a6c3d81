import Foundation

/// The reward policy: which rewards and prizes a campaign has earned by now (referral thresholds, check-in
/// challenge completions, first-order rewards, the 手气最佳 prize of each red-packet drop), who gets them, under
/// which dedupe key, and for how long after its end a campaign keeps settling. See docs/campaigns.md, "Rewards".
public enum CampaignRewardPolicy {
    /// A reward or prize earned, with what its post needs.
    public struct Earned: Hashable, Sendable {
        public var draft: LedgerDraft
        /// Values for the plan's `.reward` (or, for best luck, `.winners`) message.
        public var values: [String: String]
        /// The best-luck outcome (its announcement is `bestLuckPost`); nil for rewards.
        public var bestLuck: RedPacketOutcome?
    }

    /// After a campaign completes, its rewards keep settling for this long (invites qualify `qualifyingDays` after
    /// the join, packets are claimable for 24 h, feeds arrive late).
    public static func settlePeriod(_ plan: CampaignPlan) -> TimeInterval {
        var days = 2.0
        if case let .referral(r) = plan.rules { days += Double(max(0, r.qualifyingDays)) }
        return days * 86_400
    }

    /// Whether the plan's type earns rewards or prizes the tick books.
    public static func earnsRewards(_ plan: CampaignPlan) -> Bool {
        switch plan.rules {
        case .referral, .checkinChallenge, .firstOrder, .redPacket, .flashSale: return true
        default: return false
        }
    }

    /// The earliest join or order a reward can depend on: the campaign's start, or for first orders `newMemberDays`
    /// before it (earlier orders of members who joined then use up their count).
    public static func eventsSince(_ plan: CampaignPlan) -> Date {
        let start = plan.schedule.startsAt ?? plan.createdAt
        if case let .firstOrder(r) = plan.rules { return start.addingTimeInterval(-Double(max(0, r.newMemberDays)) * 86_400) }
        return start
    }

    /// Every reward and prize `plan` has earned by `now` (booked or not) in booking order, and the settled drops
    /// whose best luck is only announced (no prize value, flash sales). `redPackets` are the campaign's live red
    /// packets as queued so far; `claims` those naming the campaign.
    public static func earned(
        _ plan: CampaignPlan, events: [Event], facts: CampaignFacts, redPackets: [RedPacketDrop], claims: [RedPacketClaim], now: Date
    ) -> (rewards: [Earned], luckPostsOnly: [RedPacketOutcome]) {
        let start = plan.schedule.startsAt ?? plan.createdAt
        let end = min(plan.schedule.endsAt ?? now, now)
        switch plan.rules {
        case let .referral(r):
            let report = ReferralReport.evaluate(
                events: events, rules: r, groupIDs: plan.groupIDs, from: start, through: end, facts: facts.invitees, now: now)
            let counts = Dictionary(uniqueKeysWithValues: report.standings.map { ($0.inviterID, $0.qualified) })
            return (CampaignSpend.referralRewards(report, rules: r, campaignID: plan.id).map { d in
                Earned(draft: d, values: ["count": String(counts[d.memberID ?? ""] ?? r.requiredInvites), "reward": r.rewardName,
                                          "days": String(r.qualifyingDays)], bestLuck: nil)
            }, [])
        case let .checkinChallenge(r):
            // Each group's days are local: evaluate per group; a member id completing in two groups is rewarded once.
            var drafts: [LedgerDraft] = []
            var seen = Set<String>()
            for group in plan.groupIDs {
                let zone = facts.zones[group] ?? TimeZone(identifier: Group.defaultTimeZoneID)!
                let part = ChallengeReport.evaluate(
                    checkinDays: facts.checkinDays.filter { $0.key.groupID == group }, rules: r, first: LocalDay(start, in: zone),
                    last: LocalDay(end, in: zone), today: LocalDay(now, in: zone))
                drafts += CampaignSpend.challengeRewards(part, rules: r, campaignID: plan.id).filter { seen.insert($0.dedupeKey).inserted }
            }
            return (drafts.map { d in Earned(draft: d, values: ["days": String(r.requiredDays), "reward": r.rewardName], bestLuck: nil) }, [])
        case let .firstOrder(r):
            let report = FirstOrderReport.evaluate(
                events: events, rules: r, groupIDs: plan.groupIDs, from: start, through: end, joinedAt: facts.joinedAt, now: now)
            return (CampaignSpend.firstOrderRewards(report, campaignID: plan.id).map { d in
                Earned(draft: d, values: ["reward": d.amount.yuanString, "days": String(r.newMemberDays)], bestLuck: nil)
            }, [])
        case let .redPacket(r):
            let outcomes = settledDrops(redPackets: redPackets, claims: claims, now: now)
            let prizes = CampaignSpend.bestLuckPrizes(outcomes, campaignID: plan.id, prizeValue: r.prizeValue)
            if prizes.isEmpty { return ([], outcomes) }  // nothing to book: announce only
            var byKey: [String: RedPacketOutcome] = [:]
            for o in outcomes where o.bestLuck != nil { byKey[bestLuckKey(plan, o)] = o }
            return (prizes.map { Earned(draft: $0, values: [:], bestLuck: byKey[$0.dedupeKey]) }, [])
        case .flashSale:
            // Flash sales have no prize value: the best-luck winner is announced, nothing is booked.
            return ([], settledDrops(redPackets: redPackets, claims: claims, now: now))
        default:
            return ([], [])
        }
    }

    static func bestLuckKey(_ plan: CampaignPlan, _ o: RedPacketOutcome) -> String {
        (o.drop.idempotencyKey ?? "campaign:\(plan.id):group:\(o.drop.groupID):drop:\(Int(o.drop.sentAt.timeIntervalSince1970))") + ":best_luck"
    }

    /// The drops (due by `now`) whose best luck is final: emptied, or past the packet's 24 h validity. Claims up to
    /// `now` matching none of qundeck's own drops (imports, the demo's history) are neither booked nor announced:
    /// their drops cannot be told apart reliably and announcing history would spam the group.
    static func settledDrops(redPackets: [RedPacketDrop], claims: [RedPacketClaim], now: Date) -> [RedPacketOutcome] {
        let claims = claims.filter { $0.claimedAt <= now }
        guard !claims.isEmpty else { return [] }
        let drops = redPackets.filter { $0.sentAt <= now }
        let (outcomes, _) = RedPacketResults.outcomes(drops: drops, claims: claims)
        let settled = outcomes.filter { $0.bestLuck != nil && ($0.isEmptied || now.timeIntervalSince($0.drop.sentAt) >= 86_400) }
        return settled.sorted { ($0.drop.sentAt, $0.drop.groupID) < ($1.drop.sentAt, $1.drop.groupID) }
    }
}
