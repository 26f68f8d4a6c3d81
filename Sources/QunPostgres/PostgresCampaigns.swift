import Foundation
import QunCore
import QunStore

// Campaign writes and the scheduler on PostgreSQL, with SQLite's behaviour: QunCore's `CampaignCreation`,
// `CampaignDecision`, `CampaignTrigger` and `CampaignTick` decide; each call is one transaction that locks the
// campaign, reads its snapshot and applies the decision.

extension PostgresStore: CampaignRepository {
    public func saveCampaign(_ campaign: Campaign) throws {
        try write { s in try Self.saveCampaign(campaign, in: s) }
    }

    /// Saves the plan (its summary row and the whole plan as JSON); `next_run_at` is its next slot while it is live.
    public func saveCampaignPlan(_ plan: CampaignPlan, now: Date = Date()) throws {
        try write { s in
            try Self.persist([.savePlan(plan, nextRunAt: plan.nextRunAt(after: now, zones: try Self.zones(in: s)))], in: s)
        }
    }

    /// Creates a campaign from `plan` (`CampaignCreation`). Creations take turns (an advisory lock), so two admins
    /// creating the same id get `id` and `id-2`, never one overwriting the other.
    @discardableResult
    public func createCampaign(_ plan: CampaignPlan, draft: Bool = false, actor: String, now: Date = Date()) throws -> CampaignPlan {
        try write { s in
            try s.execute("SELECT pg_advisory_xact_lock(hashtext('qundeck-campaign-create'))")
            let groups = try Self.groupsByID(in: s)
            let taken = Set(try s.query("SELECT id FROM campaigns").map { try $0.string("id") })
            let decision = try StoreError.deciding {
                try CampaignCreation.plan(plan, draft: draft, takenIDs: taken, groups: groups, actor: actor, now: now)
            }
            try Self.persist(decision.effects, in: s)
            return decision.plan
        }
    }

    @discardableResult
    public func transitionCampaign(
        id: String, command: CampaignLifecycle.Command, actor: String, reason: String? = nil, now: Date = Date()
    ) throws -> CampaignTransition {
        try write { s in
            try Self.decide(id, now: now, in: s) { try CampaignDecision.transition($0, command: command, reason: reason, now: now, actor: actor) }
        }
    }

    @discardableResult
    public func transitionCampaign(id: String, to target: CampaignStatus, actor: String, reason: String? = nil, now: Date = Date()) throws
        -> CampaignTransition
    {
        try write { s in
            try Self.decide(id, now: now, in: s) { try CampaignDecision.transition($0, to: target, reason: reason, now: now, actor: actor) }
        }
    }

    @discardableResult
    public func queueCampaignPosts(plan: CampaignPlan, posts: [CampaignPost], actor: String = "scheduler", now: Date = Date()) throws
        -> CampaignQueueResult
    {
        try write { s in
            try Self.decide(plan.id, now: now, askedKeys: posts.map(\.idempotencyKey), in: s) {
                CampaignDecision.queue($0, posts: posts, now: now, actor: actor)
            }
        }
    }

    @discardableResult
    public func drawLottery(campaignID: String, seed: UInt64? = nil, winners: Int? = nil, actor: String, now: Date = Date()) throws
        -> (draw: LotteryDraw?, queue: CampaignQueueResult)
    {
        let seed = seed ?? UInt64.random(in: .min ... .max)
        return try write { s in
            try Self.decide(campaignID, now: now, in: s) { try CampaignDecision.drawLottery($0, seed: seed, winners: winners, now: now, actor: actor) }
        }
    }

    @discardableResult
    public func triggerCampaign(id: String, actor: String, now: Date = Date(), seed: UInt64? = nil) throws -> CampaignTickReport {
        let seed = seed ?? UInt64.random(in: .min ... .max)
        return try write { s in
            try Self.decide(id, now: now, in: s) { try CampaignTrigger.plan($0, now: now, actor: actor, seed: seed) }
        }
    }

    /// One scheduler pass at `now` (`CampaignSchedulerPass`): one transaction per campaign. Reports the campaigns
    /// the pass changed.
    @discardableResult
    public func runDue(now: Date = Date(), actor: String = "scheduler") throws -> [CampaignTickReport] {
        try CampaignSchedulerPass.run(
            now: now, actor: actor,
            campaignIDs: { statuses in
                try read { s in
                    try s.query("SELECT id FROM campaigns WHERE status = ANY($1) ORDER BY id", [.textArray(statuses.map(\.rawValue))])
                        .map { try $0.string("id") }
                }
            },
            decide: { id, decide in try write { s in try Self.decide(id, now: now, in: s, decide) } })
    }
}
