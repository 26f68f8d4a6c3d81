import Foundation
import QunCore

/// Campaigns from plan to ledger: lifecycle transitions, budgets, the scheduler's ticks, lotteries.
public protocol CampaignRepository: Sendable {
    func saveCampaign(_ campaign: Campaign) throws
    func saveCampaignPlan(_ plan: CampaignPlan, now: Date) throws
    @discardableResult func createCampaign(_ plan: CampaignPlan, draft: Bool, actor: String, now: Date) throws -> CampaignPlan
    func campaignPlan(id: String) throws -> CampaignPlan?
    func campaignPlans() throws -> [CampaignPlan]
    @discardableResult func transitionCampaign(id: String, command: CampaignLifecycle.Command, actor: String, reason: String?, now: Date) throws -> CampaignTransition
    @discardableResult func transitionCampaign(id: String, to target: CampaignStatus, actor: String, reason: String?, now: Date) throws -> CampaignTransition
    func campaignBudget(id: String, now: Date) throws -> CampaignBudgetState
    @discardableResult func queueCampaignPosts(plan: CampaignPlan, posts: [CampaignPost], actor: String, now: Date) throws -> CampaignQueueResult
    @discardableResult func triggerCampaign(id: String, actor: String, now: Date, seed: UInt64?) throws -> CampaignTickReport
    func lotteryDraws(campaignID: String) throws -> [LotteryDraw]
    func lotteryEntrants(groupIDs: [String]) throws -> [LotteryEntrant]
    @discardableResult func drawLottery(campaignID: String, seed: UInt64?, winners: Int?, actor: String, now: Date) throws -> (draw: LotteryDraw?, queue: CampaignQueueResult)
    func campaignLastRun(id: String) throws -> Date?
    @discardableResult func runDue(now: Date, actor: String) throws -> [CampaignTickReport]
    func campaignOutbox(id: String) throws -> [OutboxItem]
    func campaignAudit(id: String) throws -> [AuditEntry]
    func campaignLedger(id: String) throws -> [LedgerEntry]
    func campaignFacts(plan: CampaignPlan, now: Date) throws -> CampaignStoreFacts
}

extension CampaignRepository {
    public func saveCampaignPlan(_ plan: CampaignPlan, now: Date = Date()) throws {
        try saveCampaignPlan(plan, now: now)
    }
    @discardableResult public func createCampaign(_ plan: CampaignPlan, draft: Bool = false, actor: String, now: Date = Date()) throws -> CampaignPlan {
        try createCampaign(plan, draft: draft, actor: actor, now: now)
    }
    @discardableResult public func transitionCampaign(id: String, command: CampaignLifecycle.Command, actor: String, reason: String? = nil, now: Date = Date()) throws -> CampaignTransition {
        try transitionCampaign(id: id, command: command, actor: actor, reason: reason, now: now)
    }
    @discardableResult public func transitionCampaign(id: String, to target: CampaignStatus, actor: String, reason: String? = nil, now: Date = Date()) throws -> CampaignTransition {
        try transitionCampaign(id: id, to: target, actor: actor, reason: reason, now: now)
    }
    public func campaignBudget(id: String, now: Date = Date()) throws -> CampaignBudgetState {
        try campaignBudget(id: id, now: now)
    }
    @discardableResult public func queueCampaignPosts(plan: CampaignPlan, posts: [CampaignPost], actor: String = "scheduler", now: Date = Date()) throws -> CampaignQueueResult {
        try queueCampaignPosts(plan: plan, posts: posts, actor: actor, now: now)
    }
    @discardableResult public func triggerCampaign(id: String, actor: String, now: Date = Date(), seed: UInt64? = nil) throws -> CampaignTickReport {
        try triggerCampaign(id: id, actor: actor, now: now, seed: seed)
    }
    @discardableResult public func drawLottery(campaignID: String, seed: UInt64? = nil, winners: Int? = nil, actor: String, now: Date = Date()) throws -> (draw: LotteryDraw?, queue: CampaignQueueResult) {
        try drawLottery(campaignID: campaignID, seed: seed, winners: winners, actor: actor, now: now)
    }
    @discardableResult public func runDue(now: Date = Date(), actor: String = "scheduler") throws -> [CampaignTickReport] {
        try runDue(now: now, actor: actor)
    }
    public func campaignFacts(plan: CampaignPlan, now: Date = Date()) throws -> CampaignStoreFacts {
        try campaignFacts(plan: plan, now: now)
    }
}
