import Foundation
import QunCore

/// The one place anything is put into the outbox on PostgreSQL (SQLite's `OutboxWrites`): moderation, undo,
/// rules and campaigns hand `OutboxDraft`s here. One statement for the whole batch.
enum PostgresOutboxWrites {
    /// Inserts the drafts not already queued (same idempotency key); returns, per draft, whether it was new.
    /// A draft for a paused campaign is queued `held`; the platform is the group's.
    @discardableResult
    static func enqueue(_ drafts: [OutboxDraft], now: Date, in session: PostgresSession) throws -> [Bool] {
        guard !drafts.isEmpty else { return [] }
        let ts = now.timeIntervalSince1970
        let inserted = try session.query(
            """
            INSERT INTO outbox (idempotency_key, group_id, platform, verb, command, state, audit_id, campaign_id, purpose, created_at, due_at,
                updated_at)
            SELECT d.key, d.group_id, coalesce(g.platform, 'other'), d.verb, d.command,
                CASE WHEN c.status = 'paused' THEN 'held' ELSE 'pending' END, d.audit_id, d.campaign_id, d.purpose, $9, d.due_at, $9
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::double precision[])
                WITH ORDINALITY AS d(key, group_id, verb, command, audit_id, campaign_id, purpose, due_at, n)
            LEFT JOIN groups g ON g.id = d.group_id
            LEFT JOIN campaigns c ON c.id = d.campaign_id
            ORDER BY d.n
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING idempotency_key
            """,
            [.textArray(drafts.map(\.idempotencyKey)), .textArray(drafts.map(\.groupID)), .textArray(drafts.map(\.command.verb)),
             .textArray(drafts.map(\.command.json)), .intArray(drafts.map(\.auditID)), .textArray(drafts.map(\.campaignID)),
             .textArray(drafts.map(\.purpose)), .doubleArray(drafts.map { $0.dueAt.timeIntervalSince1970 }), .double(ts)])
        var fresh = Set(try inserted.map { try $0.string("idempotency_key") })
        // A key twice in one batch is new once, as SQLite's row-by-row INSERT OR IGNORE has it.
        return drafts.map { fresh.remove($0.idempotencyKey) != nil }
    }

    /// Whether an item with this key was ever queued (in any state).
    static func isQueued(_ idempotencyKey: String, in session: PostgresSession) throws -> Bool {
        try session.queryOne("SELECT 1 FROM outbox WHERE idempotency_key = $1", [.text(idempotencyKey)]) != nil
    }

    /// Which of `keys` were ever queued (in any state).
    static func queued(_ keys: [String], in s: PostgresSession) throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return Set(try s.query("SELECT idempotency_key FROM outbox WHERE idempotency_key = ANY($1)", [.textArray(keys)])
            .map { try $0.string("idempotency_key") })
    }

    /// A campaign post as its command: a text post, or a red packet.
    static func command(for post: CampaignPost, in s: PostgresSession) throws -> OutboxCommand {
        post.command(
            chat: try PostgresPlatformAddress.chat(groupID: post.groupID, in: s),
            mentionTargets: try PostgresPlatformAddress.mentionTargets(memberIDs: post.mentionedMemberIDs, groupID: post.groupID, in: s))
    }
}
