import Foundation
import GRDB
import QunCore

// Reading campaigns: plans, budget, draws, entrants, and each campaign's outbox, audit and ledger.

extension SQLiteStore {
    /// The stored plan (`plan_json`), or — for rows saved without one (older stores, the demo) — the row lifted
    /// into a plan with the template's defaults. The row's status always wins.
    public func campaignPlan(id: String) throws -> CampaignPlan? {
        try pool.read { db in try Self.loadPlan(id: id, in: db) }
    }

    public func campaignPlans() throws -> [CampaignPlan] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaigns ORDER BY created_at, id").map { try Self.plan(from: $0, in: db) }
        }
    }

    static func loadPlan(id: String, in db: Database) throws -> CampaignPlan? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM campaigns WHERE id = ?", arguments: [id]) else { return nil }
        return try plan(from: row, in: db)
    }

    static func plan(from row: Row, in db: Database) throws -> CampaignPlan {
        CampaignPlan(stored: StoreDecoding.campaign(row), json: row["plan_json"], zones: try zones(in: db))
    }

    static func requirePlan(_ id: String, in db: Database) throws -> CampaignPlan {
        guard let plan = try loadPlan(id: id, in: db) else { throw StoreError.unknownCampaign(id) }
        return plan
    }

    static func zones(in db: Database) throws -> [String: TimeZone] {
        Dictionary(uniqueKeysWithValues: try StoreDecoding.groups(in: db).map { ($0.id, $0.timeZone) })
    }

    static func groupsByID(in db: Database) throws -> [String: Group] {
        Dictionary(uniqueKeysWithValues: try StoreDecoding.groups(in: db).map { ($0.id, $0) })
    }

    /// Each group's time zone (Asia/Shanghai for groups the store does not know).
    public func groupZones() throws -> [String: TimeZone] {
        try pool.read { db in try Self.zones(in: db) }
    }

    /// The campaign's spend so far (ledger) and what is reserved for red packets still being claimed.
    public func campaignBudget(id: String, now: Date = Date()) throws -> CampaignBudgetState {
        try pool.read { db in
            let snapshot = try Self.snapshot(Self.requirePlan(id, in: db), cursor: nil, needs: .basic, now: now, in: db)
            return CampaignDecision(snapshot, now: now, actor: "").budget
        }
    }

    /// The facts the reward engines (and `CampaignKPIs.compute`) need for `plan` at `now`.
    public func campaignFacts(plan: CampaignPlan, now: Date = Date()) throws -> CampaignStoreFacts {
        try pool.read { db in
            CampaignStoreFacts(try Self.snapshot(plan, cursor: nil, needs: CampaignSnapshot.kpiNeeds(for: plan), now: now, in: db))
        }
    }

    /// The campaign's draws, first round first.
    public func lotteryDraws(campaignID: String) throws -> [LotteryDraw] {
        try pool.read { db in try Self.draws(campaignID, in: db) }
    }

    static func draws(_ campaignID: String, in db: Database) throws -> [LotteryDraw] {
        try String.fetchAll(db, sql: "SELECT draw_json FROM lottery_draws WHERE campaign_id = ? ORDER BY round", arguments: [campaignID])
            .map(LotteryDraw.fromJSON)
    }

    /// The entrants' facts now: one row per member of each target group.
    public func lotteryEntrants(groupIDs: [String]) throws -> [LotteryEntrant] {
        try pool.read { db in try Self.members(groupIDs, in: db).map(\.entrant) }
    }

    /// The campaign's outbox items, oldest first.
    public func campaignOutbox(id: String) throws -> [OutboxItem] {
        try pool.read { db in
            try OutboxItem.fetchAll(db, sql: "SELECT * FROM outbox WHERE campaign_id = ? ORDER BY due_at, id", arguments: [id])
        }
    }

    /// The campaign's audit timeline, oldest first.
    public func campaignAudit(id: String) throws -> [AuditEntry] {
        try pool.read { db in
            try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE campaign_id = ? ORDER BY at, id", arguments: [id])
        }
    }

    /// The campaign's ledger, oldest first.
    public func campaignLedger(id: String) throws -> [LedgerEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE campaign_id = ? ORDER BY recorded_at, id", arguments: [id]).map { r in
                LedgerEntry(
                    id: r["id"], campaignID: r["campaign_id"], kind: LedgerKind(rawValue: r["kind"]) ?? .other,
                    amount: Money(fen: r["amount_fen"]), memberID: r["member_id"], groupID: r["group_id"], note: r["note"],
                    recordedAt: Date(timeIntervalSince1970: r["recorded_at"]))
            }
        }
    }
}
