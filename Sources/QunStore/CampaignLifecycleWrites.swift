import Foundation
import GRDB
import QunCore

// Campaign writes an admin asks for (issue 6): plans saved whole next to their summary rows, audited lifecycle
// moves, budget-checked queuing into the outbox, lottery draws with recorded seeds. QunCore's `CampaignDecision`
// decides; each call reads the campaign's snapshot and applies the decision in ONE write transaction.
// See docs/campaigns.md, "Integration".

extension SQLiteStore {
    /// Saves the plan (its summary row and the whole plan as JSON). The row's `next_run_at` is the plan's next
    /// slot after `now` while it is live.
    public func saveCampaignPlan(_ plan: CampaignPlan, now: Date = Date()) throws {
        try pool.write { db in
            try Self.persist([.savePlan(plan, nextRunAt: plan.nextRunAt(after: now, zones: try Self.zones(in: db)))], in: db)
        }
    }

    /// Creates a campaign from `plan` (`CampaignCreation`): refuses plans with `problems()` or unknown groups, makes
    /// the id unique, saves it as a draft (audited) and, unless `draft`, moves it to scheduled (audited). The
    /// scheduler's cursor starts at `now`. Returns the plan as saved.
    @discardableResult
    public func createCampaign(_ plan: CampaignPlan, draft: Bool = false, actor: String, now: Date = Date()) throws -> CampaignPlan {
        try pool.write { db in
            let groups = try Self.groupsByID(in: db)
            let taken = Set(try String.fetchAll(db, sql: "SELECT id FROM campaigns"))
            let decision = try StoreError.deciding {
                try CampaignCreation.plan(
                    plan, draft: draft, takenIDs: taken, groups: groups, actor: actor, now: now)
            }
            try Self.persist(decision.effects, in: db)
            return decision.plan
        }
    }

    /// Pause, resume, cancel … (`CampaignLifecycle.transition(for:from:startsAt:now:)`), audited.
    /// Resuming restarts the scheduler's cursor at `now`: slots that fell in the pause are not posted.
    @discardableResult
    public func transitionCampaign(
        id: String, command: CampaignLifecycle.Command, actor: String, reason: String? = nil, now: Date = Date()
    ) throws -> CampaignTransition {
        try pool.write { db in
            try Self.decide(id, now: now, in: db) { try CampaignDecision.transition($0, command: command, reason: reason, now: now, actor: actor) }
        }
    }

    /// Moves a campaign to `target` when the lifecycle allows it, audited.
    @discardableResult
    public func transitionCampaign(id: String, to target: CampaignStatus, actor: String, reason: String? = nil, now: Date = Date()) throws
        -> CampaignTransition
    {
        try pool.write { db in
            try Self.decide(id, now: now, in: db) { try CampaignDecision.transition($0, to: target, reason: reason, now: now, actor: actor) }
        }
    }

    /// Queues a slot's posts in ONE write transaction (`CampaignDecision.queue`): the budget check and then the
    /// inserts. When the posts would exceed the budget nothing is inserted, the campaign is paused and the check's
    /// message is audited. Posts that spend nothing are never stopped.
    @discardableResult
    public func queueCampaignPosts(plan: CampaignPlan, posts: [CampaignPost], actor: String = "scheduler", now: Date = Date()) throws
        -> CampaignQueueResult
    {
        try pool.write { db in
            try Self.decide(plan.id, now: now, askedKeys: posts.map(\.idempotencyKey), in: db) {
                CampaignDecision.queue($0, posts: posts, now: now, actor: actor)
            }
        }
    }

    /// Draws the lottery (round 1) or, when it has been drawn, re-draws `winners` more (default: the rules'
    /// count) excluding every earlier winner. The seed (random when nil) is recorded with the draw before anything
    /// else uses it; prizes are booked (budget-checked) and the winners' posts queued, all in one transaction.
    @discardableResult
    public func drawLottery(campaignID: String, seed: UInt64? = nil, winners: Int? = nil, actor: String, now: Date = Date()) throws
        -> (draw: LotteryDraw?, queue: CampaignQueueResult)
    {
        let seed = seed ?? UInt64.random(in: .min ... .max)
        return try pool.write { db in
            try Self.decide(campaignID, now: now, in: db) { try CampaignDecision.drawLottery($0, seed: seed, winners: winners, now: now, actor: actor) }
        }
    }
}
