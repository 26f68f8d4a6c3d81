import Foundation
import QunCore

/// The append-only event log: idempotent appends (same source and id stored once) with every derived row
/// changed in the same transaction, the ingest cursors saved with them, and reads of what was stored.
public protocol EventLog: Sendable {
    @discardableResult func append(_ events: [Event], cursor: IngestCursor?, now: Date) throws -> AppendResult
    @discardableResult func append(pulling next: () throws -> AppendChunk?, now: Date) throws -> AppendResult
    func cursor(forPath path: String) throws -> IngestCursor?
    func saveCursor(_ cursor: IngestCursor, now: Date) throws
    func eventCount() throws -> Int
    func forEachEvent(groupID: String?, pageSize: Int, _ body: (Event) throws -> Void) throws
    func foreignSources(besides known: Set<String>) throws -> [String]
}

extension EventLog {
    @discardableResult public func append(_ events: [Event], cursor: IngestCursor? = nil, now: Date = Date()) throws -> AppendResult {
        try append(events, cursor: cursor, now: now)
    }
    @discardableResult public func append(pulling next: () throws -> AppendChunk?, now: Date = Date()) throws -> AppendResult {
        try append(pulling: next, now: now)
    }
    /// Appends one chunk in one transaction, with its cursors.
    @discardableResult public func append(_ chunk: AppendChunk, now: Date = Date()) throws -> AppendResult {
        var pending: AppendChunk? = chunk
        return try append(pulling: {
            defer { pending = nil }
            return pending
        }, now: now)
    }
    public func saveCursor(_ cursor: IngestCursor, now: Date = Date()) throws {
        try saveCursor(cursor, now: now)
    }
    public func forEachEvent(groupID: String? = nil, pageSize: Int = 5_000, _ body: (Event) throws -> Void) throws {
        try forEachEvent(groupID: groupID, pageSize: pageSize, body)
    }
}
