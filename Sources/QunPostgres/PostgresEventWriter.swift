import Foundation
import QunCore
import QunStore

/// Applies events to a PostgreSQL store inside one write transaction, with the same results as SQLite's
/// `EventWriter`: the event rows, then every derived row `EventConsequences` decides.
///
/// Round trips are the cost here, so a chunk's events go in with one `unnest` insert and its members' facts
/// come back with one query; members' first sight and membership, check-ins, settled join requests, claim
/// ledger rows and campaign KPIs are written once per chunk; member counters and hourly rollups once per
/// transaction (`finish`). Queue items, log entries and automatic actions — rare — are written as decided,
/// so the look-ups of the events after them see them. What a look-up (`IngestHistory`) must see of the
/// chunk's pending rows is written before it answers.
final class PostgresEventWriter {
    let session: PostgresSession
    let settings: ContentSettings
    let now: Date
    private(set) var result = AppendResult()
    private var groups: [String: Group] = [:]
    private var groupFacts: [String: GroupFacts] = [:]
    private var members = PostgresMemberBatch()
    private var hourly = HourlyRollup()
    /// Events stored per group in this transaction, added to `event_totals` by `finish`.
    private var storedPerGroup: [String: Int64] = [:]
    /// Pending until the chunk ends (or a look-up needs them): the earliest time per (group, member, day).
    private var checkins: [CheckinKey: Double] = [:]
    private var checkinOrder: [CheckinKey] = []
    /// The first settlement per member since the last write of them; a later one finds nothing left open.
    private var settlements: [MemberKey: JoinRequestSettlement] = [:]
    private var settlementOrder: [MemberKey] = []
    private var claims: [(entry: ClaimLedgerEntry, seq: Int64)] = []
    private var campaignStats: [String: [CampaignStatIncrement.Column: Int64]] = [:]
    private var owners: [String: String] = [:]
    /// The row of the event being decided: look-ups in `events` see only the rows before it.
    var currentSeq: Int64 = 0

    struct CheckinKey: Hashable {
        var groupID: String
        var memberID: String
        var day: Int
    }

    init(session: PostgresSession, groups: [Group], settings: ContentSettings, now: Date) {
        self.session = session
        self.settings = settings
        self.now = now
        for group in groups {
            self.groups[group.id] = group
            groupFacts[group.id] = GroupFacts(group)
        }
    }

    /// Applies one chunk of events; `analysis`, when given, is parallel to `events` and made with `settings`.
    func apply(_ events: [Event], analysis: [MessageAnalysis?]?) throws {
        guard !events.isEmpty else { return }
        for event in events { try ensureGroup(for: event) }
        let inserted = try insertEvents(events)
        let stored = events.indices.compactMap { i in inserted[i].map { (index: i, seq: $0) } }
        result.inserted += stored.count
        for (index, _) in stored { storedPerGroup[events[index].groupID, default: 0] += 1 }
        result.duplicates += events.count - stored.count
        try members.load(stored.map { MemberKey(groupID: events[$0.index].groupID, memberID: events[$0.index].memberID) }, in: session)
        for (index, seq) in stored {
            let event = events[index]
            currentSeq = seq
            try apply(event, seq: seq, analysis: analysis?[index])
        }
        try writeChunk()
    }

    private func apply(_ event: Event, seq: Int64, analysis: MessageAnalysis?) throws {
        let group = groupFacts[event.groupID]!
        let consequences = try EventConsequences.of(
            event, member: members.facts(for: event), group: group, analysis: analysis, settings: settings, now: now, history: self)
        members.apply(consequences, of: event)
        if consequences.makesOwner { owners[event.groupID] = event.memberID }
        if let increment = consequences.hour { hourly.add(increment, zone: group.zone) }
        if let checkin = consequences.checkin {
            let key = CheckinKey(groupID: checkin.groupID, memberID: checkin.memberID, day: checkin.day)
            if let earlier = checkins[key] {
                checkins[key] = min(earlier, checkin.at)
            } else {
                checkins[key] = checkin.at
                checkinOrder.append(key)
            }
        }
        for step in consequences.moderation { try moderate(step) }
        if consequences.flagged { result.flagged += 1 }
        if let settled = consequences.settlesJoinRequest {
            let key = MemberKey(groupID: settled.groupID, memberID: settled.memberID)
            if settlements[key] == nil {
                settlements[key] = settled
                settlementOrder.append(key)
            }
        }
        if let claim = consequences.claim { claims.append((claim, seq)) }
        if let stat = consequences.campaignStat { campaignStats[stat.campaignID, default: [:]][stat.column, default: 0] += 1 }
    }

