import Foundation
import QunCore
import QunStore

// Reading campaigns on PostgreSQL: plans, budget, draws, entrants, and each campaign's outbox, audit and ledger.

extension PostgresStore {
    public func campaignPlan(id: String) throws -> CampaignPlan? {
        try read { s in try Self.loadPlan(id: id, in: s) }
    }

    public func campaignPlans() throws -> [CampaignPlan] {
        try read { s in
            let zones = try Self.zones(in: s)
            return try s.query("SELECT * FROM campaigns ORDER BY created_at, id").map { try Self.plan(from: $0, zones: zones) }
        }
    }

    static func loadPlan(id: String, in s: PostgresSession) throws -> CampaignPlan? {
        guard let row = try s.queryOne("SELECT * FROM campaigns WHERE id = $1", [.text(id)]) else { return nil }
        return try plan(from: row, zones: try zones(in: s))
    }

    static func plan(from row: PGRow, zones: [String: TimeZone]) throws -> CampaignPlan {
        CampaignPlan(stored: try StoreDecoding.campaign(row), json: try row.optionalString("plan_json"), zones: zones)
    }

    static func requirePlan(_ id: String, in s: PostgresSession) throws -> CampaignPlan {
        guard let plan = try loadPlan(id: id, in: s) else { throw StoreError.unknownCampaign(id) }
        return plan
    }

    static func groupsByID(in s: PostgresSession) throws -> [String: Group] {
        Dictionary(uniqueKeysWithValues: try s.query("SELECT * FROM groups ORDER BY name").map { group in
            let group = try StoreDecoding.group(group)
            return (group.id, group)
        })
    }

    static func zones(in s: PostgresSession) throws -> [String: TimeZone] {
        try groupsByID(in: s).mapValues(\.timeZone)
    }

    static func cursor(_ id: String, in s: PostgresSession) throws -> Date? {
        try s.scalar("SELECT last_run FROM campaign_runs WHERE campaign_id = $1", [.text(id)], as: Double.self).map(Date.init(timeIntervalSince1970:))
    }

    static func draws(_ campaignID: String, in s: PostgresSession) throws -> [LotteryDraw] {
        try s.query("SELECT draw_json FROM lottery_draws WHERE campaign_id = $1 ORDER BY round", [.text(campaignID)])
            .map { try LotteryDraw.fromJSON(try $0.string("draw_json")) }
    }

    public func campaignBudget(id: String, now: Date = Date()) throws -> CampaignBudgetState {
        try read { s in
            let snapshot = try Self.snapshot(Self.requirePlan(id, in: s), cursor: nil, needs: .basic, now: now, in: s)
            return CampaignDecision(snapshot, now: now, actor: "").budget
        }
    }

    public func campaignFacts(plan: CampaignPlan, now: Date = Date()) throws -> CampaignStoreFacts {
        try read { s in
            CampaignStoreFacts(try Self.snapshot(plan, cursor: nil, needs: CampaignSnapshot.kpiNeeds(for: plan), now: now, in: s))
        }
    }

    public func lotteryDraws(campaignID: String) throws -> [LotteryDraw] {
        try read { s in try Self.draws(campaignID, in: s) }
    }

    public func lotteryEntrants(groupIDs: [String]) throws -> [LotteryEntrant] {
        try read { s in try Self.members(groupIDs, in: s).map(\.entrant) }
    }

    public func campaignLastRun(id: String) throws -> Date? {
        try read { s in try Self.cursor(id, in: s) }
    }

    public func campaignOutbox(id: String) throws -> [OutboxItem] {
        try read { s in
            try s.query("SELECT * FROM outbox WHERE campaign_id = $1 ORDER BY due_at, id", [.text(id)]).map(OutboxItem.init(stored:))
        }
    }

    public func campaignAudit(id: String) throws -> [AuditEntry] {
        try read { s in
            try s.query("SELECT * FROM audit_log WHERE campaign_id = $1 ORDER BY at, id", [.text(id)]).map(AuditEntry.init(stored:))
        }
    }

    public func campaignLedger(id: String) throws -> [LedgerEntry] {
        try read { s in
            try s.query("SELECT * FROM ledger WHERE campaign_id = $1 ORDER BY recorded_at, id", [.text(id)]).map(PostgresDecoding.ledgerEntry)
        }
    }
}
