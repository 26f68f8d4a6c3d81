import Foundation
import QunCore

/// The outbox as an operator sees it: listings and the audited retry / cancel / resolve of single items.
public protocol OutboxAdministration: Sendable {
    func outbox(states: Set<OutboxState>, groupID: String?, limit: Int) throws -> [OutboxItem]
    func outboxItem(id: Int64) throws -> OutboxItem?
    func outbox(auditID: Int64) throws -> [OutboxItem]
    func retryOutboxItem(id: Int64, actor: String, now: Date) throws
    func cancelOutboxItem(id: Int64, actor: String, now: Date) throws
    func resolveOutboxItem(id: Int64, sent: Bool, actor: String, now: Date) throws
}

extension OutboxAdministration {
    public func outbox(states: Set<OutboxState> = [], groupID: String? = nil, limit: Int = 500) throws -> [OutboxItem] {
        try outbox(states: states, groupID: groupID, limit: limit)
    }
    public func retryOutboxItem(id: Int64, actor: String, now: Date = Date()) throws {
        try retryOutboxItem(id: id, actor: actor, now: now)
    }
    public func cancelOutboxItem(id: Int64, actor: String, now: Date = Date()) throws {
        try cancelOutboxItem(id: id, actor: actor, now: now)
    }
    public func resolveOutboxItem(id: Int64, sent: Bool, actor: String, now: Date = Date()) throws {
        try resolveOutboxItem(id: id, sent: sent, actor: actor, now: now)
    }
}