    // MARK: groups

    /// Creates a group the store does not know, or renames a known one when the event is the newest to name it.
    private func ensureGroup(for event: Event) throws {
        if groupFacts[event.groupID] != nil {
            guard let name = event.groupName, !name.isEmpty, groups[event.groupID]?.name != name else { return }
            // The newest event names the group: an older export imported later does not bring back an old name.
            let ts = event.timestamp.timeIntervalSince1970
            let renamed = try session.execute(
                "UPDATE groups SET name = $1, name_at = $2 WHERE id = $3 AND (name_at IS NULL OR name_at <= $2)",
                [.text(name), .double(ts), .text(event.groupID)])
            if renamed == 1 { groups[event.groupID]?.name = name }
            return
        }
        let group = Group(firstSeenIn: event)
        let created = try session.execute(
            """
            INSERT INTO groups (id, platform, name, timezone, created_at, name_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO NOTHING
            """,
            [.text(group.id), .text(group.platform.rawValue), .text(group.name), .text(group.timeZoneID),
             .double(event.timestamp.timeIntervalSince1970), event.groupName == nil ? .null : .double(event.timestamp.timeIntervalSince1970)])
        if created == 1 {
            groups[group.id] = group
            groupFacts[group.id] = GroupFacts(group)
        } else {
            // Another process created it since this transaction read the groups: take it as stored.
            guard let row = try session.queryOne("SELECT * FROM groups WHERE id = $1", [.text(event.groupID)]) else {
                throw StoreError.invalid("group \(event.groupID) could be neither created nor read")
            }
            let stored = try StoreDecoding.group(row)
            groups[stored.id] = stored
            groupFacts[stored.id] = GroupFacts(stored)
            try ensureGroup(for: event)
        }
    }

    // MARK: events

    /// Inserts the chunk's new events in order; returns each stored event's row number (nil: already stored,
    /// or a repeat of an earlier event of the chunk).
    private func insertEvents(_ events: [Event]) throws -> [Int64?] {
        let rows = try session.query(
            """
            INSERT INTO events (source, external_id, group_id, ts, kind, member_id, member_name, text, actor_id, via, reply_to,
                amount_fen, campaign_id, raw, ingested_at)
            SELECT u.source, u.external_id, u.group_id, u.ts, u.kind, u.member_id, u.member_name, u.text, u.actor_id, u.via,
                u.reply_to, u.amount_fen, u.campaign_id, u.raw, $15
            FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                $10::text[], $11::text[], $12::int8[], $13::text[], $14::text[]) WITH ORDINALITY
                AS u(source, external_id, group_id, ts, kind, member_id, member_name, text, actor_id, via, reply_to, amount_fen,
                    campaign_id, raw, ord)
            -- Events already stored take no number from the sequence, so seq stays close to the count.
            WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.source = u.source AND e.external_id = u.external_id)
            ORDER BY u.ord
            ON CONFLICT (source, external_id) DO NOTHING
            RETURNING seq, source, external_id
            """,
            [.textArray(events.map(\.source)), .textArray(events.map(\.externalID)), .textArray(events.map(\.groupID)),
             .doubleArray(events.map { $0.timestamp.timeIntervalSince1970 }), .textArray(events.map(\.kind.rawValue)),
             .textArray(events.map(\.memberID)), .textArray(events.map(\.memberName)), .textArray(events.map(\.text)),
             .textArray(events.map(\.actorID)), .textArray(events.map { $0.via?.rawValue }), .textArray(events.map(\.replyTo)),
             .intArray(events.map { $0.amount?.fen }), .textArray(events.map(\.campaignID)), .textArray(events.map(\.raw)),
             .double(now.timeIntervalSince1970)])
        var seqs: [EventKey: Int64] = [:]
        for row in rows { seqs[EventKey(source: try row.string("source"), externalID: try row.string("external_id"))] = try row.int64("seq") }
        // Of two events with one key in the chunk the first was stored, as one by one.
        return events.map { seqs.removeValue(forKey: EventKey(source: $0.source, externalID: $0.externalID)) }
    }

