import Foundation

/// "Trigger now" as a decision: one manual slot per target group at `now` (`ScheduledSlot.manualTrigger`), through
/// the same budget-checked queuing as the scheduler. A draft or scheduled campaign starts (audited); a paused,
/// completed or cancelled one is refused. A lottery triggers its draw with `seed` (once; re-draws are
/// `CampaignDecision.drawLottery`).
public enum CampaignTrigger {
    public static func plan(_ snapshot: CampaignSnapshot, now: Date, actor: String, seed: UInt64) throws
        -> (report: CampaignTickReport, decision: CampaignDecision)
    {
        let id = snapshot.plan.id
        var decision = CampaignDecision(snapshot, now: now, actor: actor)
        var report = CampaignTickReport(campaignID: id, name: snapshot.plan.name)
        if case .welcome = snapshot.plan.rules {
            throw CampaignDecisionError.invalid("campaign \(id) is a welcome: it posts on each join, there is nothing to trigger")
        }
        if snapshot.plan.slotWork == .lotteryDraw, !snapshot.draws.isEmpty {
            throw CampaignDecisionError.invalid("campaign \(id) has already been drawn; re-draw with `qundeck campaign redraw \(id)`")
        }
        if let move = try CampaignLifecycle.transitionForTrigger(from: snapshot.plan.status) {
            decision.apply(move, reason: "triggered")
            report.transitions.append(move)
        }
        if decision.plan.slotWork == .lotteryDraw {
            let (draw, queued) = try decision.drawLottery(seed: seed, winners: nil)
            report.draw = draw
            report.queue = queued
            return (report, decision)
        }
        let plan = decision.plan
        let posts = plan.groupIDs.flatMap { gid in
            plan.posts(
                for: ScheduledSlot.manualTrigger(campaignID: id, groupID: gid, at: now, in: CampaignPlan.zone(gid, snapshot.zones)),
                group: snapshot.groups[gid])
        }
        report.queue = decision.queue(posts)
        if report.queue.budgetStop == nil {
            decision.audit(
                "campaign trigger",
                reason: "\(report.queue.inserted.count) item(s) queued, \(report.queue.alreadyQueued.count) already queued")
        }
        decision.savePlan()
        return (report, decision)
    }
}
