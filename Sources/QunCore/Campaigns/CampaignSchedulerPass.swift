import Foundation

/// One pass of the campaign scheduler over a store: a tick for each live campaign (`CampaignTick.plan`), then the
/// rewards of completed campaigns still settling (`CampaignTick.settle`) — campaigns the ticks just completed
/// included. Each campaign is its own decision, which `decide` runs in its own write transaction.
public enum CampaignSchedulerPass {
    /// `campaignIDs` lists the store's campaigns in the given statuses, by id; `decide` reads the campaign's snapshot,
    /// runs the decision and applies it. Returns a report for each campaign the pass changed.
    public static func run(
        now: Date, actor: String, campaignIDs: ([CampaignStatus]) throws -> [String],
        decide: (String, (CampaignSnapshot) throws -> (CampaignTickReport?, CampaignDecision?)) throws -> CampaignTickReport?
    ) throws -> [CampaignTickReport] {
        var reports: [CampaignTickReport] = []
        for id in try campaignIDs([.scheduled, .running]) {
            let seed = UInt64.random(in: .min ... .max)
            let report = try decide(id) { snapshot in
                let tick = try CampaignTick.plan(snapshot, now: now, actor: actor, seed: seed)
                return (tick?.report, tick?.decision)
            }
            if let report, report.didSomething { reports.append(report) }
        }
        // Completed campaigns keep booking what was earned in their window while it settles (invites qualify days
        // after the join, packets are claimed for 24 h).
        for id in try campaignIDs([.completed]) {
            let report = try decide(id) { snapshot in
                let settled = CampaignTick.settle(snapshot, now: now, actor: actor)
                return (settled?.report, settled?.decision)
            }
            if let report, report.didSomething { reports.append(report) }
        }
        return reports
    }
}
