import Foundation
import QunCore
import QunStore

/// The connector's side of the event log (part of `ConnectorLedger`): the updates read from a platform and
/// where the stream is read up to, stored in one transaction, so a restart asks the platform for exactly
/// what was not stored.
extension PostgresStore {
    public func storeUpdates(_ events: [Event], cursor: ConnectorCursor, now: Date) throws {
        try append(AppendChunk(events: events, connectorCursor: cursor), now: now)
    }
}

/// Connector cursors on PostgreSQL (SQLite's `ConnectorRecords`).
enum PostgresConnectorRecords {
    static func save(_ cursor: ConnectorCursor, now: Date, in session: PostgresSession) throws {
        try session.execute(
            """
            INSERT INTO connector_cursors (connector, next_offset, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (connector) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at
            """, [.text(cursor.connector), .int(cursor.nextOffset), .double(now.timeIntervalSince1970)])
    }
}
