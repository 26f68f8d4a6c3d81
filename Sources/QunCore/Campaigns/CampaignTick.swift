import Foundation

/// The scheduler's tick for one campaign, as a decision: from the campaign's snapshot at `now`, the automatic
/// lifecycle moves, the slots due since its cursor (each in its group's zone, after the catch-up policy; skipped
/// ones audited), their posts budget-checked into the outbox (a lottery slot runs the draw), welcomes for joins
/// since the cursor, the rewards earned so far, and the cursor moved to `now`. A completed campaign only settles
/// its rewards for a while (`settle`). The store applies `decision.effects` in the transaction that read the
/// snapshot; the outbox's unique idempotency key refuses a second copy of any slot from another process.
public enum CampaignTick {
    /// Where the tick starts: the cursor, or — for a campaign saved without one (an older qundeck, the demo) — only
    /// as far back as slots are still worth posting.
    public static func lastRun(_ plan: CampaignPlan, cursor: Date?, now: Date) -> Date {
        let policy = CatchUpPolicy.default(for: plan.type)
        return cursor ?? max(plan.createdAt, now.addingTimeInterval(-(policy.maxLateness ?? policy.maxLookback)))
    }

    /// One tick of a live campaign; nil when the campaign is not live. `seed` is the draw's, should a lottery slot
    /// fall due. The report says what the tick did (`didSomething`); `decision.effects` is what to write.
    public static func plan(_ snapshot: CampaignSnapshot, now: Date, actor: String, seed: UInt64) throws
        -> (report: CampaignTickReport, decision: CampaignDecision)?
    {
        guard CampaignLifecycle.isLive(snapshot.plan.status) else { return nil }
        var decision = CampaignDecision(snapshot, now: now, actor: actor)
        var report = CampaignTickReport(campaignID: snapshot.plan.id, name: snapshot.plan.name)
        let policy = CatchUpPolicy.default(for: snapshot.plan.type)
        let lastRun = lastRun(snapshot.plan, cursor: snapshot.cursor, now: now)
        guard lastRun < now else { return (report, decision) }
        let zones = snapshot.zones

        if decision.plan.status == .scheduled,
            let move = CampaignLifecycle.automaticTransition(status: .scheduled, schedule: decision.plan.schedule, now: now)
        {
            decision.apply(move, reason: "start reached")
            report.transitions.append(move)
        }

        let due = decision.plan.dueSlots(between: lastRun, and: now, zones: zones, policy: policy)
        for skip in due.skipped {
            let text = skip.describe(policy: policy)
            decision.audit("campaign skip", groupID: skip.slot.groupID, reason: text, evidence: skip.slot.idempotencyKey)
            report.skipped.append(text)
        }
        if due.lookbackTruncated {
            decision.audit(
                "campaign skip",
                reason: "the scheduler was stopped for more than \(Int(policy.maxLookback / 86_400)) days; older slots were not posted")
        }

        let plan = decision.plan
        if plan.slotWork == .lotteryDraw {
            if !due.due.isEmpty, decision.draws.isEmpty {
                let (draw, queued) = try decision.drawLottery(seed: seed, winners: nil)
                report.draw = draw
                report.queue.merge(queued)
            }
        } else if case .welcome = plan.rules {
            var posts: [CampaignPost] = []
            for gid in plan.groupIDs {
                guard let group = snapshot.groups[gid] else { continue }
                posts += plan.welcomePosts(for: snapshot.joins, group: group).filter { !policy.isTooLate(dueAt: $0.dueAt, now: now) && $0.dueAt <= now }
            }
            report.queue.merge(decision.queue(posts))
        } else {
            for slot in due.due where report.queue.budgetStop == nil {
                report.queue.merge(decision.queue(decision.plan.posts(for: slot, group: snapshot.groups[slot.groupID])))
            }
        }

        // Rewards and prizes earned so far, in this same decision (budget-checked, booked once by dedupe key).
        if report.queue.budgetStop == nil, CampaignLifecycle.isLive(decision.plan.status) {
            report.rewards = decision.bookRewards()
        }

        if decision.plan.status == .running,
            let move = CampaignLifecycle.automaticTransition(status: .running, schedule: decision.plan.schedule, now: now, hasUnpostedSlots: false)
        {
            decision.apply(move, reason: "schedule finished")
            report.transitions.append(move)
        }
        // Welcomes look back over their lateness window each tick; the cursor keeps the clock slots exact.
        decision.effects.append(.setCursor(campaignID: plan.id, now))
        decision.savePlan()
        return (report, decision)
    }

    /// Rewards only, for a completed campaign still inside its settle period (`CampaignRewardPolicy.settlePeriod`
    /// after its end); nil when there is nothing to settle.
    public static func settle(_ snapshot: CampaignSnapshot, now: Date, actor: String) -> (report: CampaignTickReport, decision: CampaignDecision)? {
        let plan = snapshot.plan
        guard plan.status == .completed, CampaignRewardPolicy.earnsRewards(plan) else { return nil }
        guard let ended = plan.schedule.endsAt ?? snapshot.cursor, now <= ended.addingTimeInterval(CampaignRewardPolicy.settlePeriod(plan))
        else { return nil }
        var decision = CampaignDecision(snapshot, now: now, actor: actor)
        var report = CampaignTickReport(campaignID: plan.id, name: plan.name)
        report.rewards = decision.bookRewards()
        return (report, decision)
    }
}
