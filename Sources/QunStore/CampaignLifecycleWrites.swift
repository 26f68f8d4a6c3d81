import Foundation
import GRDB
import QunCore

// Campaigns in the store (issue 6): whole plans next to their summary rows, audited lifecycle moves,
// budget-checked queuing into the outbox, lottery draws with recorded seeds, and the scheduler tick that
// `qundeck run` and the dashboard share. See docs/campaigns.md, "Integration".

/// What queuing a slot's posts did.
public struct CampaignQueueResult: Hashable, Sendable {
    /// Idempotency keys inserted now.
    public var inserted: [String] = []
    /// Keys that were already in the outbox (another process, an earlier tick or a double press).
    public var alreadyQueued: [String] = []
    /// The budget check's message when the posts would exceed the budget: nothing was queued and the
    /// campaign was paused.
    public var budgetStop: String?

    public init(inserted: [String] = [], alreadyQueued: [String] = [], budgetStop: String? = nil) {
        self.inserted = inserted
        self.alreadyQueued = alreadyQueued
        self.budgetStop = budgetStop
    }

    mutating func merge(_ other: CampaignQueueResult) {
        inserted += other.inserted
        alreadyQueued += other.alreadyQueued
        budgetStop = budgetStop ?? other.budgetStop
    }
}

/// What one scheduler tick (or a trigger) did for one campaign.
public struct CampaignTickReport: Hashable, Sendable {
    public var campaignID: String
    public var name: String
    public var transitions: [CampaignTransition] = []
    public var queue = CampaignQueueResult()
    /// "skipped 2026-11-11T11:00 in g1: 40 min late (limit 30 min)"
    public var skipped: [String] = []
    public var draw: LotteryDraw?
    /// Rewards and prizes booked (and their posts queued) by this tick.
    public var rewards = CampaignRewardResult()

    public init(campaignID: String, name: String) {
        self.campaignID = campaignID
        self.name = name
    }

    /// True when the tick changed anything.
    public var didSomething: Bool {
        !transitions.isEmpty || !queue.inserted.isEmpty || !skipped.isEmpty || draw != nil || queue.budgetStop != nil
            || rewards.didSomething
    }
}

/// Spend against the budget right now.
public struct CampaignBudgetState: Hashable, Sendable {
    public var budget: Money
    /// The ledger sum.
    public var spent: Money
    /// Red packets out (or queued) in the last 24 h and not yet claimed.
    public var reserved: Money
    public var remaining: Money { budget - spent - reserved }
}

extension SQLiteStore {
    // MARK: plans

    /// Saves the plan (its summary row and the whole plan as JSON). The row's `next_run_at` is the plan's next
    /// slot after `now` while it is live.
    public func saveCampaignPlan(_ plan: CampaignPlan, now: Date = Date()) throws {
        try pool.write { db in try Self.savePlan(plan, now: now, in: db) }
    }

    static func savePlan(_ plan: CampaignPlan, now: Date, in db: Database) throws {
        let next = CampaignLifecycle.isLive(plan.status)
            ? plan.nextRuns(after: now, zones: try zones(in: db), limit: 1).first?.dueAt : nil
        try saveCampaign(plan.campaign(nextRunAt: next), in: db)
        try db.execute(sql: "UPDATE campaigns SET plan_json = ? WHERE id = ?", arguments: [try plan.jsonString(), plan.id])
    }

    /// Creates a campaign from `plan`: refuses plans with `problems()` or unknown groups, makes the id unique
    /// (`-2`, `-3` … when taken), saves it as a draft (audited "campaign create") and, unless `draft`, moves it to
    /// scheduled (audited). The scheduler's cursor starts at `now`. Returns the plan as saved.
    @discardableResult
    public func createCampaign(_ plan: CampaignPlan, draft: Bool = false, actor: String, now: Date = Date()) throws -> CampaignPlan {
        if let problem = plan.problems().first { throw StoreError.invalid("campaign \(problem)") }
        return try pool.write { db in
            let known = Set(try String.fetchAll(db, sql: "SELECT id FROM groups"))
            if let unknown = plan.groupIDs.first(where: { !known.contains($0) }) { throw StoreError.unknownGroup(unknown) }
            var plan = plan
            let base = plan.id
            var n = 1
            while try Int.fetchOne(db, sql: "SELECT count(*) FROM campaigns WHERE id = ?", arguments: [plan.id])! > 0 {
                n += 1
                plan.id = "\(base)-\(n)"
            }
            plan.status = .draft
            try Self.savePlan(plan, now: now, in: db)
            try Self.audit(db, at: now, actor: actor, action: "campaign create", campaignID: plan.id,
                      reason: "campaign \(plan.id) 「\(plan.name)」: \(plan.type.rawValue) in \(plan.groupIDs.joined(separator: ", ")), budget \(plan.budget)")
            try Self.setCursor(plan.id, now, in: db)
            if !draft {
                try Self.apply(CampaignLifecycle.transition(from: .draft, to: .scheduled), to: &plan, actor: actor, reason: nil, now: now, in: db)
            }
            return plan
        }
    }

