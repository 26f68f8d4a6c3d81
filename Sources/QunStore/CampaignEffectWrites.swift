import Foundation
import GRDB
import QunCore

extension SQLiteStore {
    /// Applies a campaign decision's effects in order, in the caller's transaction.
    static func persist(_ effects: [CampaignEffect], in db: Database) throws {
        for effect in effects {
            switch effect {
            case let .savePlan(plan, nextRunAt):
                try saveCampaign(plan.campaign(nextRunAt: nextRunAt), in: db)
                try db.execute(sql: "UPDATE campaigns SET plan_json = ? WHERE id = ?", arguments: [try plan.jsonString(), plan.id])
            case let .followTransition(campaignID, move, at):
                try CampaignOutbox.follow(move, campaignID: campaignID, now: at, in: db)
            case let .audit(draft):
                try AuditWrites.record(draft, in: db)
            case let .enqueue(post, at):
                let draft = OutboxDraft(
                    idempotencyKey: post.idempotencyKey, groupID: post.groupID, command: try OutboxWrites.command(for: post, in: db),
                    dueAt: post.dueAt, campaignID: post.campaignID, purpose: post.purpose.rawValue)
                try OutboxWrites.enqueue([draft], now: at, in: db)
            case let .book(d, at):
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO ledger (campaign_id, kind, amount_fen, member_id, group_id, note, recorded_at, dedupe_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [d.campaignID, d.kind.rawValue, d.amount.fen, d.memberID, d.groupID, d.note, at.timeIntervalSince1970, d.dedupeKey])
            case let .recordDraw(campaignID, draw, actor, at):
                try db.execute(
                    sql: "INSERT INTO lottery_draws (campaign_id, round, seed, draw_json, drawn_at, actor) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [campaignID, draw.round, String(draw.seed), try draw.jsonString(), at.timeIntervalSince1970, actor])
            case let .setCursor(campaignID, at):
                try setCursor(campaignID, at, in: db)
            }
        }
    }
}
