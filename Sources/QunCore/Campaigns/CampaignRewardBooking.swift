import Foundation

extension CampaignDecision {
    /// Books what the plan has earned by now (`CampaignRewardPolicy.earned`): drafts already in the ledger are
    /// skipped; the rest go through `CampaignSpend.admit` (budget − ledger − reserved red packets). Each new booking
    /// is audited (`campaign reward` / `campaign prize`, with member and group) and its post queued when the plan
    /// has the message (`.reward`: "🎉 @{name} …"; best luck: `bestLuckPost`). When a payout would exceed the
    /// budget, nothing more is booked and the campaign stops as queuing does (paused, or audited
    /// `campaign budget stop` when it can no longer be paused). Booking twice books once: every draft has a key.
    public mutating func bookRewards() -> CampaignRewardResult {
        var result = CampaignRewardResult()
        guard CampaignRewardPolicy.earnsRewards(plan) else { return result }
        let (rewards, luckOnly) = CampaignRewardPolicy.earned(
            plan, events: snapshot.rewardEvents, facts: snapshot.campaignFacts, redPackets: redPackets, claims: snapshot.claims, now: now)

        // Best-luck announcements with nothing to book (no prize value, flash sales): once per drop by outbox key.
        for outcome in luckOnly {
            guard let winner = outcome.bestLuck else { continue }
            let name = memberName(groupID: winner.groupID, memberID: winner.memberID)
            if let post = plan.bestLuckPost(for: outcome, name: name, group: snapshot.groups[winner.groupID], at: now) {
                result.posts += queue([post]).inserted
            }
        }
        let fresh = rewards.filter { !bookedKeys.contains($0.draft.dedupeKey) }
        guard !fresh.isEmpty else { return result }
        let state = budget
        let admitted = CampaignSpend.admit(fresh.map(\.draft), budget: plan.budget, spent: state.spent, reserved: state.reserved)
        let byKey = Dictionary(fresh.map { ($0.draft.dedupeKey, $0) }, uniquingKeysWith: { a, _ in a })

        for draft in admitted.book {
            guard book([draft]).count == 1, let earned = byKey[draft.dedupeKey] else { continue }
            result.booked.append(draft)
            let memberID = draft.memberID ?? ""
            let name = draft.groupID.flatMap { memberName(groupID: $0, memberID: memberID) } ?? memberID
            let prize = draft.kind == .prize
            audit(prize ? "campaign prize" : "campaign reward", groupID: draft.groupID, memberID: draft.memberID,
                  reason: "\(prize ? "prize" : "reward") \(draft.amount) to \(name): \(draft.note)", evidence: draft.dedupeKey)
            if let outcome = earned.bestLuck {
                if let post = plan.bestLuckPost(for: outcome, name: name, group: draft.groupID.flatMap { snapshot.groups[$0] }, at: now) {
                    result.posts += queue([post]).inserted
                }
            } else if let post = rewardPost(for: draft, name: name, values: earned.values), !queuedKeys.contains(post.idempotencyKey) {
                enqueue(post)
                result.posts.append(post.idempotencyKey)
            }
        }
        if let message = admitted.message {
            result.owed = admitted.overBudget
            result.budgetStop = message
            budgetStop(message)
        }
        return result
    }

    /// The "🎉 @{name} …" post for a booked reward, keyed `<dedupe key>:post`, when the plan has a `.reward` message.
    /// It spends nothing, so it needs no budget check.
    func rewardPost(for draft: LedgerDraft, name: String, values: [String: String]) -> CampaignPost? {
        guard let gid = draft.groupID else { return nil }
        let group = snapshot.groups[gid]
        var values = values
        values["name"] = name
        if let group { values["group"] = group.name }
        guard let rendered = plan.render(.reward, values: values) else { return nil }
        return CampaignPost(
            campaignID: plan.id, groupID: gid, idempotencyKey: draft.dedupeKey + ":post", dueAt: now,
            local: LocalDateTime(now, in: group?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!), action: CampaignPost.sendMessage,
            purpose: .reward, text: rendered.text, mention: draft.memberID, packetAmount: nil, packetSlots: nil,
            unknownPlaceholders: rendered.unknownPlaceholders)
    }
}
