import Foundation

/// What queuing a slot's posts did.
public struct CampaignQueueResult: Hashable, Sendable {
    /// Idempotency keys inserted now.
    public var inserted: [String] = []
    /// Keys that were already in the outbox (another process, an earlier tick or a double press).
    public var alreadyQueued: [String] = []
    /// The budget check's message when the posts would exceed the budget: nothing was queued and the
    /// campaign was paused.
    public var budgetStop: String?

    public init(inserted: [String] = [], alreadyQueued: [String] = [], budgetStop: String? = nil) {
        self.inserted = inserted
        self.alreadyQueued = alreadyQueued
        self.budgetStop = budgetStop
    }

    mutating func merge(_ other: CampaignQueueResult) {
        inserted += other.inserted
        alreadyQueued += other.alreadyQueued
        budgetStop = budgetStop ?? other.budgetStop
    }
}