    private struct EventKey: Hashable {
        var source: String
        var externalID: String
    }

    // MARK: moderation

    private func moderate(_ step: ModerationStep) throws {
        switch step {
        case let .open(draft):
            try open(draft)
        case let .log(entry):
            try PostgresAuditWrites.record(entry, in: session)
        case let .openAndAct(draft, action, reason, at):
            try open(draft)
            guard let caseID = try session.scalar(
                """
                SELECT id FROM moderation_cases WHERE event_source = $1 AND event_external_id = $2 AND kind = $3 AND rule = $4
                    AND status != 'resolved'
                """, [.text(draft.eventSource), .text(draft.eventExternalID), .text(draft.kind.rawValue), .text(draft.ruleKey)],
                as: Int64.self)
            else { return }
            // The action reads and changes the member's row: it must hold what was applied so far.
            try members.writeRows(in: session)
            _ = try PostgresStore.act(
                on: caseID, action, actor: ModerationStep.automaticActor, reason: reason, expectedVersion: nil, now: at, in: session)
            try members.reloadMembership(group: draft.groupID, member: draft.memberID, in: session)
        }
    }

    private func open(_ draft: ModerationCaseDraft) throws {
        // A new request must not be settled by a departure applied before it.
        if draft.kind == .joinRequest, settlements[MemberKey(groupID: draft.groupID, memberID: draft.memberID)] != nil {
            try writeSettlements()
        }
        try session.execute(
            """
            INSERT INTO moderation_cases (kind, group_id, member_id, event_source, event_external_id, rule, reason, evidence, severity,
                created_at, reason_zh)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT DO NOTHING
            """,
            [.text(draft.kind.rawValue), .text(draft.groupID), .text(draft.memberID), .text(draft.eventSource), .text(draft.eventExternalID),
             .text(draft.ruleKey), .text(draft.reason), PGValue(draft.evidence), .int(Int64(draft.severity)),
             .double(draft.createdAt.timeIntervalSince1970), PGValue(draft.reasonZh)])
    }

    // MARK: writing what is pending

    /// Writes what the chunk left pending, except what waits for the end of the transaction.
    private func writeChunk() throws {
        try members.writeRows(in: session)
        if !owners.isEmpty {
            try session.execute(
                """
                UPDATE groups g SET owner_id = u.owner_id FROM unnest($1::text[], $2::text[]) AS u(id, owner_id)
                WHERE g.id = u.id AND g.owner_id IS DISTINCT FROM u.owner_id
                """, [.textArray(Array(owners.keys)), .textArray(Array(owners.values))])
            owners.removeAll()
        }
        try writeCheckins()
        try writeSettlements()
        if !claims.isEmpty {
            try session.execute(
                """
                INSERT INTO ledger (campaign_id, kind, amount_fen, member_id, group_id, note, event_seq, recorded_at)
                SELECT u.campaign_id, $1, u.amount_fen, u.member_id, u.group_id, $2, u.event_seq, u.recorded_at
                FROM unnest($3::text[], $4::int8[], $5::text[], $6::text[], $7::int8[], $8::float8[]) WITH ORDINALITY
                    AS u(campaign_id, amount_fen, member_id, group_id, event_seq, recorded_at, ord)
                ORDER BY u.ord
                ON CONFLICT DO NOTHING
                """,
                [.text(ClaimLedgerEntry.kind.rawValue), .text(ClaimLedgerEntry.note), .textArray(claims.map(\.entry.campaignID)),
                 .intArray(claims.map(\.entry.amount.fen)), .textArray(claims.map(\.entry.memberID)), .textArray(claims.map(\.entry.groupID)),
                 .intArray(claims.map(\.seq)), .doubleArray(claims.map { $0.entry.claimedAt.timeIntervalSince1970 })])
            claims.removeAll()
        }
        if !campaignStats.isEmpty {
            let ids = Array(campaignStats.keys)
            let stats = campaignStats
            let column = { (c: CampaignStatIncrement.Column) in PGValue.intArray(ids.map { stats[$0]?[c] ?? 0 }) }
            try session.execute(
                """
                INSERT INTO campaign_stats (campaign_id, claims, orders, joins, checkins, messages)
                SELECT * FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::int8[])
                ON CONFLICT (campaign_id) DO UPDATE SET claims = campaign_stats.claims + excluded.claims,
                    orders = campaign_stats.orders + excluded.orders, joins = campaign_stats.joins + excluded.joins,
                    checkins = campaign_stats.checkins + excluded.checkins, messages = campaign_stats.messages + excluded.messages
                """,
                [.textArray(ids), column(.claims), column(.orders), column(.joins), column(.checkins), column(.messages)])
            campaignStats.removeAll()
        }
    }

