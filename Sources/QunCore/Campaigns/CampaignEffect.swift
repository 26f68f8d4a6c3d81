import Foundation

/// One write a campaign decision asks of the store. A decision's effects are applied in order, in the one
/// transaction that read its `CampaignSnapshot`; the order matters (an item queued after a pause is held, an
/// audit entry's id orders the timeline).
public enum CampaignEffect: Equatable, Sendable {
    /// Upsert the campaign's row (`plan.campaign(nextRunAt:)`, which keeps its stats row) and its `plan_json`.
    case savePlan(CampaignPlan, nextRunAt: Date?)
    /// What a lifecycle move does to the campaign's unsent outbox items: a pause holds the pending ones, a
    /// resume releases the held ones, a cancel cancels both (freeing the budget their red packets reserved).
    case followTransition(campaignID: String, CampaignTransition, at: Date)
    case audit(AuditDraft)
    /// Queue the post through the store's one enqueue (held when the campaign is paused); the snapshot said its
    /// key is not queued yet.
    case enqueue(CampaignPost, at: Date)
    /// Insert the ledger row (the snapshot said its dedupe key is not booked yet).
    case book(LedgerDraft, at: Date)
    /// Record a lottery draw (its seed with it) before anything else uses it.
    case recordDraw(campaignID: String, LotteryDraw, actor: String, at: Date)
    /// Move the scheduler's cursor.
    case setCursor(campaignID: String, Date)
}

extension CampaignPlan {
    /// The row's `next_run_at`: the plan's next slot after `now` while it is live.
    public func nextRunAt(after now: Date, zones: [String: TimeZone]) -> Date? {
        CampaignLifecycle.isLive(status) ? nextRuns(after: now, zones: zones, limit: 1).first?.dueAt : nil
    }
}
