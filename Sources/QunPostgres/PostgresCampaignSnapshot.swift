import Foundation
import QunCore
import QunStore

// A campaign decision in PostgreSQL: lock the campaign's row, read its `CampaignSnapshot`, let QunCore decide,
// apply the effects — all in the caller's write transaction. The same facts as SQLite's, so the same decisions.

extension PostgresStore {
    /// Locks the campaign's row (so decisions about one campaign from several processes run one after another, each
    /// seeing what the previous one committed), reads its snapshot, runs `decide` and applies the decision's effects.
    static func decide<Result>(
        _ id: String, now: Date, askedKeys: [String] = [], in s: PostgresSession, _ decide: (CampaignSnapshot) throws -> (Result, CampaignDecision?)
    ) throws -> Result {
        guard try s.queryOne("SELECT id FROM campaigns WHERE id = $1 FOR UPDATE", [.text(id)]) != nil else { throw StoreError.unknownCampaign(id) }
        let plan = try requirePlan(id, in: s)
        let cursor = try cursor(id, in: s)
        let snapshot = try snapshot(
            plan, cursor: cursor, needs: CampaignSnapshot.needs(for: plan, cursor: cursor, now: now), now: now, askedKeys: askedKeys, in: s)
        let (result, decision) = try StoreError.deciding { try decide(snapshot) }
        if let decision { try persist(decision.effects, in: s) }
        return result
    }

    /// The facts every decision reads, and the optional ones `needs` asks for.
    static func snapshot(
        _ plan: CampaignPlan, cursor: Date?, needs: CampaignSnapshot.Needs, now: Date, askedKeys: [String] = [], in s: PostgresSession
    ) throws -> CampaignSnapshot {
        let id = PGValue.text(plan.id)
        var snapshot = CampaignSnapshot(plan: plan, cursor: cursor, groups: try groupsByID(in: s), draws: try draws(plan.id, in: s))
        snapshot.queuedKeys = Set(try s.query("SELECT idempotency_key FROM outbox WHERE campaign_id = $1", [id]).map { try $0.string("idempotency_key") })
        snapshot.queuedKeys.formUnion(try PostgresOutboxWrites.queued(askedKeys.filter { !snapshot.queuedKeys.contains($0) }, in: s))
        snapshot.redPackets = try s.query(
            "SELECT * FROM outbox WHERE campaign_id = $1 AND verb = 'send_red_packet' AND state = ANY($2) ORDER BY due_at, id",
            [id, .textArray(OutboxState.redPacketLive.map(\.rawValue))]
        ).compactMap { try OutboxItem(stored: $0).redPacketDrop }
        if needs.readsClaims(redPackets: snapshot.redPackets) {
            snapshot.claims = try s.query(
                """
                SELECT seq, member_id, group_id, amount_fen, ts FROM events
                WHERE campaign_id = $1 AND kind = 'redpacket_claim' AND amount_fen IS NOT NULL ORDER BY ts, seq
                """, [id]
            ).map {
                RedPacketClaim(memberID: try $0.string("member_id"), groupID: try $0.string("group_id"), amount: Money(fen: try $0.int64("amount_fen")),
                               claimedAt: try $0.date("ts"), sequence: try $0.int("seq"))
            }
        }
        for row in try s.query("SELECT dedupe_key, amount_fen FROM ledger WHERE campaign_id = $1", [id]) {
            snapshot.spent = snapshot.spent + Money(fen: try row.int64("amount_fen"))
            if let key = try row.optionalString("dedupe_key") { snapshot.bookedKeys.insert(key) }
        }

        let groups = PGValue.textArray(plan.groupIDs)
        guard !plan.groupIDs.isEmpty else { return snapshot }
        if needs.members { snapshot.members = try members(plan.groupIDs, in: s) }
        if let since = needs.rewardEventsSince {
            snapshot.rewardEvents = try s.query(
                """
                SELECT * FROM events
                WHERE (group_id = ANY($1) AND kind IN ('join', 'order') AND ts >= $2 AND ts <= $3)
                   OR (campaign_id = $4 AND ts <= $3)
                ORDER BY ts, seq
                """,
                [groups, .double(since.timeIntervalSince1970), .double(now.timeIntervalSince1970), id]
            ).map(StoreDecoding.event)
        }
        if needs.checkins {
            for row in try s.query(
                "SELECT group_id, member_id, day FROM checkins WHERE group_id = ANY($1) AND ts <= $2 ORDER BY day",
                [groups, .double(now.timeIntervalSince1970)])
            {
                snapshot.checkinDays[MemberKey(groupID: try row.string("group_id"), memberID: try row.string("member_id")), default: []]
                    .append(LocalDay(number: try row.int("day")))
            }
        }
        if let after = needs.joinsAfter {
            snapshot.joins = try s.query(
                "SELECT * FROM events WHERE kind = 'join' AND group_id = ANY($1) AND ts > $2 AND ts <= $3 ORDER BY ts, seq",
                [groups, .double(after.timeIntervalSince1970), .double(now.timeIntervalSince1970)]
            ).map(StoreDecoding.event)
        }
        if needs.postsSent {
            snapshot.postsSent = Int(try s.scalar("SELECT count(*) FROM outbox WHERE campaign_id = $1 AND state = 'sent'", [id], as: Int64.self) ?? 0)
        }
        return snapshot
    }

    /// One row per member of each of `groupIDs`.
    static func members(_ groupIDs: [String], in s: PostgresSession) throws -> [CampaignMemberFacts] {
        guard !groupIDs.isEmpty else { return [] }
        return try s.query(
            """
            SELECT group_id, member_id, role, status, status_at, joined_at, message_count, checkin_count,
                coalesce(nickname, display_name) AS name
            FROM members WHERE group_id = ANY($1) ORDER BY group_id, member_id
            """,
            [.textArray(groupIDs)]
        ).map { row in
            CampaignMemberFacts(
                groupID: try row.string("group_id"), memberID: try row.string("member_id"),
                role: MemberRole(rawValue: try row.string("role")) ?? .member, status: MemberStatus(rawValue: try row.string("status")) ?? .active,
                statusAt: try row.date("status_at"), joinedAt: try row.optionalDate("joined_at"), messageCount: try row.int("message_count"),
                checkinCount: try row.int("checkin_count"), name: try row.optionalString("name"))
        }
    }
}
