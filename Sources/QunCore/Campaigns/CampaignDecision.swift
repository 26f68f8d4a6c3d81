import Foundation

/// Decides for one campaign from a `CampaignSnapshot`: lifecycle moves, budget-checked queuing, the budget stop,
/// lottery draws, reward bookings, the scheduler's tick. It never touches a store: it keeps its own view of the
/// campaign as its decisions change it (status, queued keys, red packets, ledger) and collects the writes as
/// `effects`, which the store applies in order in the transaction that read the snapshot.
public struct CampaignDecision: Sendable {
    public internal(set) var plan: CampaignPlan
    public let snapshot: CampaignSnapshot
    public let now: Date
    public let actor: String
    /// The writes decided so far, in the order the store applies them.
    public internal(set) var effects: [CampaignEffect] = []

    var queuedKeys: Set<String>
    var redPackets: [RedPacketDrop]
    var spent: Money
    var bookedKeys: Set<String>
    var draws: [LotteryDraw]
    let names: [MemberKey: String]

    public init(_ snapshot: CampaignSnapshot, now: Date, actor: String) {
        self.snapshot = snapshot
        self.plan = snapshot.plan
        self.now = now
        self.actor = actor
        queuedKeys = snapshot.queuedKeys
        redPackets = snapshot.redPackets
        spent = snapshot.spent
        bookedKeys = snapshot.bookedKeys
        draws = snapshot.draws
        var names: [MemberKey: String] = [:]
        for member in snapshot.members { if let name = member.name { names[member.key] = name } }
        self.names = names
    }

    func memberName(groupID: String, memberID: String) -> String? { names[MemberKey(groupID: groupID, memberID: memberID)] }

    // MARK: lifecycle

    /// Pause, resume, cancel … as `command` asks, from the campaign's current status.
    @discardableResult
    public mutating func transition(_ command: CampaignLifecycle.Command, reason: String?) throws -> CampaignTransition {
        let move = try CampaignLifecycle.transition(for: command, from: plan.status, startsAt: plan.schedule.startsAt, now: now)
        apply(move, reason: reason)
        return move
    }

    /// Moves the campaign to `target` when the lifecycle allows it.
    @discardableResult
    public mutating func transition(to target: CampaignStatus, reason: String?) throws -> CampaignTransition {
        let move = try CampaignLifecycle.transition(from: plan.status, to: target)
        apply(move, reason: reason)
        return move
    }

    /// A move, audited, with what it does to the outbox. Resuming restarts the scheduler's cursor at `now`: slots
    /// that fell in the pause are not posted.
    mutating func apply(_ move: CampaignTransition, reason: String?) {
        plan.status = move.to
        savePlan()
        effects.append(.followTransition(campaignID: plan.id, move, at: now))
        audit(move.action, reason: move.describe(campaignID: plan.id, name: plan.name, reason: reason), before: move.from.rawValue)
        if move.from == .paused, CampaignLifecycle.isLive(move.to) { effects.append(.setCursor(campaignID: plan.id, now)) }
    }

    mutating func savePlan() {
        effects.append(.savePlan(plan, nextRunAt: plan.nextRunAt(after: now, zones: snapshot.zones)))
    }

    mutating func audit(
        _ action: String, groupID: String? = nil, memberID: String? = nil, reason: String?, evidence: String? = nil, before: String? = nil
    ) {
        effects.append(.audit(AuditDraft(
            at: now, actor: actor, action: action, groupID: groupID, memberID: memberID, campaignID: plan.id, reason: reason, evidence: evidence,
            before: before)))
    }

    // MARK: budget and queuing

    /// Spend now: the ledger (with what this decision booked) and the red packets still being claimed (with what
    /// it queued).
    public var budget: CampaignBudgetState {
        CampaignBudgetState(budget: plan.budget, spent: spent, redPackets: redPackets, claims: snapshot.claims, now: now)
    }

    /// Queues posts: the budget check (ledger + reserved red packets vs `CampaignSpend.proposed` of the posts not yet
    /// in the outbox) and then the posts. When they would exceed the budget nothing is queued, the campaign stops
    /// (`budgetStop`) and the check's message is returned. Posts that spend nothing are never stopped.
    public mutating func queue(_ posts: [CampaignPost]) -> CampaignQueueResult {
        var result = CampaignQueueResult()
        var fresh: [CampaignPost] = []
        var seen = Set<String>()
        for post in posts where seen.insert(post.idempotencyKey).inserted {
            if queuedKeys.contains(post.idempotencyKey) { result.alreadyQueued.append(post.idempotencyKey) } else { fresh.append(post) }
        }
        let proposed = CampaignSpend.proposed(fresh)
        if proposed.fen > 0 {
            let state = budget
            let check = BudgetCheck(budget: plan.budget, spent: state.spent, reserved: state.reserved, proposed: proposed)
            if let message = check.message {
                budgetStop(message)
                result.budgetStop = message
                return result
            }
        }
        for post in fresh {
            enqueue(post)
            result.inserted.append(post.idempotencyKey)
        }
        return result
    }

    /// Queues one post whose key the caller checked is new.
    mutating func enqueue(_ post: CampaignPost) {
        effects.append(.enqueue(post, at: now))
        queuedKeys.insert(post.idempotencyKey)
        if let drop = post.redPacketDrop { redPackets.append(drop) }
    }

    /// The budget stop: pause (when the lifecycle allows it) and audit the check's message.
    mutating func budgetStop(_ message: String) {
        if CampaignLifecycle.canTransition(from: plan.status, to: .paused) {
            apply(CampaignTransition(from: plan.status, to: .paused), reason: message)
        } else {
            audit("campaign budget stop", reason: message)
        }
    }

    /// Books ledger drafts not booked yet; returns the ones booked now.
    mutating func book(_ drafts: [LedgerDraft]) -> [LedgerDraft] {
        drafts.filter { draft in
            guard bookedKeys.insert(draft.dedupeKey).inserted else { return false }
            effects.append(.book(draft, at: now))
            spent = spent + draft.amount
            return true
        }
    }
}
