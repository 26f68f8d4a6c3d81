import Foundation

/// Creating a campaign as a decision: plans with `problems()` or groups not in `groups` are refused, the id is made unique
/// (`-2`, `-3` … when taken), the plan is saved as a draft (audited "campaign create") with the scheduler's cursor
/// at `now` and, unless `draft`, moved to scheduled (audited).
public enum CampaignCreation {
    public static func plan(
        _ plan: CampaignPlan, draft: Bool, takenIDs: Set<String>, groups: [String: Group], actor: String, now: Date
    ) throws -> CampaignDecision {
        if let problem = plan.problems().first { throw CampaignDecisionError.invalid("campaign \(problem)") }
        if let unknown = plan.groupIDs.first(where: { groups[$0] == nil }) { throw CampaignDecisionError.unknownGroup(unknown) }
        var plan = plan
        let base = plan.id
        var n = 1
        while takenIDs.contains(plan.id) {
            n += 1
            plan.id = "\(base)-\(n)"
        }
        plan.status = .draft
        var decision = CampaignDecision(CampaignSnapshot(plan: plan, cursor: nil, groups: groups), now: now, actor: actor)
        decision.savePlan()
        decision.audit(
            "campaign create",
            reason: "campaign \(plan.id) 「\(plan.name)」: \(plan.type.rawValue) in \(plan.groupIDs.joined(separator: ", ")), budget \(plan.budget)")
        decision.effects.append(.setCursor(campaignID: plan.id, now))
        if !draft { decision.apply(CampaignTransition(from: .draft, to: .scheduled), reason: nil) }
        return decision
    }
}
