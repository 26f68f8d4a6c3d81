import Foundation

/// What booking rewards did in one tick.
public struct CampaignRewardResult: Hashable, Sendable {
    /// Drafts booked now (new ledger rows), in booking order.
    public var booked: [LedgerDraft] = []
    /// Reward and best-luck posts queued now (idempotency keys).
    public var posts: [String] = []
    /// Drafts earned but not booked because the budget would be exceeded (the campaign was stopped).
    public var owed: [LedgerDraft] = []
    /// The budget check's message when rewards would exceed the budget.
    public var budgetStop: String?

    public init() {}

    public var didSomething: Bool { !booked.isEmpty || !posts.isEmpty || budgetStop != nil }
}
