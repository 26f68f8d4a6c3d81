import Foundation
import QunCore

extension PostgresStore {
    /// Applies a campaign decision's effects in order, in the caller's transaction (as SQLite's `persist` does).
    static func persist(_ effects: [CampaignEffect], in s: PostgresSession) throws {
        for effect in effects {
            switch effect {
            case let .savePlan(plan, nextRunAt):
                try saveCampaign(plan.campaign(nextRunAt: nextRunAt), in: s)
                try s.execute("UPDATE campaigns SET plan_json = $1 WHERE id = $2", [.text(try plan.jsonString()), .text(plan.id)])
            case let .followTransition(campaignID, move, at):
                guard let change = move.outboxChange else { continue }
                try s.execute(
                    "UPDATE outbox SET state = $1, updated_at = $2 WHERE campaign_id = $3 AND state = ANY($4)",
                    [.text(change.to.rawValue), .double(at.timeIntervalSince1970), .text(campaignID), .textArray(change.from.map(\.rawValue))])
            case let .audit(draft):
                try PostgresAuditWrites.record(draft, in: s)
            case let .enqueue(post, at):
                let draft = OutboxDraft(
                    idempotencyKey: post.idempotencyKey, groupID: post.groupID, command: try PostgresOutboxWrites.command(for: post, in: s),
                    dueAt: post.dueAt, campaignID: post.campaignID, purpose: post.purpose.rawValue)
                try PostgresOutboxWrites.enqueue([draft], now: at, in: s)
            case let .book(d, at):
                try s.execute(
                    """
                    INSERT INTO ledger (campaign_id, kind, amount_fen, member_id, group_id, note, recorded_at, dedupe_key)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                    """,
                    [.text(d.campaignID), .text(d.kind.rawValue), .int(d.amount.fen), PGValue(d.memberID), PGValue(d.groupID), .text(d.note),
                     .double(at.timeIntervalSince1970), .text(d.dedupeKey)])
            case let .recordDraw(campaignID, draw, actor, at):
                try s.execute(
                    "INSERT INTO lottery_draws (campaign_id, round, seed, draw_json, drawn_at, actor) VALUES ($1, $2, $3, $4, $5, $6)",
                    [.text(campaignID), .int(Int64(draw.round)), .text(String(draw.seed)), .text(try draw.jsonString()),
                     .double(at.timeIntervalSince1970), .text(actor)])
            case let .setCursor(campaignID, at):
                try setCursor(campaignID, at, in: s)
            }
        }
    }

    static func saveCampaign(_ c: Campaign, in s: PostgresSession) throws {
        try s.execute(
            """
            INSERT INTO campaigns (id, name, type, status, group_ids, theme, hook, product, goal_metric, goal_target,
                budget_fen, starts_at, ends_at, next_run_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, status = excluded.status,
                group_ids = excluded.group_ids, theme = excluded.theme, hook = excluded.hook, product = excluded.product,
                goal_metric = excluded.goal_metric, goal_target = excluded.goal_target, budget_fen = excluded.budget_fen,
                starts_at = excluded.starts_at, ends_at = excluded.ends_at, next_run_at = excluded.next_run_at
            """,
            [
                .text(c.id), .text(c.name), .text(c.type.rawValue), .text(c.status.rawValue), .text(c.groupIDs.joined(separator: ",")),
                PGValue(c.theme), PGValue(c.hook), PGValue(c.product), .text(c.goalMetric), .int(Int64(c.goalTarget)), .int(c.budget.fen),
                PGValue(c.startsAt?.timeIntervalSince1970), PGValue(c.endsAt?.timeIntervalSince1970), PGValue(c.nextRunAt?.timeIntervalSince1970),
                .double(c.createdAt.timeIntervalSince1970),
            ])
        try s.execute("INSERT INTO campaign_stats (campaign_id) VALUES ($1) ON CONFLICT DO NOTHING", [.text(c.id)])
    }

    static func setCursor(_ id: String, _ at: Date, in s: PostgresSession) throws {
        try s.execute(
            """
            INSERT INTO campaign_runs (campaign_id, last_run) VALUES ($1, $2)
            ON CONFLICT (campaign_id) DO UPDATE SET last_run = excluded.last_run
            """,
            [.text(id), .double(at.timeIntervalSince1970)])
    }
}
