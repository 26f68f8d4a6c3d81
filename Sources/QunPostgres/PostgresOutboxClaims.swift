import Foundation
import QunCore
import QunStore

/// The connector's side of the outbox on PostgreSQL (SQLite's `OutboxClaims`). Several connector processes
/// claim at once: each takes rows no other transaction holds (`FOR UPDATE SKIP LOCKED`), so no item is
/// claimed twice and nobody waits on another's claim.
extension PostgresStore {
    public func claimDue(worker: String, platform: Platform, lease: TimeInterval, limit: Int, now: Date) throws -> [OutboxItem] {
        try write { s in
            let ts = PGValue.double(now.timeIntervalSince1970)
            // Expired claims first: `unknown` where a request had started (it may have reached the platform), else pending again.
            try s.execute(
                """
                UPDATE outbox SET state = 'unknown', updated_at = $1,
                    last_error = 'connector ' || claimed_by || ' stopped during the request: it may or may not have reached the platform'
                WHERE id IN (SELECT id FROM outbox WHERE state = 'claimed' AND lease_until < $1 AND attempt_started_at IS NOT NULL
                             FOR UPDATE SKIP LOCKED)
                """, [ts])
            try s.execute(
                """
                UPDATE outbox SET state = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = $1
                WHERE id IN (SELECT id FROM outbox WHERE state = 'claimed' AND lease_until < $1 AND attempt_started_at IS NULL
                             FOR UPDATE SKIP LOCKED)
                """, [ts])
            let claimed = try s.query(
                """
                WITH due AS (
                    SELECT id FROM outbox
                    WHERE platform = $1 AND state = 'pending' AND due_at <= $2 AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
                      AND group_id NOT IN (SELECT group_id FROM platform_chats WHERE disconnected_at IS NOT NULL)
                    ORDER BY due_at, id LIMIT $3
                    FOR UPDATE SKIP LOCKED)
                UPDATE outbox o SET state = 'claimed', claimed_by = $4, lease_until = $5, attempt_started_at = NULL, updated_at = $2
                FROM due WHERE o.id = due.id
                RETURNING o.*
                """, [.text(platform.rawValue), ts, .int(Int64(limit)), .text(worker), .double(now.timeIntervalSince1970 + lease)])
            return try claimed.map(OutboxItem.init(stored:)).sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
        }
    }

    /// The workers holding claims now, so a restarted connector can find the claims of one that died.
    public func claimingWorkers() throws -> [String] {
        try read { s in
            try s.query("SELECT DISTINCT claimed_by FROM outbox WHERE state = 'claimed' AND claimed_by IS NOT NULL ORDER BY 1")
                .map { try $0.string("claimed_by") }
        }
    }

    /// Ends `worker`'s claims now, as if their lease had run out (its process is known to be gone).
    @discardableResult
    public func expireClaims(of worker: String, now: Date) throws -> Int {
        try write { s in
            try s.execute(
                "UPDATE outbox SET lease_until = $1 WHERE state = 'claimed' AND claimed_by = $2",
                [.double(now.timeIntervalSince1970 - 1), .text(worker)])
        }
    }

    /// Records that `worker` is about to send item `id`; false when it is no longer its claim: do not send.
    public func beginAttempt(id: Int64, worker: String, lease: TimeInterval?, now: Date) throws -> Bool {
        try write { s in
            try s.execute(
                """
                UPDATE outbox SET attempt_started_at = $1, attempts = attempts + 1, updated_at = $1, lease_until = coalesce($2, lease_until)
                WHERE id = $3 AND state = 'claimed' AND claimed_by = $4 AND attempt_started_at IS NULL
                """,
                [.double(now.timeIntervalSince1970), PGValue(lease.map { now.timeIntervalSince1970 + $0 }), .int(id), .text(worker)]) == 1
        }
    }

    public func complete(id: Int64, worker: String, response: String?, now: Date) throws {
        try finish(id: id, worker: worker, state: .sent, error: nil, response: response, retryAt: nil, now: now)
    }

