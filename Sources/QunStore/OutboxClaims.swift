import Foundation
import GRDB
import QunCore

/// The connector's side of the outbox. Each step is one short write transaction, so two connector
/// processes on one store never carry out the same item twice: a claim takes items in a write transaction
/// (SQLite serialises writers), an attempt is recorded before its request goes out, and an item whose
/// connector died mid-request becomes `unknown` rather than being sent again.
extension SQLiteStore {
    /// Claims up to `limit` due items of `platform` for `worker` until `now + lease`. First returns expired
    /// claims: back to pending when no request had started, `unknown` when one had.
    public func claimDue(worker: String, platform: Platform, lease: TimeInterval, limit: Int, now: Date = Date()) throws -> [OutboxItem] {
        try pool.write { db in
            let ts = now.timeIntervalSince1970
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'unknown', updated_at = ?1,
                        last_error = 'connector ' || claimed_by || ' stopped during the request: it may or may not have reached the platform'
                    WHERE state = 'claimed' AND lease_until < ?1 AND attempt_started_at IS NOT NULL
                    """, arguments: [ts])
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = ?1
                    WHERE state = 'claimed' AND lease_until < ?1 AND attempt_started_at IS NULL
                    """, arguments: [ts])
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM outbox
                    WHERE platform = ? AND state = 'pending' AND due_at <= ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                      AND group_id NOT IN (SELECT group_id FROM platform_chats WHERE disconnected_at IS NOT NULL)
                    ORDER BY due_at, id LIMIT ?
                    """, arguments: [platform.rawValue, ts, ts, limit])
            guard !ids.isEmpty else { return [] }
            let marks = ids.map { _ in "?" }.joined(separator: ",")
            try db.execute(
                sql: "UPDATE outbox SET state = 'claimed', claimed_by = ?, lease_until = ?, attempt_started_at = NULL, updated_at = ? WHERE id IN (\(marks))",
                arguments: StatementArguments([worker, ts + lease, ts] as [DatabaseValueConvertible]) + StatementArguments(ids))
            return try OutboxItem.fetchAll(db, sql: "SELECT * FROM outbox WHERE id IN (\(marks)) ORDER BY due_at, id", arguments: StatementArguments(ids))
        }
    }

    /// The workers holding claims now, so a restarted connector can find the claims of one that died.
    public func claimingWorkers() throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT claimed_by FROM outbox WHERE state = 'claimed' AND claimed_by IS NOT NULL ORDER BY 1")
        }
    }

    /// Ends `worker`'s claims now, as if their lease had run out: for a connector known to be dead (its
    /// process is gone), so its items need not wait out the lease. The next `claimDue` puts them back to
    /// pending, or `unknown` where a request had started. Returns how many claims it ended.
    @discardableResult
    public func expireClaims(of worker: String, now: Date = Date()) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE outbox SET lease_until = ? WHERE state = 'claimed' AND claimed_by = ?",
                arguments: [now.timeIntervalSince1970 - 1, worker])
            return db.changesCount
        }
    }

    /// Records that `worker` is about to send item `id` (one more attempt). False when the item is no longer
    /// its claim (cancelled by an admin, or the lease ran out and another connector took it): do not send.
    /// With `lease`, the claim is renewed for that long from now: an item sent late in a slow batch is not
    /// taken for the claim of a dead connector while its request is out.
    public func beginAttempt(id: Int64, worker: String, lease: TimeInterval? = nil, now: Date = Date()) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET attempt_started_at = ?, attempts = attempts + 1, updated_at = ?, lease_until = coalesce(?, lease_until)
                    WHERE id = ? AND state = 'claimed' AND claimed_by = ? AND attempt_started_at IS NULL
                    """,
                arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, lease.map { now.timeIntervalSince1970 + $0 }, id, worker])
            return db.changesCount == 1
        }
    }

    /// The platform did it; `response` is its answer (JSON), kept so a post can be deleted later.
    public func complete(id: Int64, worker: String, response: String?, now: Date = Date()) throws {
        try finish(id: id, worker: worker, state: .sent, error: nil, response: response, retryAt: nil, now: now)
    }

    /// It did not work. With `retryAt` the item goes back to pending until then; without, it failed for good.
    public func fail(id: Int64, worker: String, error: String, retryAt: Date?, now: Date = Date()) throws {
        try finish(id: id, worker: worker, state: retryAt == nil ? .failed : .pending, error: error, response: nil, retryAt: retryAt, now: now)
    }

    /// The request went out and no answer came back: the platform may or may not have done it.
    public func markUnknown(id: Int64, worker: String, error: String, now: Date = Date()) throws {
        try finish(id: id, worker: worker, state: .unknown, error: error, response: nil, retryAt: nil, now: now)
    }

    /// Gives a claimed item back without an attempt (the connector is stopping, or waits out a rate limit).
    public func release(id: Int64, worker: String, until: Date? = nil, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'pending', claimed_by = NULL, lease_until = NULL, next_attempt_at = ?, updated_at = ?
                    WHERE id = ? AND state = 'claimed' AND claimed_by = ? AND attempt_started_at IS NULL
                    """, arguments: [until?.timeIntervalSince1970, now.timeIntervalSince1970, id, worker])
        }
    }

    private func finish(id: Int64, worker: String, state: OutboxState, error: String?, response: String?, retryAt: Date?, now: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = ?, last_error = coalesce(?, last_error), response = coalesce(?, response), next_attempt_at = ?,
                        claimed_by = CASE WHEN ? = 'pending' THEN NULL ELSE claimed_by END, lease_until = NULL, attempt_started_at = NULL,
                        updated_at = ?
                    WHERE id = ? AND state = 'claimed' AND claimed_by = ?
                    """,
                arguments: [state.rawValue, error, response, retryAt?.timeIntervalSince1970, state.rawValue, now.timeIntervalSince1970, id, worker])
            guard db.changesCount == 1 else {
                throw StoreError.invalid("outbox item \(id) is not claimed by \(worker) any more")
            }
        }
    }

    /// A group's chat got a new id on its platform (a Telegram group upgraded to a supergroup): record it and
    /// rewrite the commands still to be sent.
    public func moveChat(groupID: String, to chat: PlatformID, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO platform_chats (group_id, chat_id) VALUES (?, ?) ON CONFLICT(group_id) DO UPDATE SET chat_id = excluded.chat_id",
                arguments: [groupID, chat.description])
            let items = try OutboxItem.fetchAll(
                db, sql: "SELECT * FROM outbox WHERE group_id = ? AND state IN ('pending', 'held', 'claimed')", arguments: [groupID])
            for item in items {
                try db.execute(
                    sql: "UPDATE outbox SET command = ?, updated_at = ? WHERE id = ?",
                    arguments: [item.command.moved(to: chat).json, now.timeIntervalSince1970, item.id])
            }
        }
    }

    /// The bot can no longer reach the group (removed from it, or the chat was deleted): its items stay
    /// queued but no connector claims them, and the dashboard shows the group disconnected.
    public func markDisconnected(groupID: String, reason: String, now: Date = Date()) throws {
        try pool.write { db in
            let chat = try PlatformAddress.chat(groupID: groupID, in: db)
            try db.execute(
                sql: """
                    INSERT INTO platform_chats (group_id, chat_id, disconnected_at, disconnected_reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT(group_id) DO UPDATE SET disconnected_at = excluded.disconnected_at, disconnected_reason = excluded.disconnected_reason
                    """, arguments: [groupID, chat.description, now.timeIntervalSince1970, reason])
        }
    }

    /// The bot is back in the group (a `my_chat_member` update, or an admin says so).
    public func markConnected(groupID: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE platform_chats SET disconnected_at = NULL, disconnected_reason = NULL WHERE group_id = ?", arguments: [groupID])
        }
    }
}