    /// The stored plan (`plan_json`), or — for rows saved without one (older stores, the demo) — the row lifted
    /// into a plan with the template's defaults. The row's status always wins.
    public func campaignPlan(id: String) throws -> CampaignPlan? {
        try pool.read { db in try Self.loadPlan(id: id, in: db) }
    }

    public func campaignPlans() throws -> [CampaignPlan] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaigns ORDER BY created_at, id").map { try Self.plan(from: $0, in: db) }
        }
    }

    static func loadPlan(id: String, in db: Database) throws -> CampaignPlan? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM campaigns WHERE id = ?", arguments: [id]) else { return nil }
        return try plan(from: row, in: db)
    }

    static func plan(from row: Row, in db: Database) throws -> CampaignPlan {
        let campaign = StoreDecoding.campaign(row)
        if let json: String = row["plan_json"], var plan = try? CampaignPlan.fromJSON(json) {
            plan.status = campaign.status
            return plan
        }
        let zone = try zones(in: db)[campaign.groupIDs.first ?? ""] ?? TimeZone(identifier: Group.defaultTimeZoneID)!
        return CampaignPlan(campaign: campaign, zone: zone)
    }

    static func requirePlan(_ id: String, in db: Database) throws -> CampaignPlan {
        guard let plan = try loadPlan(id: id, in: db) else { throw StoreError.unknownCampaign(id) }
        return plan
    }

    static func zones(in db: Database) throws -> [String: TimeZone] {
        Dictionary(uniqueKeysWithValues: try StoreDecoding.groups(in: db).map { ($0.id, $0.timeZone) })
    }

    static func groupsByID(in db: Database) throws -> [String: Group] {
        Dictionary(uniqueKeysWithValues: try StoreDecoding.groups(in: db).map { ($0.id, $0) })
    }

    // MARK: lifecycle

    /// Pause, resume, cancel … (`CampaignLifecycle.transition(for:from:startsAt:now:)`), audited.
    /// Resuming restarts the scheduler's cursor at `now`: slots that fell in the pause are not posted.
    @discardableResult
    public func transitionCampaign(
        id: String, command: CampaignLifecycle.Command, actor: String, reason: String? = nil, now: Date = Date()
    ) throws -> CampaignTransition {
        try pool.write { db in
            var plan = try Self.requirePlan(id, in: db)
            let move = try Self.lifecycle { try CampaignLifecycle.transition(for: command, from: plan.status, startsAt: plan.schedule.startsAt, now: now) }
            try Self.apply(move, to: &plan, actor: actor, reason: reason, now: now, in: db)
            return move
        }
    }

    /// Moves a campaign to `target` when the lifecycle allows it, audited.
    @discardableResult
    public func transitionCampaign(id: String, to target: CampaignStatus, actor: String, reason: String? = nil, now: Date = Date()) throws
        -> CampaignTransition
    {
        try pool.write { db in
            var plan = try Self.requirePlan(id, in: db)
            let move = try Self.lifecycle { try CampaignLifecycle.transition(from: plan.status, to: target) }
            try Self.apply(move, to: &plan, actor: actor, reason: reason, now: now, in: db)
            return move
        }
    }

    static func lifecycle<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CampaignTransitionError { throw StoreError.invalid(error.description) }
    }

    static func apply(_ move: CampaignTransition, to plan: inout CampaignPlan, actor: String, reason: String?, now: Date, in db: Database) throws {
        plan.status = move.to
        try savePlan(plan, now: now, in: db)
        try CampaignOutbox.follow(move, campaignID: plan.id, now: now, in: db)
        try audit(db, at: now, actor: actor, action: move.action, campaignID: plan.id,
                  reason: move.describe(campaignID: plan.id, name: plan.name, reason: reason), before: move.from.rawValue)
        if move.from == .paused, CampaignLifecycle.isLive(move.to) { try setCursor(plan.id, now, in: db) }
    }

    static func audit(
        _ db: Database, at: Date, actor: String, action: String, groupID: String? = nil, memberID: String? = nil, campaignID: String,
        reason: String?, evidence: String? = nil, before: String? = nil
    ) throws {
        try AuditWrites.record(
            AuditDraft(at: at, actor: actor, action: action, groupID: groupID, memberID: memberID, campaignID: campaignID, reason: reason,
                       evidence: evidence, before: before), in: db)
    }

    // MARK: budget and queuing

    /// The campaign's spend so far (ledger) and what is reserved for red packets still being claimed.
    public func campaignBudget(id: String, now: Date = Date()) throws -> CampaignBudgetState {
        try pool.read { db in
            let plan = try Self.requirePlan(id, in: db)
            return try Self.budgetState(plan, now: now, in: db)
        }
    }

    static func budgetState(_ plan: CampaignPlan, now: Date, in db: Database) throws -> CampaignBudgetState {
        let spent = try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amount_fen), 0) FROM ledger WHERE campaign_id = ?", arguments: [plan.id]) ?? 0
        let window = now.addingTimeInterval(-86_400).timeIntervalSince1970
        let drops = try CampaignOutbox.redPacketDrops(campaignID: plan.id, due: window.nextUp...Double.infinity, in: db)
            .map { drop in
                var drop = drop
                drop.sentAt = min(drop.sentAt, now)
                return drop
            }
        var reserved = Money.zero
        if !drops.isEmpty {
            let claims = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, member_id, group_id, amount_fen, ts FROM events
                    WHERE campaign_id = ? AND kind = 'redpacket_claim' AND amount_fen IS NOT NULL AND ts > ?
                    ORDER BY ts, seq
                    """,
                arguments: [plan.id, window - 86_400]
            ).map {
                RedPacketClaim(memberID: $0["member_id"], groupID: $0["group_id"], amount: Money(fen: $0["amount_fen"]),
                               claimedAt: Date(timeIntervalSince1970: $0["ts"]), sequence: $0["seq"])
            }
            reserved = CampaignSpend.outstanding(RedPacketResults.outcomes(drops: drops, claims: claims).outcomes, now: now)
        }
        return CampaignBudgetState(budget: plan.budget, spent: Money(fen: spent), reserved: reserved)
    }

    /// Queues a slot's posts in ONE write transaction: the budget check (ledger + reserved red packets vs
    /// `CampaignSpend.proposed` of the posts not yet in the outbox) and then the inserts (`OR IGNORE` by
    /// idempotency key). When the posts would exceed the budget nothing is inserted, the campaign is paused
    /// and the check's message is audited. Posts that spend nothing are never stopped.
    @discardableResult
    public func queueCampaignPosts(plan: CampaignPlan, posts: [CampaignPost], actor: String = "scheduler", now: Date = Date()) throws
        -> CampaignQueueResult
    {
        try pool.write { db in
            var stored = try Self.requirePlan(plan.id, in: db)
            return try Self.queue(posts, plan: &stored, actor: actor, now: now, in: db)
        }
    }

    static func queue(_ posts: [CampaignPost], plan: inout CampaignPlan, actor: String, now: Date, in db: Database) throws -> CampaignQueueResult {
        var result = CampaignQueueResult()
        var fresh: [CampaignPost] = []
        var seen = Set<String>()
        for post in posts where seen.insert(post.idempotencyKey).inserted {
            if try OutboxWrites.isQueued(post.idempotencyKey, in: db) {
                result.alreadyQueued.append(post.idempotencyKey)
            } else {
                fresh.append(post)
            }
        }
        let proposed = CampaignSpend.proposed(fresh)
        if proposed.fen > 0 {
            let state = try budgetState(plan, now: now, in: db)
            let check = BudgetCheck(budget: plan.budget, spent: state.spent, reserved: state.reserved, proposed: proposed)
            if let message = check.message {
                try budgetStop(&plan, message: message, actor: actor, now: now, in: db)
                result.budgetStop = message
                return result
            }
        }
        for post in fresh {
            let draft = OutboxDraft(
                idempotencyKey: post.idempotencyKey, groupID: post.groupID, command: try OutboxWrites.command(for: post, in: db), dueAt: post.dueAt,
                campaignID: post.campaignID, purpose: post.purpose.rawValue)
            if try OutboxWrites.enqueue([draft], now: now, in: db) == [true] {
                result.inserted.append(post.idempotencyKey)
            } else {
                result.alreadyQueued.append(post.idempotencyKey)
            }
        }
        return result
    }

    /// The budget stop: pause (when the lifecycle allows it) and audit the check's message.
    static func budgetStop(_ plan: inout CampaignPlan, message: String, actor: String, now: Date, in db: Database) throws {
        if CampaignLifecycle.canTransition(from: plan.status, to: .paused) {
            try apply(CampaignLifecycle.transition(from: plan.status, to: .paused), to: &plan, actor: actor, reason: message, now: now, in: db)
        } else {
            try audit(db, at: now, actor: actor, action: "campaign budget stop", campaignID: plan.id, reason: message)
        }
    }

    /// Books ledger drafts idempotently (`dedupe_key` UNIQUE, OR IGNORE); returns how many were new.
    static func book(_ drafts: [LedgerDraft], now: Date, in db: Database) throws -> Int {
        var booked = 0
        for d in drafts {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO ledger (campaign_id, kind, amount_fen, member_id, group_id, note, recorded_at, dedupe_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [d.campaignID, d.kind.rawValue, d.amount.fen, d.memberID, d.groupID, d.note, now.timeIntervalSince1970, d.dedupeKey])
            booked += db.changesCount
        }
        return booked
    }

    // MARK: trigger

    /// "Trigger now": one manual slot per target group at `now` (`ScheduledSlot.manualTrigger`), through the same
    /// budget-checked transaction as the scheduler. A draft or scheduled campaign starts (audited); a paused,
    /// completed or cancelled one is refused. A lottery triggers its draw (once; re-draws are `drawLottery`).
    @discardableResult
    public func triggerCampaign(id: String, actor: String, now: Date = Date(), seed: UInt64? = nil) throws -> CampaignTickReport {
        try pool.write { db in
            var plan = try Self.requirePlan(id, in: db)
            var report = CampaignTickReport(campaignID: plan.id, name: plan.name)
            if case .welcome = plan.rules {
                throw StoreError.invalid("campaign \(id) is a welcome: it posts on each join, there is nothing to trigger")
            }
            if plan.slotWork == .lotteryDraw, try Self.draws(id, in: db).count > 0 {
                throw StoreError.invalid("campaign \(id) has already been drawn; re-draw with `qundeck campaign redraw \(id)`")
            }
            if let move = try Self.lifecycle({ try CampaignLifecycle.transitionForTrigger(from: plan.status) }) {
                try Self.apply(move, to: &plan, actor: actor, reason: "triggered", now: now, in: db)
                report.transitions.append(move)
            }
            if plan.slotWork == .lotteryDraw {
                let (draw, queued) = try Self.drawLottery(&plan, seed: seed, winners: nil, actor: actor, now: now, in: db)
                report.draw = draw
                report.queue = queued
                return report
            }
            let groups = try Self.groupsByID(in: db)
            let zones = try Self.zones(in: db)
            let posts = plan.groupIDs.flatMap { gid in
                plan.posts(for: ScheduledSlot.manualTrigger(campaignID: plan.id, groupID: gid, at: now, in: zones[gid] ?? TimeZone(identifier: Group.defaultTimeZoneID)!), group: groups[gid])
            }
            report.queue = try Self.queue(posts, plan: &plan, actor: actor, now: now, in: db)
            if report.queue.budgetStop == nil {
                try Self.audit(db, at: now, actor: actor, action: "campaign trigger", campaignID: plan.id,
                               reason: "\(report.queue.inserted.count) item(s) queued, \(report.queue.alreadyQueued.count) already queued")
            }
            try Self.savePlan(plan, now: now, in: db)
            return report
        }
    }

    // MARK: lottery

    /// The campaign's draws, first round first.
    public func lotteryDraws(campaignID: String) throws -> [LotteryDraw] {
        try pool.read { db in try Self.draws(campaignID, in: db) }
    }

    static func draws(_ campaignID: String, in db: Database) throws -> [LotteryDraw] {
        let decoder = JSONDecoder()
        return try String.fetchAll(db, sql: "SELECT draw_json FROM lottery_draws WHERE campaign_id = ? ORDER BY round", arguments: [campaignID])
            .map { try decoder.decode(LotteryDraw.self, from: Data($0.utf8)) }
    }

    /// The entrants' facts now: one row per member of each target group.
    public func lotteryEntrants(groupIDs: [String]) throws -> [LotteryEntrant] {
        try pool.read { db in try Self.entrants(groupIDs, in: db) }
    }

    static func entrants(_ groupIDs: [String], in db: Database) throws -> [LotteryEntrant] {
        guard !groupIDs.isEmpty else { return [] }
        let marks = groupIDs.map { _ in "?" }.joined(separator: ",")
        return try Row.fetchAll(
            db, sql: "SELECT group_id, member_id, role, status, joined_at, message_count, checkin_count FROM members WHERE group_id IN (\(marks))",
            arguments: StatementArguments(groupIDs)
        ).map { row in
            let status = MemberStatus(rawValue: row["status"]) ?? .active
            let role = MemberRole(rawValue: row["role"]) ?? .member
            return LotteryEntrant(
                memberID: row["member_id"], groupID: row["group_id"], stillInGroup: (status == .active || status == .muted) && role != .pending,
                joinedAt: StoreDecoding.date(row, "joined_at"), messages: row["message_count"] ?? 0, checkinDays: row["checkin_count"] ?? 0,
                role: role)
        }
    }

    /// Draws the lottery (round 1) or, when it has been drawn, re-draws `winners` more (default: the rules'
    /// count) excluding every earlier winner. The seed (random when nil) is recorded with the draw before anything
    /// else uses it; prizes are booked (budget-checked) and the winners' posts queued, all in one transaction.
    @discardableResult
    public func drawLottery(campaignID: String, seed: UInt64? = nil, winners: Int? = nil, actor: String, now: Date = Date()) throws
        -> (draw: LotteryDraw?, queue: CampaignQueueResult)
    {
        try pool.write { db in
            var plan = try Self.requirePlan(campaignID, in: db)
            guard plan.slotWork == .lotteryDraw else { throw StoreError.invalid("campaign \(campaignID) is not a lottery") }
            return try Self.drawLottery(&plan, seed: seed, winners: winners, actor: actor, now: now, in: db)
        }
    }

    static func drawLottery(_ plan: inout CampaignPlan, seed: UInt64?, winners: Int?, actor: String, now: Date, in db: Database) throws
        -> (LotteryDraw?, CampaignQueueResult)
    {
        guard case let .lottery(rules) = plan.rules else { throw StoreError.invalid("campaign \(plan.id) is not a lottery") }
        let seed = seed ?? UInt64.random(in: .min ... .max)
        let entrants = try entrants(plan.groupIDs, in: db)
        let previous = try draws(plan.id, in: db)
        let count = winners ?? rules.winners
        let draw = previous.last.map { $0.redraw(entrants: entrants, eligibility: rules.eligibility, winners: count, seed: seed) }
            ?? LotteryDraw.draw(entrants: entrants, eligibility: rules.eligibility, winners: count, seed: seed)
        let prizes = CampaignSpend.lotteryPrizes(draw, rules: rules, campaignID: plan.id)
        let state = try budgetState(plan, now: now, in: db)
        let proposed = prizes.reduce(Money.zero) { $0 + $1.amount }
        if let message = BudgetCheck(budget: plan.budget, spent: state.spent, reserved: state.reserved, proposed: proposed).message {
            try budgetStop(&plan, message: message, actor: actor, now: now, in: db)
            return (nil, CampaignQueueResult(budgetStop: message))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try db.execute(
            sql: "INSERT INTO lottery_draws (campaign_id, round, seed, draw_json, drawn_at, actor) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [plan.id, draw.round, String(draw.seed), String(decoding: try encoder.encode(draw), as: UTF8.self),
                        now.timeIntervalSince1970, actor])
        _ = try book(prizes, now: now, in: db)
        let ids = draw.winners.map(\.memberID)
        var names: [String: String] = [:]
        for w in draw.winners {
            names[w.memberID] = try String.fetchOne(
                db, sql: "SELECT coalesce(nickname, display_name) FROM members WHERE group_id = ? AND member_id = ?",
                arguments: [w.groupID, w.memberID])
        }
        let posts = plan.winnerPosts(for: draw, names: names, groups: try groupsByID(in: db), at: now)
        let queued = try queue(posts, plan: &plan, actor: actor, now: now, in: db)
        let shortfall = draw.shortfall > 0 ? "; \(draw.shortfall) prize(s) not given: the pool is too small" : ""
        try audit(db, at: now, actor: actor, action: draw.round == 1 ? "campaign draw" : "campaign redraw", campaignID: plan.id,
                  reason: "round \(draw.round), seed \(draw.seed): \(ids.isEmpty ? "no winner" : ids.joined(separator: ", "))"
                      + " of \(draw.pool.count) eligible\(shortfall)",
                  evidence: "seed=\(draw.seed) pool=\(draw.pool.count) excluded=\(draw.previousWinners.count)")
        return (draw, queued)
    }

    // MARK: the scheduler

    /// Where the scheduler stopped for this campaign (nil before its first tick).
    public func campaignLastRun(id: String) throws -> Date? {
        try pool.read { db in try Self.cursor(id, in: db) }
    }

    static func cursor(_ id: String, in db: Database) throws -> Date? {
        try Double.fetchOne(db, sql: "SELECT last_run FROM campaign_runs WHERE campaign_id = ?", arguments: [id]).map(Date.init(timeIntervalSince1970:))
    }

    static func setCursor(_ id: String, _ at: Date, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO campaign_runs (campaign_id, last_run) VALUES (?, ?) ON CONFLICT(campaign_id) DO UPDATE SET last_run = excluded.last_run",
            arguments: [id, at.timeIntervalSince1970])
    }

    /// One scheduler tick at `now`, one write transaction per live campaign: automatic lifecycle moves, the
    /// slots due since the campaign's cursor (each in its group's zone, after the catch-up policy; skipped ones
    /// audited), their posts budget-checked into the outbox (a lottery slot runs the draw), welcomes for joins
    /// since the cursor, and the cursor moved to `now`. Safe to run from several processes at once: the cursor is
    /// read inside the transaction and the outbox's unique idempotency key refuses a second copy of any slot.
    /// Returns a report for each campaign the tick changed.
    @discardableResult
    public func runDue(now: Date = Date(), actor: String = "scheduler") throws -> [CampaignTickReport] {
        let ids = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM campaigns WHERE status IN ('scheduled', 'running') ORDER BY id")
        }
        var reports: [CampaignTickReport] = []
        for id in ids {
            if let report = try pool.write({ db in try Self.tick(id, now: now, actor: actor, in: db) }), report.didSomething {
                reports.append(report)
            }
        }
        // Completed campaigns keep booking what was earned in their window while it settles (invites qualify
        // days after the join, packets are claimed for 24 h).
        let settling = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM campaigns WHERE status = 'completed' ORDER BY id")
        }
        for id in settling {
            if let report = try pool.write({ db in try Self.settle(id, now: now, actor: actor, in: db) }), report.didSomething {
                reports.append(report)
            }
        }
        return reports
    }

    /// Rewards only, for a completed campaign still inside its settle period (`rewardSettlePeriod` after its end).
    static func settle(_ id: String, now: Date, actor: String, in db: Database) throws -> CampaignTickReport? {
        guard var plan = try loadPlan(id: id, in: db), plan.status == .completed, earnsRewards(plan) else { return nil }
        guard let ended = try plan.schedule.endsAt ?? cursor(plan.id, in: db), now <= ended.addingTimeInterval(rewardSettlePeriod(plan))
        else { return nil }
        var report = CampaignTickReport(campaignID: plan.id, name: plan.name)
        report.rewards = try bookRewards(&plan, actor: actor, now: now, in: db)
        return report
    }

    static func tick(_ id: String, now: Date, actor: String, in db: Database) throws -> CampaignTickReport? {
        guard var plan = try loadPlan(id: id, in: db), CampaignLifecycle.isLive(plan.status) else { return nil }
        var report = CampaignTickReport(campaignID: plan.id, name: plan.name)
        let policy = CatchUpPolicy.default(for: plan.type)
        // Without a cursor (a campaign saved by an older qundeck or the demo), only slots still worth posting.
        let lastRun = try cursor(plan.id, in: db) ?? max(plan.createdAt, now.addingTimeInterval(-(policy.maxLateness ?? policy.maxLookback)))
        guard lastRun < now else { return report }
        let zones = try zones(in: db)
        let groups = try groupsByID(in: db)

        if plan.status == .scheduled,
            let move = CampaignLifecycle.automaticTransition(status: .scheduled, schedule: plan.schedule, now: now)
        {
            try apply(move, to: &plan, actor: actor, reason: "start reached", now: now, in: db)
            report.transitions.append(move)
        }

        let due = plan.dueSlots(between: lastRun, and: now, zones: zones, policy: policy)
        for skip in due.skipped {
            let text = skip.describe(policy: policy)
            try audit(db, at: now, actor: actor, action: "campaign skip", groupID: skip.slot.groupID, campaignID: plan.id, reason: text,
                      evidence: skip.slot.idempotencyKey)
            report.skipped.append(text)
        }
        if due.lookbackTruncated {
            try audit(db, at: now, actor: actor, action: "campaign skip", campaignID: plan.id,
                      reason: "the scheduler was stopped for more than \(Int(policy.maxLookback / 86_400)) days; older slots were not posted")
        }

        if plan.slotWork == .lotteryDraw {
            if !due.due.isEmpty, try draws(plan.id, in: db).isEmpty {
                let (draw, queued) = try drawLottery(&plan, seed: nil, winners: nil, actor: actor, now: now, in: db)
                report.draw = draw
                report.queue.merge(queued)
            }
        } else if case .welcome = plan.rules {
            let joins = try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE kind = 'join' AND ts > ? AND ts <= ? ORDER BY ts, seq",
                arguments: [lastRun.addingTimeInterval(-(policy.maxLateness ?? 0)).timeIntervalSince1970, now.timeIntervalSince1970]
            ).map(StoreDecoding.event)
            var posts: [CampaignPost] = []
            for gid in plan.groupIDs {
                guard let group = groups[gid] else { continue }
                posts += plan.welcomePosts(for: joins, group: group).filter { !policy.isTooLate(dueAt: $0.dueAt, now: now) && $0.dueAt <= now }
            }
            report.queue.merge(try queue(posts, plan: &plan, actor: actor, now: now, in: db))
        } else {
            for slot in due.due where report.queue.budgetStop == nil {
                report.queue.merge(try queue(plan.posts(for: slot, group: groups[slot.groupID]), plan: &plan, actor: actor, now: now, in: db))
            }
        }

        // Rewards and prizes earned so far, in this same transaction (budget-checked, booked once by dedupe key).
        if report.queue.budgetStop == nil, CampaignLifecycle.isLive(plan.status) {
            report.rewards = try bookRewards(&plan, actor: actor, now: now, in: db)
        }

        if plan.status == .running,
            let move = CampaignLifecycle.automaticTransition(status: .running, schedule: plan.schedule, now: now, hasUnpostedSlots: false)
        {
            try apply(move, to: &plan, actor: actor, reason: "schedule finished", now: now, in: db)
            report.transitions.append(move)
        }
        // Welcomes look back over their lateness window each tick; the cursor keeps the clock slots exact.
        try setCursor(plan.id, now, in: db)
        try savePlan(plan, now: now, in: db)
        return report
    }

    // MARK: reading a campaign

    /// The campaign's outbox items, oldest first.
    public func campaignOutbox(id: String) throws -> [OutboxItem] {
        try pool.read { db in
            try OutboxItem.fetchAll(db, sql: "SELECT * FROM outbox WHERE campaign_id = ? ORDER BY due_at, id", arguments: [id])
        }
    }

    /// The campaign's audit timeline, oldest first.
    public func campaignAudit(id: String) throws -> [AuditEntry] {
        try pool.read { db in
            try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE campaign_id = ? ORDER BY at, id", arguments: [id])
        }
    }

    /// The campaign's ledger, oldest first.
    public func campaignLedger(id: String) throws -> [LedgerEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE campaign_id = ? ORDER BY recorded_at, id", arguments: [id]).map { r in
                LedgerEntry(
                    id: r["id"], campaignID: r["campaign_id"], kind: LedgerKind(rawValue: r["kind"]) ?? .other,
                    amount: Money(fen: r["amount_fen"]), memberID: r["member_id"], groupID: r["group_id"], note: r["note"],
                    recordedAt: Date(timeIntervalSince1970: r["recorded_at"]))
            }
        }
    }

    /// Each group's time zone (Asia/Shanghai for groups the store does not know).
    public func groupZones() throws -> [String: TimeZone] {
        try pool.read { db in try Self.zones(in: db) }
    }
}