    public func fail(id: Int64, worker: String, error: String, retryAt: Date?, now: Date) throws {
        try finish(id: id, worker: worker, state: retryAt == nil ? .failed : .pending, error: error, response: nil, retryAt: retryAt, now: now)
    }

    public func markUnknown(id: Int64, worker: String, error: String, now: Date) throws {
        try finish(id: id, worker: worker, state: .unknown, error: error, response: nil, retryAt: nil, now: now)
    }

    /// Gives a claimed item back without an attempt (the connector is stopping, or waits out a rate limit).
    public func release(id: Int64, worker: String, until: Date?, now: Date) throws {
        try write { s in
            try s.execute(
                """
                UPDATE outbox SET state = 'pending', claimed_by = NULL, lease_until = NULL, next_attempt_at = $1, updated_at = $2
                WHERE id = $3 AND state = 'claimed' AND claimed_by = $4 AND attempt_started_at IS NULL
                """, [PGValue(until?.timeIntervalSince1970), .double(now.timeIntervalSince1970), .int(id), .text(worker)])
        }
    }

    private func finish(id: Int64, worker: String, state: OutboxState, error: String?, response: String?, retryAt: Date?, now: Date) throws {
        try write { s in
            let changed = try s.execute(
                """
                UPDATE outbox SET state = $1, last_error = coalesce($2, last_error), response = coalesce($3, response), next_attempt_at = $4,
                    claimed_by = CASE WHEN $1 = 'pending' THEN NULL ELSE claimed_by END, lease_until = NULL, attempt_started_at = NULL,
                    updated_at = $5
                WHERE id = $6 AND state = 'claimed' AND claimed_by = $7
                """,
                [.text(state.rawValue), PGValue(error), PGValue(response), PGValue(retryAt?.timeIntervalSince1970), .double(now.timeIntervalSince1970),
                 .int(id), .text(worker)])
            guard changed == 1 else { throw StoreError.invalid("outbox item \(id) is not claimed by \(worker) any more") }
        }
    }

    /// A group's chat got a new id on its platform: record it and rewrite the commands still to be sent.
    public func moveChat(groupID: String, to chat: PlatformID, now: Date) throws {
        try write { s in
            try s.execute(
                "INSERT INTO platform_chats (group_id, chat_id) VALUES ($1, $2) ON CONFLICT (group_id) DO UPDATE SET chat_id = excluded.chat_id",
                [.text(groupID), .text(chat.description)])
            let items = try s.query(
                "SELECT * FROM outbox WHERE group_id = $1 AND state IN ('pending', 'held', 'claimed') ORDER BY id", [.text(groupID)]
            ).map(OutboxItem.init(stored:))
            guard !items.isEmpty else { return }
            try s.execute(
                """
                UPDATE outbox o SET command = m.command, updated_at = $3
                FROM unnest($1::bigint[], $2::text[]) AS m(id, command) WHERE o.id = m.id
                """, [.intArray(items.map(\.id)), .textArray(items.map { $0.command.moved(to: chat).json }), .double(now.timeIntervalSince1970)])
        }
    }

    /// The bot can no longer reach the group: its items stay queued but no connector claims them.
    public func markDisconnected(groupID: String, reason: String, now: Date) throws {
        try write { s in
            let chat = try PostgresPlatformAddress.chat(groupID: groupID, in: s)
            try s.execute(
                """
                INSERT INTO platform_chats (group_id, chat_id, disconnected_at, disconnected_reason) VALUES ($1, $2, $3, $4)
                ON CONFLICT (group_id) DO UPDATE SET disconnected_at = excluded.disconnected_at, disconnected_reason = excluded.disconnected_reason
                """, [.text(groupID), .text(chat.description), .double(now.timeIntervalSince1970), .text(reason)])
        }
    }

    /// The bot is back in the group.
    public func markConnected(groupID: String) throws {
        try write { s in
            try s.execute("UPDATE platform_chats SET disconnected_at = NULL, disconnected_reason = NULL WHERE group_id = $1", [.text(groupID)])
        }
    }
}
