import Foundation
import GRDB
import QunCore

// The scheduler that `qundeck run` and the dashboard share, and "trigger now": QunCore's `CampaignTick` and
// `CampaignTrigger` decide, one write transaction per campaign reads the snapshot and applies the decision.

extension SQLiteStore {
    /// "Trigger now" (`CampaignTrigger`): one manual slot per target group at `now`, through the same
    /// budget-checked transaction as the scheduler. A draft or scheduled campaign starts (audited); a paused,
    /// completed or cancelled one is refused. A lottery triggers its draw (once; re-draws are `drawLottery`).
    @discardableResult
    public func triggerCampaign(id: String, actor: String, now: Date = Date(), seed: UInt64? = nil) throws -> CampaignTickReport {
        let seed = seed ?? UInt64.random(in: .min ... .max)
        return try pool.write { db in
            try Self.decide(id, now: now, in: db) { try CampaignTrigger.plan($0, now: now, actor: actor, seed: seed) }
        }
    }

    /// Where the scheduler stopped for this campaign (nil before its first tick).
    public func campaignLastRun(id: String) throws -> Date? {
        try pool.read { db in try Self.cursor(id, in: db) }
    }

    static func cursor(_ id: String, in db: Database) throws -> Date? {
        try Double.fetchOne(db, sql: "SELECT last_run FROM campaign_runs WHERE campaign_id = ?", arguments: [id]).map(Date.init(timeIntervalSince1970:))
    }

    static func setCursor(_ id: String, _ at: Date, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO campaign_runs (campaign_id, last_run) VALUES (?, ?) ON CONFLICT(campaign_id) DO UPDATE SET last_run = excluded.last_run",
            arguments: [id, at.timeIntervalSince1970])
    }

    /// One scheduler pass at `now` (`CampaignSchedulerPass`): one write transaction per campaign, each reading its
    /// snapshot (cursor included) inside the transaction, so passes from several processes at once are safe and the
    /// outbox's unique idempotency key refuses a second copy of any slot. Returns a report for each campaign the
    /// pass changed.
    @discardableResult
    public func runDue(now: Date = Date(), actor: String = "scheduler") throws -> [CampaignTickReport] {
        try CampaignSchedulerPass.run(
            now: now, actor: actor,
            campaignIDs: { statuses in
                try pool.read { db in
                    let marks = statuses.map { _ in "?" }.joined(separator: ",")
                    return try String.fetchAll(
                        db, sql: "SELECT id FROM campaigns WHERE status IN (\(marks)) ORDER BY id", arguments: StatementArguments(statuses.map(\.rawValue)))
                }
            },
            decide: { id, decide in try pool.write { db in try Self.decide(id, now: now, in: db, decide) } })
    }
}
