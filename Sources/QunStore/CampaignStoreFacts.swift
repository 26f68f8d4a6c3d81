import Foundation
import GRDB
import QunCore

// Rewards and prizes booked as they are earned (issue 6's ledger): referral thresholds, check-in challenge
// completions, first-order rewards and the 手气最佳 prize of each red-packet / flash-sale drop. The scheduler tick
// (`runDue`) calls `bookRewards` inside the same write transaction as the rest of the campaign's tick; every
// booking is `INSERT OR IGNORE` on `ledger.dedupe_key`, so two ticks, two processes or a restart book once.
// See docs/campaigns.md, "Rewards".

/// What the engines need from the store for one campaign, as of `now`.
public struct CampaignStoreFacts: Sendable {
    /// Joins and orders in the target groups (since the earliest instant a reward could depend on), plus every
    /// event naming the campaign (red-packet claims, tagged orders and messages), in feed order.
    public var events: [Event]
    /// Invitees (`members.status`/`status_at`/`message_count`), `members.joined_at`, check-in days (`checkins`) and
    /// the target groups' zones.
    public var facts: CampaignFacts

    public init(events: [Event], facts: CampaignFacts) {
        self.events = events
        self.facts = facts
    }
}

/// What booking rewards did in one tick.
public struct CampaignRewardResult: Hashable, Sendable {
    /// Drafts booked now (new ledger rows), in booking order.
    public var booked: [LedgerDraft] = []
    /// Reward and best-luck posts queued now (idempotency keys).
    public var posts: [String] = []
    /// Drafts earned but not booked because the budget would be exceeded (the campaign was stopped).
    public var owed: [LedgerDraft] = []
    /// The budget check's message when rewards would exceed the budget.
    public var budgetStop: String?

    public init() {}

    public var didSomething: Bool { !booked.isEmpty || !posts.isEmpty || budgetStop != nil }
}

extension SQLiteStore {
    /// After a campaign completes, its rewards keep settling for this long (invites qualify `qualifyingDays` after
    /// the join, packets are claimable for 24 h, feeds arrive late).
    static func rewardSettlePeriod(_ plan: CampaignPlan) -> TimeInterval {
        var days = 2.0
        if case let .referral(r) = plan.rules { days += Double(max(0, r.qualifyingDays)) }
        return days * 86_400
    }

    /// Whether the plan's type earns rewards or prizes the tick books.
    static func earnsRewards(_ plan: CampaignPlan) -> Bool {
        switch plan.rules {
        case .referral, .checkinChallenge, .firstOrder, .redPacket, .flashSale: return true
        default: return false
        }
    }

    // MARK: facts

    /// The facts the reward engines (and `CampaignKPIs.compute`) need for `plan` at `now`.
    public func campaignFacts(plan: CampaignPlan, now: Date = Date()) throws -> CampaignStoreFacts {
        try pool.read { db in try Self.facts(plan, now: now, in: db) }
    }

