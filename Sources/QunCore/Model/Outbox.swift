import Foundation

public enum OutboxStatus: String, Codable, Sendable, CaseIterable {
    case pending, sent, failed, cancelled
}

/// Something qundeck wants the platform to do (post, ban, mute, approve...). Connectors drain
/// the outbox; `idempotencyKey` keeps a slot from being posted twice across processes and restarts.
public struct OutboxItem: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64
    public var idempotencyKey: String
    public var groupID: String
    /// Platform verb, e.g. "send_message", "ban_member", "approve_join_request".
    public var action: String
    /// JSON arguments for the connector.
    public var payload: String
    public var status: OutboxStatus
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var dueAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, idempotencyKey: String, groupID: String, action: String, payload: String,
        status: OutboxStatus = .pending, attempts: Int = 0, lastError: String? = nil, createdAt: Date, dueAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.groupID = groupID
        self.action = action
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.dueAt = dueAt
        self.updatedAt = updatedAt
    }
}
