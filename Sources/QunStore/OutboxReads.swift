import Foundation
import GRDB
import QunCore

extension SQLiteStore {
    public func outboxCounts() throws -> [OutboxState: Int] {
        try pool.read { db in
            var counts: [OutboxState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM outbox GROUP BY state") {
                if let state = OutboxState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// Newest first; `states` empty means every state.
    public func outbox(states: Set<OutboxState> = [], groupID: String? = nil, limit: Int = 500) throws -> [OutboxItem] {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: [DatabaseValueConvertible] = []
            if !states.isEmpty {
                conditions.append("state IN (" + states.map { _ in "?" }.joined(separator: ",") + ")")
                arguments += states.map(\.rawValue).sorted()
            }
            if let groupID {
                conditions.append("group_id = ?")
                arguments.append(groupID)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try OutboxItem.fetchAll(
                db, sql: "SELECT * FROM outbox \(filter) ORDER BY id DESC LIMIT ?", arguments: StatementArguments(arguments + [limit]))
        }
    }

    public func outboxItem(id: Int64) throws -> OutboxItem? {
        try pool.read { db in try OutboxItem.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]) }
    }

    /// The items a moderation action (its audit entry) queued.
    public func outbox(auditID: Int64) throws -> [OutboxItem] {
        try pool.read { db in try OutboxItem.fetchAll(db, sql: "SELECT * FROM outbox WHERE audit_id = ? ORDER BY id", arguments: [auditID]) }
    }

    /// Per group: actions awaiting delivery, failed ones, and whether the bot can reach it.
    /// Failures count for a day (they stay listed in `qundeck outbox`); unknown ones until resolved.
    public func deliveryByGroup(now: Date = Date()) throws -> [String: GroupDelivery] {
        try pool.read { db in
            var result: [String: GroupDelivery] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT group_id, sum(state IN ('pending', 'held', 'claimed')) AS awaiting, sum(state = 'unknown' OR (state = 'failed' AND updated_at > ?)) AS failed
                    FROM outbox WHERE state IN ('pending', 'held', 'claimed', 'failed', 'unknown') GROUP BY group_id
                    """, arguments: [now.timeIntervalSince1970 - 86_400])
            {
                result[row["group_id"], default: GroupDelivery()].awaiting = row["awaiting"]
                result[row["group_id"], default: GroupDelivery()].failed = row["failed"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT group_id, disconnected_reason FROM platform_chats WHERE disconnected_at IS NOT NULL") {
                result[row["group_id"], default: GroupDelivery()].disconnected = row["disconnected_reason"] ?? "disconnected"
            }
            return result
        }
    }
}
