import Foundation
import GRDB
import QunCore

// A campaign decision in SQLite: read the campaign's `CampaignSnapshot`, let QunCore decide, apply the effects —
// all in the caller's write transaction.

extension SQLiteStore {
    /// Reads the campaign's snapshot, runs `decide` on it and applies the decision's effects, in `db`'s
    /// transaction. Decision errors become `StoreError`s (`StoreError.deciding`).
    static func decide<Result>(
        _ id: String, now: Date, askedKeys: [String] = [], in db: Database, _ decide: (CampaignSnapshot) throws -> (Result, CampaignDecision?)
    ) throws -> Result {
        let snapshot = try snapshot(id, now: now, askedKeys: askedKeys, in: db)
        let (result, decision) = try StoreError.deciding { try decide(snapshot) }
        if let decision { try persist(decision.effects, in: db) }
        return result
    }

    static func snapshot(_ id: String, now: Date, askedKeys: [String] = [], in db: Database) throws -> CampaignSnapshot {
        let plan = try requirePlan(id, in: db)
        let cursor = try cursor(id, in: db)
        return try snapshot(plan, cursor: cursor, needs: CampaignSnapshot.needs(for: plan, cursor: cursor, now: now), now: now,
                            askedKeys: askedKeys, in: db)
    }

    /// The facts every decision reads, and the optional ones `needs` asks for.
    static func snapshot(
        _ plan: CampaignPlan, cursor: Date?, needs: CampaignSnapshot.Needs, now: Date, askedKeys: [String] = [], in db: Database
    ) throws -> CampaignSnapshot {
        var snapshot = CampaignSnapshot(plan: plan, cursor: cursor, groups: try groupsByID(in: db), draws: try draws(plan.id, in: db))
        snapshot.queuedKeys = Set(try String.fetchAll(db, sql: "SELECT idempotency_key FROM outbox WHERE campaign_id = ?", arguments: [plan.id]))
        for key in askedKeys where !snapshot.queuedKeys.contains(key) {
            if try OutboxWrites.isQueued(key, in: db) { snapshot.queuedKeys.insert(key) }
        }
        snapshot.redPackets = try CampaignOutbox.redPacketDrops(campaignID: plan.id, in: db)
        if needs.readsClaims(redPackets: snapshot.redPackets) {
            snapshot.claims = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, member_id, group_id, amount_fen, ts FROM events
                    WHERE campaign_id = ? AND kind = 'redpacket_claim' AND amount_fen IS NOT NULL ORDER BY ts, seq
                    """,
                arguments: [plan.id]
            ).map {
                RedPacketClaim(memberID: $0["member_id"], groupID: $0["group_id"], amount: Money(fen: $0["amount_fen"]),
                               claimedAt: Date(timeIntervalSince1970: $0["ts"]), sequence: $0["seq"])
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT dedupe_key, amount_fen FROM ledger WHERE campaign_id = ?", arguments: [plan.id]) {
            snapshot.spent = snapshot.spent + Money(fen: row["amount_fen"])
            if let key: String = row["dedupe_key"] { snapshot.bookedKeys.insert(key) }
        }

        let groups = plan.groupIDs
        guard !groups.isEmpty else { return snapshot }
        let marks = groups.map { _ in "?" }.joined(separator: ",")
        if needs.members { snapshot.members = try members(groups, in: db) }
        if let since = needs.rewardEventsSince {
            var args = StatementArguments(groups)
            args += [since.timeIntervalSince1970, now.timeIntervalSince1970, plan.id, now.timeIntervalSince1970]
            snapshot.rewardEvents = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM events
                    WHERE (group_id IN (\(marks)) AND kind IN ('join', 'order') AND ts >= ? AND ts <= ?)
                       OR (campaign_id = ? AND ts <= ?)
                    ORDER BY ts, seq
                    """,
                arguments: args
            ).map(StoreDecoding.event)
        }
        if needs.checkins {
            for row in try Row.fetchAll(
                db, sql: "SELECT group_id, member_id, day FROM checkins WHERE group_id IN (\(marks)) AND ts <= ? ORDER BY day",
                arguments: StatementArguments(groups) + [now.timeIntervalSince1970])
            {
                snapshot.checkinDays[MemberKey(groupID: row["group_id"], memberID: row["member_id"]), default: []].append(LocalDay(number: row["day"]))
            }
        }
        if let after = needs.joinsAfter {
            snapshot.joins = try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE kind = 'join' AND group_id IN (\(marks)) AND ts > ? AND ts <= ? ORDER BY ts, seq",
                arguments: StatementArguments(groups) + [after.timeIntervalSince1970, now.timeIntervalSince1970]
            ).map(StoreDecoding.event)
        }
        if needs.postsSent {
            snapshot.postsSent = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM outbox WHERE campaign_id = ? AND state = 'sent'", arguments: [plan.id]) ?? 0
        }
        return snapshot
    }

    /// One row per member of each of `groupIDs`.
    static func members(_ groupIDs: [String], in db: Database) throws -> [CampaignMemberFacts] {
        guard !groupIDs.isEmpty else { return [] }
        let marks = groupIDs.map { _ in "?" }.joined(separator: ",")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT group_id, member_id, role, status, status_at, joined_at, message_count, checkin_count,
                    coalesce(nickname, display_name) AS name
                FROM members WHERE group_id IN (\(marks)) ORDER BY group_id, member_id
                """,
            arguments: StatementArguments(groupIDs)
        ).map { row in
            CampaignMemberFacts(
                groupID: row["group_id"], memberID: row["member_id"], role: MemberRole(rawValue: row["role"]) ?? .member,
                status: MemberStatus(rawValue: row["status"]) ?? .active, statusAt: Date(timeIntervalSince1970: row["status_at"] ?? 0),
                joinedAt: StoreDecoding.date(row, "joined_at"), messageCount: row["message_count"] ?? 0, checkinCount: row["checkin_count"] ?? 0,
                name: row["name"])
        }
    }
}