    static func facts(_ plan: CampaignPlan, now: Date, in db: Database) throws -> CampaignStoreFacts {
        let groups = plan.groupIDs
        guard !groups.isEmpty else { return CampaignStoreFacts(events: [], facts: CampaignFacts()) }
        let marks = groups.map { _ in "?" }.joined(separator: ",")
        let start = plan.schedule.startsAt ?? plan.createdAt
        // First orders look back to joins up to `newMemberDays` before the window (their earlier orders use up the count).
        var since = start
        if case let .firstOrder(r) = plan.rules { since = start.addingTimeInterval(-Double(max(0, r.newMemberDays)) * 86_400) }
        var args = StatementArguments(groups)
        args += [since.timeIntervalSince1970, now.timeIntervalSince1970, plan.id, now.timeIntervalSince1970]
        let events = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM events
                WHERE (group_id IN (\(marks)) AND kind IN ('join', 'order') AND ts >= ? AND ts <= ?)
                   OR (campaign_id = ? AND ts <= ?)
                ORDER BY ts, seq
                """,
            arguments: args
        ).map(StoreDecoding.event)

        var invitees: [MemberKey: InviteeFacts] = [:]
        var joinedAt: [MemberKey: Date] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT group_id, member_id, status, status_at, joined_at, message_count FROM members WHERE group_id IN (\(marks))",
            arguments: StatementArguments(groups))
        {
            let key = MemberKey(groupID: row["group_id"], memberID: row["member_id"])
            let status = MemberStatus(rawValue: row["status"]) ?? .active
            let gone = status == .left || status == .removed || status == .banned
            invitees[key] = InviteeFacts(
                leftAt: gone ? Date(timeIntervalSince1970: row["status_at"]) : nil, hasSpoken: (row["message_count"] as Int? ?? 0) > 0)
            if let joined = StoreDecoding.date(row, "joined_at") { joinedAt[key] = joined }
        }

        var checkinDays: [MemberKey: [LocalDay]] = [:]
        if case .checkinChallenge = plan.rules {
            for row in try Row.fetchAll(
                db, sql: "SELECT group_id, member_id, day FROM checkins WHERE group_id IN (\(marks)) AND ts <= ? ORDER BY day",
                arguments: StatementArguments(groups) + [now.timeIntervalSince1970])
            {
                checkinDays[MemberKey(groupID: row["group_id"], memberID: row["member_id"]), default: []].append(LocalDay(number: row["day"]))
            }
        }
        let postsSent = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE campaign_id = ? AND state = 'sent'", arguments: [plan.id]) ?? 0
        let facts = CampaignFacts(
            invitees: invitees, joinedAt: joinedAt, checkinDays: checkinDays, postsSent: postsSent, zones: try zones(in: db))
        return CampaignStoreFacts(events: events, facts: facts)
    }

    // MARK: what is earned

    /// A reward or prize earned, with what its post needs.
    struct EarnedReward {
        var draft: LedgerDraft
        /// Values for the plan's `.reward` (or, for best luck, `.winners`) message.
        var values: [String: String]
        /// The best-luck outcome (its announcement is `bestLuckPost`); nil for rewards.
        var bestLuck: RedPacketOutcome?
    }

    /// Every reward and prize `plan` has earned by `now` (booked or not), in booking order.
    static func earned(_ plan: CampaignPlan, facts input: CampaignStoreFacts, now: Date, in db: Database) throws -> (rewards: [EarnedReward], luckPostsOnly: [RedPacketOutcome]) {
        let start = plan.schedule.startsAt ?? plan.createdAt
        let end = min(plan.schedule.endsAt ?? now, now)
        let facts = input.facts
        switch plan.rules {
        case let .referral(r):
            let report = ReferralReport.evaluate(
                events: input.events, rules: r, groupIDs: plan.groupIDs, from: start, through: end, facts: facts.invitees, now: now)
            let counts = Dictionary(uniqueKeysWithValues: report.standings.map { ($0.inviterID, $0.qualified) })
            return (CampaignSpend.referralRewards(report, rules: r, campaignID: plan.id).map { d in
                EarnedReward(draft: d, values: ["count": String(counts[d.memberID ?? ""] ?? r.requiredInvites), "reward": r.rewardName,
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
            return (drafts.map { d in
                EarnedReward(draft: d, values: ["days": String(r.requiredDays), "reward": r.rewardName], bestLuck: nil)
            }, [])
        case let .firstOrder(r):
            let report = FirstOrderReport.evaluate(
                events: input.events, rules: r, groupIDs: plan.groupIDs, from: start, through: end, joinedAt: facts.joinedAt, now: now)
            return (CampaignSpend.firstOrderRewards(report, campaignID: plan.id).map { d in
                EarnedReward(draft: d, values: ["reward": d.amount.yuanString, "days": String(r.newMemberDays)], bestLuck: nil)
            }, [])
        case let .redPacket(r):
            let outcomes = try settledDrops(plan, events: input.events, now: now, in: db)
            let prizes = CampaignSpend.bestLuckPrizes(outcomes, campaignID: plan.id, prizeValue: r.prizeValue)
            if prizes.isEmpty { return ([], outcomes) }  // nothing to book: announce only
            var byKey: [String: RedPacketOutcome] = [:]
            for o in outcomes where o.bestLuck != nil { byKey[bestLuckKey(plan, o)] = o }
            return (prizes.map { EarnedReward(draft: $0, values: [:], bestLuck: byKey[$0.dedupeKey]) }, [])
        case .flashSale:
            // Flash sales have no prize value: the best-luck winner is announced, nothing is booked.
            return ([], try settledDrops(plan, events: input.events, now: now, in: db))
        default:
            return ([], [])
        }
    }

    static func bestLuckKey(_ plan: CampaignPlan, _ o: RedPacketOutcome) -> String {
        (o.drop.idempotencyKey ?? "campaign:\(plan.id):group:\(o.drop.groupID):drop:\(Int(o.drop.sentAt.timeIntervalSince1970))") + ":best_luck"
    }

    /// The campaign's drops whose best luck is final: emptied, or past the packet's 24 h validity. Drops are the
    /// campaign's red-packet outbox items (pending or sent, due by `now`); claims naming the campaign that match
    /// no such drop are ignored here.
    static func settledDrops(_ plan: CampaignPlan, events: [Event], now: Date, in db: Database) throws -> [RedPacketOutcome] {
        let claims = events.enumerated().compactMap { index, e -> RedPacketClaim? in
            guard e.kind == .redpacketClaim, e.campaignID == plan.id, let amount = e.amount else { return nil }
            return RedPacketClaim(memberID: e.memberID, groupID: e.groupID, amount: amount, claimedAt: e.timestamp, sequence: index)
        }
        guard !claims.isEmpty else { return [] }
        let drops = try CampaignOutbox.redPacketDrops(campaignID: plan.id, due: -Double.infinity...now.timeIntervalSince1970, in: db)
        // Claims matching none of qundeck's own drops (imports, the demo's history) are neither booked nor
        // announced: their drops cannot be told apart reliably and announcing history would spam the group.
        let (outcomes, _) = RedPacketResults.outcomes(drops: drops, claims: claims)
        let settled = outcomes.filter { $0.bestLuck != nil && ($0.isEmptied || now.timeIntervalSince($0.drop.sentAt) >= 86_400) }
        return settled.sorted { ($0.drop.sentAt, $0.drop.groupID) < ($1.drop.sentAt, $1.drop.groupID) }
    }

    // MARK: booking

    /// Books what `plan` has earned by `now` in the caller's transaction: drafts already in the ledger are skipped;
    /// the rest go through `CampaignSpend.admit` (budget − ledger − reserved red packets). Each new booking is
    /// audited (`campaign reward` / `campaign prize`, with member and group) and its post queued when the plan has
    /// the message (`.reward`: "🎉 @{name} …"; best luck: `bestLuckPost`). When a payout would exceed the budget,
    /// nothing more is booked and the campaign stops like `queueCampaignPosts` does (paused, or audited
    /// `campaign budget stop` when it can no longer be paused).
    static func bookRewards(_ plan: inout CampaignPlan, actor: String, now: Date, in db: Database) throws -> CampaignRewardResult {
        var result = CampaignRewardResult()
        guard earnsRewards(plan) else { return result }
        let input = try facts(plan, now: now, in: db)
        let (rewards, luckOnly) = try earned(plan, facts: input, now: now, in: db)
        let groups = try groupsByID(in: db)

        // Best-luck announcements with nothing to book (no prize value, flash sales): once per drop by outbox key.
        for outcome in luckOnly {
            guard let winner = outcome.bestLuck else { continue }
            let name = try memberName(winner.groupID, winner.memberID, in: db)
            if let post = plan.bestLuckPost(for: outcome, name: name, group: groups[winner.groupID], at: now) {
                result.posts += try queue([post], plan: &plan, actor: actor, now: now, in: db).inserted
            }
        }
        guard !rewards.isEmpty else { return result }

        let keys = rewards.map(\.draft.dedupeKey)
        var booked = Set<String>()
        for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            booked.formUnion(try String.fetchAll(
                db, sql: "SELECT dedupe_key FROM ledger WHERE dedupe_key IN (\(marks))", arguments: StatementArguments(chunk)))
        }
        let fresh = rewards.filter { !booked.contains($0.draft.dedupeKey) }
        guard !fresh.isEmpty else { return result }
        let state = try budgetState(plan, now: now, in: db)
        let admitted = CampaignSpend.admit(fresh.map(\.draft), budget: plan.budget, spent: state.spent, reserved: state.reserved)
        let byKey = Dictionary(fresh.map { ($0.draft.dedupeKey, $0) }, uniquingKeysWith: { a, _ in a })

        for draft in admitted.book {
            guard try book([draft], now: now, in: db) == 1, let earned = byKey[draft.dedupeKey] else { continue }
            result.booked.append(draft)
            let memberID = draft.memberID ?? ""
            let name = try draft.groupID.flatMap { try memberName($0, memberID, in: db) } ?? memberID
            let prize = draft.kind == .prize
            try audit(db, at: now, actor: actor, action: prize ? "campaign prize" : "campaign reward", groupID: draft.groupID,
                      memberID: draft.memberID, campaignID: plan.id,
                      reason: "\(prize ? "prize" : "reward") \(draft.amount) to \(name): \(draft.note)", evidence: draft.dedupeKey)
            if let outcome = earned.bestLuck {
                if let post = plan.bestLuckPost(for: outcome, name: name, group: draft.groupID.flatMap { groups[$0] }, at: now) {
                    result.posts += try queue([post], plan: &plan, actor: actor, now: now, in: db).inserted
                }
            } else if let gid = draft.groupID, try insertRewardPost(plan, draft: draft, name: name, values: earned.values,
                                                                     group: groups[gid], now: now, in: db) {
                result.posts.append(draft.dedupeKey + ":post")
            }
        }
        if let message = admitted.message {
            result.owed = admitted.overBudget
            result.budgetStop = message
            try budgetStop(&plan, message: message, actor: actor, now: now, in: db)
        }
        return result
    }

    static func memberName(_ groupID: String, _ memberID: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT coalesce(nickname, display_name) FROM members WHERE group_id = ? AND member_id = ?", arguments: [groupID, memberID])
    }

    /// The "🎉 @{name} …" post for a booked reward, keyed `<dedupe key>:post`, when the plan has a `.reward` message.
    /// Spends nothing, so it needs no budget check. Returns whether it was inserted now.
    static func insertRewardPost(
        _ plan: CampaignPlan, draft: LedgerDraft, name: String, values: [String: String], group: Group?, now: Date, in db: Database
    ) throws -> Bool {
        var values = values
        values["name"] = name
        if let group { values["group"] = group.name }
        guard let gid = draft.groupID, let rendered = plan.render(.reward, values: values) else { return false }
        let command = try OutboxWrites.message(text: rendered.text, groupID: gid, mentioning: [draft.memberID].compactMap { $0 }, in: db)
        let queued = try OutboxWrites.enqueue(
            [OutboxDraft(idempotencyKey: draft.dedupeKey + ":post", groupID: gid, command: command, dueAt: now, campaignID: plan.id,
                         purpose: MessagePurpose.reward.rawValue)],
            now: now, in: db)
        return queued == [true]
    }
}
