import Foundation
import GRDB
import QunCore

/// The one place anything is put into the outbox: moderation, rules acting at ingest, undo, campaign
/// posts and reward announcements all hand `OutboxDraft`s here.
enum OutboxWrites {
    /// Inserts the drafts not already queued (same idempotency key); returns, per draft, whether it was new.
    /// A draft for a paused campaign is queued `held`.
    @discardableResult
    static func enqueue(_ drafts: [OutboxDraft], now: Date, in db: Database) throws -> [Bool] {
        try drafts.map { draft in
            var state = OutboxState.pending
            if let campaign = draft.campaignID,
                try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM campaigns WHERE id = ?"), arguments: [campaign]) == "paused"
            {
                state = .held
            }
            let ts = now.timeIntervalSince1970
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO outbox (idempotency_key, group_id, platform, verb, command, state, audit_id, campaign_id,
                    purpose, created_at, due_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    draft.idempotencyKey, draft.groupID, try PlatformAddress.platform(groupID: draft.groupID, in: db).rawValue,
                    draft.command.verb, draft.command.json, state.rawValue, draft.auditID, draft.campaignID, draft.purpose, ts,
                    draft.dueAt.timeIntervalSince1970, ts,
                ])
            return db.changesCount == 1
        }
    }

    /// Whether an item with this key was ever queued (in any state).
    static func isQueued(_ idempotencyKey: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM outbox WHERE idempotency_key = ?"), arguments: [idempotencyKey]) ?? false
    }

    /// A text post to the group, with mention entities for the members it names.
    static func message(text: String, groupID: String, mentioning memberIDs: [String], in db: Database) throws -> OutboxCommand {
        let targets = try PlatformAddress.mentionTargets(memberIDs: memberIDs, groupID: groupID, in: db)
        return .sendMessage(
            chat: try PlatformAddress.chat(groupID: groupID, in: db), text: text, entities: MessageEntity.mentions(in: text, members: targets),
            replyTo: nil)
    }

    /// A campaign post as its command: a text post, or a red packet.
    static func command(for post: CampaignPost, in db: Database) throws -> OutboxCommand {
        post.command(
            chat: try PlatformAddress.chat(groupID: post.groupID, in: db),
            mentionTargets: try PlatformAddress.mentionTargets(memberIDs: post.mentionedMemberIDs, groupID: post.groupID, in: db))
    }
}
