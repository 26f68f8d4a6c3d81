import Foundation
import GRDB
import QunCore

/// Where a connector's update stream was read up to; saved in the transaction that stores the updates,
/// so a restart asks the platform for exactly what was not stored (at-least-once, idempotent by event key).
public struct ConnectorCursor: Hashable, Sendable {
    public var connector: String
    public var nextOffset: Int64
    public init(connector: String, nextOffset: Int64) {
        self.connector = connector
        self.nextOffset = nextOffset
    }
}

enum ConnectorRecords {
    static func save(_ cursor: ConnectorCursor, now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO connector_cursors (connector, next_offset, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(connector) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at
                """, arguments: [cursor.connector, cursor.nextOffset, now.timeIntervalSince1970])
    }
}

extension SQLiteStore {
    public func connectorCursor(connector: String) throws -> ConnectorCursor? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT next_offset FROM connector_cursors WHERE connector = ?", arguments: [connector])
                .map { ConnectorCursor(connector: connector, nextOffset: $0) }
        }
    }

    /// Saves the cursor alone (updates that stored no event, such as edits and the bot's own membership).
    public func saveConnectorCursor(_ cursor: ConnectorCursor, now: Date = Date()) throws {
        try pool.write { db in try ConnectorRecords.save(cursor, now: now, in: db) }
    }

    public func saveConnectorStatus(_ status: ConnectorStatus) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO connector_status (connector, platform, state, detail, until, pid, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(connector) DO UPDATE SET platform = excluded.platform, state = excluded.state, detail = excluded.detail,
                        until = excluded.until, pid = excluded.pid, heartbeat_at = excluded.heartbeat_at
                    """,
                arguments: [status.connector, status.platform.rawValue, status.state.rawValue, status.detail,
                            status.until?.timeIntervalSince1970, status.pid, status.heartbeatAt.timeIntervalSince1970])
        }
    }

    /// Forgets a connector's status (a provisional name it used before it knew its own).
    public func removeConnectorStatus(connector: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM connector_status WHERE connector = ?", arguments: [connector]) }
    }

    public func connectorStatuses() throws -> [ConnectorStatus] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM connector_status ORDER BY connector").map(StoreDecoding.connectorStatus)
        }
    }

    /// Groups whose chat on the platform has another id than their qundeck id (upgraded Telegram groups):
    /// chat id → group id, so the new chat's updates land in the same group.
    public func groupsByMovedChat() throws -> [String: String] {
        try pool.read { db in
            var map: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT group_id, chat_id FROM platform_chats WHERE chat_id != group_id") {
                map[row["chat_id"]] = row["group_id"]
            }
            return map
        }
    }
}
