import Foundation
import QunCore

/// The one place anything is put into the PostgreSQL outbox (as `OutboxWrites` is in SQLite).
enum PostgresOutboxWrites {
    /// Inserts the drafts not already queued (same idempotency key); returns, per draft, whether it was new.
    /// A draft for a paused campaign is queued `held`.
    @discardableResult
    static func enqueue(_ drafts: [OutboxDraft], now: Date, in s: PostgresSession) throws -> [Bool] {
        let ts = now.timeIntervalSince1970
        return try drafts.map { draft in
            var state = OutboxState.pending
            if let campaign = draft.campaignID,
                try s.scalar("SELECT status FROM campaigns WHERE id = $1", [.text(campaign)], as: String.self) == CampaignStatus.paused.rawValue
            {
                state = .held
            }
            return try s.execute(
                """
                INSERT INTO outbox (idempotency_key, group_id, platform, verb, command, state, audit_id, campaign_id, purpose,
                    created_at, due_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT (idempotency_key) DO NOTHING
                """,
                [
                    .text(draft.idempotencyKey), .text(draft.groupID),
                    .text(try PostgresPlatformAddress.platform(groupID: draft.groupID, in: s).rawValue), .text(draft.command.verb),
                    .text(draft.command.json), .text(state.rawValue), PGValue(draft.auditID), PGValue(draft.campaignID), PGValue(draft.purpose),
                    .double(ts), .double(draft.dueAt.timeIntervalSince1970), .double(ts),
                ]) == 1
        }
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