    func writeCheckins() throws {
        guard !checkinOrder.isEmpty else { return }
        let keys = checkinOrder
        try session.execute(
            """
            INSERT INTO checkins (group_id, member_id, day, ts)
            SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::float8[])
            ON CONFLICT (group_id, member_id, day) DO UPDATE SET ts = least(checkins.ts, excluded.ts)
            """,
            [.textArray(keys.map(\.groupID)), .textArray(keys.map(\.memberID)), .intArray(keys.map { Int64($0.day) }),
             .doubleArray(keys.map { checkins[$0]! })])
        checkins.removeAll()
        checkinOrder.removeAll()
    }

    private func writeSettlements() throws {
        guard !settlementOrder.isEmpty else { return }
        let pending = settlementOrder.map { settlements[$0]! }
        try session.execute(
            """
            UPDATE moderation_cases c SET status = 'resolved', resolution = u.resolution, resolved_at = u.resolved_at, version = c.version + 1
            FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[]) AS u(group_id, member_id, resolution, resolved_at)
            WHERE c.group_id = u.group_id AND c.member_id = u.member_id AND c.kind = 'join_request' AND c.status != 'resolved'
            """,
            [.textArray(pending.map(\.groupID)), .textArray(pending.map(\.memberID)), .textArray(pending.map(\.resolution)),
             .doubleArray(pending.map { $0.at.timeIntervalSince1970 })])
        settlements.removeAll()
        settlementOrder.removeAll()
    }

    /// Writes the transaction's member counters and hourly rollups; call once after the last chunk.
    func finish() throws {
        try members.writeCounters(in: session)
        if !storedPerGroup.isEmpty {
            let totals = storedPerGroup.sorted { $0.key < $1.key }
            try session.execute(
                """
                INSERT INTO event_totals (group_id, events) SELECT * FROM unnest($1::text[], $2::int8[])
                ON CONFLICT (group_id) DO UPDATE SET events = event_totals.events + excluded.events
                """, [.textArray(totals.map(\.key)), .intArray(totals.map(\.value))])
            storedPerGroup.removeAll()
        }
        guard !hourly.isEmpty else { return }
        let rows = hourly.rows.sorted { ($0.key.groupID, $0.key.hour) < ($1.key.groupID, $1.key.hour) }
        let counts = { (value: (ActivityCounts) -> Int) in PGValue.intArray(rows.map { Int64(value($0.value.counts)) }) }
        try session.execute(
            """
            INSERT INTO activity_hourly (group_id, hour, local_day, local_hour, messages, joins, leaves, removes, bans, checkins, claims,
                orders, order_fen)
            SELECT * FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[],
                $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::int8[])
            ON CONFLICT (group_id, hour) DO UPDATE SET messages = activity_hourly.messages + excluded.messages,
                joins = activity_hourly.joins + excluded.joins, leaves = activity_hourly.leaves + excluded.leaves,
                removes = activity_hourly.removes + excluded.removes, bans = activity_hourly.bans + excluded.bans,
                checkins = activity_hourly.checkins + excluded.checkins, claims = activity_hourly.claims + excluded.claims,
                orders = activity_hourly.orders + excluded.orders, order_fen = activity_hourly.order_fen + excluded.order_fen
            """,
            [.textArray(rows.map(\.key.groupID)), .intArray(rows.map { Int64($0.key.hour) }), .intArray(rows.map { Int64($0.value.localDay) }),
             .intArray(rows.map { Int64($0.value.localHour) }), counts(\.messages), counts(\.joins), counts(\.leaves), counts(\.removes),
             counts(\.bans), counts(\.checkins), counts(\.claims), counts(\.orders), .intArray(rows.map { $0.value.counts.orderFen })])
        hourly.removeAll()
    }
}
