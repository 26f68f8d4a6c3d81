import Foundation
import QunCore
import QunStore

/// What the campaign detail view shows beyond the pane's row: budget now, the next runs, the burn-down,
/// what went to the outbox, and the audited timeline.
public struct CampaignDetail: Sendable {
    public var campaignID: String
    public var budget: CampaignBudgetState?
    public var nextRuns: [ScheduledSlot]
    public var burnDown: [BurnDownPoint]
    public var outbox: [OutboxItem]
    public var timeline: [AuditEntry]
    public var schedule: Recurrence?

    public init(
        campaignID: String, budget: CampaignBudgetState?, nextRuns: [ScheduledSlot], burnDown: [BurnDownPoint],
        outbox: [OutboxItem], timeline: [AuditEntry], schedule: Recurrence?
    ) {
        self.campaignID = campaignID
        self.budget = budget
        self.nextRuns = nextRuns
        self.burnDown = burnDown
        self.outbox = outbox
        self.timeline = timeline
        self.schedule = schedule
    }

    static func load(_ store: any CampaignRepository & GroupDirectory, id: String, now: Date) throws -> CampaignDetail {
        let plan = try store.campaignPlan(id: id)
        let zones = try store.groupZones()
        let ledger = try store.campaignLedger(id: id)
        let zone = TimeZone(identifier: Group.defaultTimeZoneID)!
        let today = LocalDay(now, in: zone)
        let burnDown = plan.map { p in
            BurnDown.series(entries: ledger, budget: p.budget, from: today.adding(days: -13), through: today, in: zone)
        } ?? []
        return CampaignDetail(
            campaignID: id, budget: try? store.campaignBudget(id: id, now: now),
            nextRuns: plan?.nextRuns(after: now, zones: zones, limit: 5) ?? [], burnDown: burnDown,
            outbox: Array(try store.campaignOutbox(id: id).prefix(8)), timeline: Array(try store.campaignAudit(id: id).prefix(8)),
            schedule: plan?.schedule.recurrence)
    }
}

/// The campaign commands the dashboard sends.
public enum CampaignUICommand: String, Equatable, Sendable {
    case trigger, pause, resume, cancel
}
