import Foundation
import QunCore

/// The outbox as connector processes drain it. Any backend that offers these operations can be drained by
/// `qundeck connect …`; the SQLite store is the first. Each call is one short transaction of its own.
public protocol OutboxQueue: Sendable {
    func claimDue(worker: String, platform: Platform, lease: TimeInterval, limit: Int, now: Date) throws -> [OutboxItem]
    func beginAttempt(id: Int64, worker: String, lease: TimeInterval?, now: Date) throws -> Bool
    func complete(id: Int64, worker: String, response: String?, now: Date) throws
    func fail(id: Int64, worker: String, error: String, retryAt: Date?, now: Date) throws
    func markUnknown(id: Int64, worker: String, error: String, now: Date) throws
    func release(id: Int64, worker: String, until: Date?, now: Date) throws
    func claimingWorkers() throws -> [String]
    @discardableResult func expireClaims(of worker: String, now: Date) throws -> Int
    func moveChat(groupID: String, to chat: PlatformID, now: Date) throws
    func markDisconnected(groupID: String, reason: String, now: Date) throws
    func markConnected(groupID: String) throws
}

/// What a connector keeps in the store besides the outbox: where its update stream was read up to (saved
/// with the updates it stored), its heartbeat, and the chats that moved.
public protocol ConnectorLedger: Sendable {
    func connectorCursor(connector: String) throws -> ConnectorCursor?
    /// Stores the events read from a platform and the stream's next position in one transaction.
    func storeUpdates(_ events: [Event], cursor: ConnectorCursor, now: Date) throws
    func saveConnectorStatus(_ status: ConnectorStatus) throws
    func removeConnectorStatus(connector: String) throws
    func groupsByMovedChat() throws -> [String: String]
}

/// Everything a connector process needs from a store.
public typealias ConnectorStore = OutboxQueue & ConnectorLedger

extension SQLiteStore: OutboxQueue, ConnectorLedger {
    public func storeUpdates(_ events: [Event], cursor: ConnectorCursor, now: Date) throws {
        var chunk: AppendChunk? = AppendChunk(events: events, connectorCursor: cursor)
        try append(pulling: {
            defer { chunk = nil }
            return chunk
        }, now: now)
    }
}
