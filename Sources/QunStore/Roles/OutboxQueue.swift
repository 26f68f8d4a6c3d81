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
