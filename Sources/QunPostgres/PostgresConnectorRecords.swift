import Foundation
import QunCore
import QunStore

/// What a connector keeps in the store besides the outbox, on PostgreSQL (SQLite's `ConnectorRecords`).
enum PostgresConnectorRecords {
    /// Saves where a connector's update stream was read up to, in the caller's transaction (with the updates it stored).
    static func save(_ cursor: ConnectorCursor, now: Date, in s: PostgresSession) throws {
        try s.execute(
            """
            INSERT INTO connector_cursors (connector, next_offset, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (connector) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at
            """, [.text(cursor.connector), .int(cursor.nextOffset), .double(now.timeIntervalSince1970)])
    }
}

extension PostgresStore {
    public func connectorCursor(connector: String) throws -> ConnectorCursor? {
        try read { s in
            try s.scalar("SELECT next_offset FROM connector_cursors WHERE connector = $1", [.text(connector)], as: Int64.self)
                .map { ConnectorCursor(connector: connector, nextOffset: $0) }
        }
    }

    /// Saves the cursor alone (updates that stored no event, such as edits and the bot's own membership).
    public func saveConnectorCursor(_ cursor: ConnectorCursor, now: Date = Date()) throws {
        try write { s in try PostgresConnectorRecords.save(cursor, now: now, in: s) }
    }

    public func saveConnectorStatus(_ status: ConnectorStatus) throws {
        try write { s in
            try s.execute(
                """
                INSERT INTO connector_status (connector, platform, state, detail, until, pid, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (connector) DO UPDATE SET platform = excluded.platform, state = excluded.state, detail = excluded.detail,
                    until = excluded.until, pid = excluded.pid, heartbeat_at = excluded.heartbeat_at
                """,
                [.text(status.connector), .text(status.platform.rawValue), .text(status.state.rawValue), PGValue(status.detail),
                 PGValue(status.until?.timeIntervalSince1970), PGValue(status.pid.map(Int64.init)), .double(status.heartbeatAt.timeIntervalSince1970)])
        }
    }

    /// Forgets a connector's status (a provisional name it used before it knew its own).
    public func removeConnectorStatus(connector: String) throws {
        try write { s in try s.execute("DELETE FROM connector_status WHERE connector = $1", [.text(connector)]) }
    }

    /// Chat id → group id for groups whose chat on the platform has another id than their qundeck id.
    public func groupsByMovedChat() throws -> [String: String] {
        try read { s in
            var map: [String: String] = [:]
            for row in try s.query("SELECT group_id, chat_id FROM platform_chats WHERE chat_id != group_id") {
                map[try row.string("chat_id")] = try row.string("group_id")
            }
            return map
        }
    }
}
