import Foundation

/// Where an outbox item is on its way to the platform.
///
/// `pending → claimed → sent | failed`, and `cancelled` from pending or held. `held`: a paused campaign's
/// posts wait there until it resumes. `unknown`: the request went out but no answer came back (a
/// timeout, a connector killed mid-request); the platform may or may not have done it, so nothing is
/// resent until an operator says which (`qundeck outbox resolve`).
public enum OutboxState: String, Codable, Sendable, CaseIterable {
    case pending, held, claimed, sent, failed, cancelled, unknown

    /// Still to reach the platform: what the dashboard counts as "awaiting delivery".
    public var isAwaiting: Bool { self == .pending || self == .held || self == .claimed }
    /// Needs an admin: failed, or an answer that never came.
    public var needsAttention: Bool { self == .failed || self == .unknown }
}

/// Something qundeck wants the platform to do (post, ban, mute, approve...). Connectors claim due items,
/// carry them out and write back the platform's answer; `idempotencyKey` keeps a slot or an action from
/// being queued twice across processes and restarts.
public struct OutboxItem: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64
    public var idempotencyKey: String
    /// qundeck's group key (for listings and per-group counts); the command carries the platform's chat id.
    public var groupID: String
    public var command: OutboxCommand
    public var state: OutboxState
    public var attempts: Int
    public var lastError: String?
    /// The platform's answer when it was done (e.g. the sent message, whose id lets it be deleted later).
    public var response: String?
    public var claimedBy: String?
    public var leaseUntil: Date?
    public var nextAttemptAt: Date?
    /// The audit entry of the decision that queued it (moderation), if any.
    public var auditID: Int64?
    public var campaignID: String?
    public var purpose: String?
    public var createdAt: Date
    public var dueAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, idempotencyKey: String, groupID: String, command: OutboxCommand, state: OutboxState = .pending, attempts: Int = 0,
        lastError: String? = nil, response: String? = nil, claimedBy: String? = nil, leaseUntil: Date? = nil, nextAttemptAt: Date? = nil,
        auditID: Int64? = nil, campaignID: String? = nil, purpose: String? = nil, createdAt: Date, dueAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.groupID = groupID
        self.command = command
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.response = response
        self.claimedBy = claimedBy
        self.leaseUntil = leaseUntil
        self.nextAttemptAt = nextAttemptAt
        self.auditID = auditID
        self.campaignID = campaignID
        self.purpose = purpose
        self.createdAt = createdAt
        self.dueAt = dueAt
        self.updatedAt = updatedAt
    }

    /// The command's verb, e.g. "ban_member".
    public var action: String { command.verb }

    private enum ExtraKeys: String, CodingKey { case action }

    /// The stored fields, and the verb beside the command so listings (`qundeck outbox --json`) can filter on it.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(idempotencyKey, forKey: .idempotencyKey)
        try container.encode(groupID, forKey: .groupID)
        try container.encode(command, forKey: .command)
        try container.encode(state, forKey: .state)
        try container.encode(attempts, forKey: .attempts)
        try container.encodeIfPresent(lastError, forKey: .lastError)
        try container.encodeIfPresent(response, forKey: .response)
        try container.encodeIfPresent(claimedBy, forKey: .claimedBy)
        try container.encodeIfPresent(leaseUntil, forKey: .leaseUntil)
        try container.encodeIfPresent(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encodeIfPresent(auditID, forKey: .auditID)
        try container.encodeIfPresent(campaignID, forKey: .campaignID)
        try container.encodeIfPresent(purpose, forKey: .purpose)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(dueAt, forKey: .dueAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(action, forKey: .action)
    }
}

/// A command to queue, before the store gives it an id: the one shape every producer (moderation,
/// rules at ingest, campaigns, rewards, undo) hands to the store's single enqueue.
public struct OutboxDraft: Hashable, Sendable {
    public var idempotencyKey: String
    public var groupID: String
    public var command: OutboxCommand
    public var dueAt: Date
    public var auditID: Int64?
    public var campaignID: String?
    /// A campaign post's purpose (`MessagePurpose` raw value), for listings.
    public var purpose: String?

    public init(
        idempotencyKey: String, groupID: String, command: OutboxCommand, dueAt: Date, auditID: Int64? = nil, campaignID: String? = nil,
        purpose: String? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.groupID = groupID
        self.command = command
        self.dueAt = dueAt
        self.auditID = auditID
        self.campaignID = campaignID
        self.purpose = purpose
    }
}
