import Foundation
import GRDB
import QunCore

/// Applies events to the store inside one write transaction: the event row, then every derived row it
/// changes as `EventConsequences` decides (group, member, hourly rollup, check-ins, streaks, moderation
/// cases, campaign KPIs, ledger).
struct EventWriter {
    let db: Database
    /// The rules and check-in keywords, as the store holds them in this transaction.
    let settings: ContentSettings
    let now: Date
    var result = AppendResult()
    private var groups: [String: Group] = [:]
    private var groupFacts: [String: GroupFacts] = [:]
    /// Hourly increments gathered over the transaction and written once at its end (`finish`).
    private var hourly = HourlyRollup()
    /// Events stored per group in this transaction, added to `event_totals` by `finish`.
    private var storedPerGroup: [String: Int] = [:]
    private var members: MemberBatch
    private let history: SQLiteIngestHistory
    private let insertEvent: HotStatement
    private let upsertCheckin: HotStatement
    private let upsertHour: HotStatement

    init(db: Database, groups: [Group], settings: ContentSettings, now: Date, knownMembers: [MemberKey: MemberFacts] = [:]) throws {
        self.db = db
        self.settings = settings
        self.now = now
        self.members = try MemberBatch(db, knownFacts: knownMembers)
        self.history = try SQLiteIngestHistory(db)
        for group in groups {
            self.groups[group.id] = group
            groupFacts[group.id] = GroupFacts(group)
        }
        // The statements every event (or every batch's rollups) runs, looked up once per batch: finding them by
        // SQL text per call (GRDB's statement cache hashes the whole string) was a measurable share of ingest.
        insertEvent = try HotStatement(db, sql: """
            INSERT OR IGNORE INTO events (source, external_id, group_id, ts, kind, member_id, member_name, text, actor_id,
                via, reply_to, amount_fen, campaign_id, raw, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        upsertCheckin = try HotStatement(db, sql: """
            INSERT INTO checkins (group_id, member_id, day, ts) VALUES (?, ?, ?, ?)
            ON CONFLICT(group_id, member_id, day) DO UPDATE SET ts = min(ts, excluded.ts)
            """)
        upsertHour = try HotStatement(db, sql: """
            INSERT INTO activity_hourly (group_id, hour, local_day, local_hour, messages, joins, leaves, removes, bans,
                checkins, claims, orders, order_fen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(group_id, hour) DO UPDATE SET messages = messages + excluded.messages, joins = joins + excluded.joins,
                leaves = leaves + excluded.leaves, removes = removes + excluded.removes, bans = bans + excluded.bans,
                checkins = checkins + excluded.checkins, claims = claims + excluded.claims, orders = orders + excluded.orders,
                order_fen = order_fen + excluded.order_fen
            """)
    }

    /// Applies one event; `analysis` is its text's analysis made with this transaction's settings, if any.
    mutating func apply(_ event: Event, analysis: MessageAnalysis? = nil) throws {
        let group = try ensureGroup(for: event)
        let ts = event.timestamp.timeIntervalSince1970
        try insertEvent.bind(
            .text(event.source), .text(event.externalID), .text(event.groupID), .real(ts), .text(event.kind.rawValue),
            .text(event.memberID), .text(event.memberName), .text(event.text), .text(event.actorID), .text(event.via?.rawValue),
            .text(event.replyTo), .integer(event.amount?.fen), .text(event.campaignID), .text(event.raw),
            .real(now.timeIntervalSince1970)
        ).run()
        guard db.changesCount == 1 else {
            result.duplicates += 1
            return
        }
        let seq = db.lastInsertedRowID
        result.inserted += 1
        storedPerGroup[event.groupID, default: 0] += 1

        let consequences = try EventConsequences.of(
            event, member: try members.facts(for: event), group: group, analysis: analysis, settings: settings, now: now,
            history: history)
        try members.apply(consequences, of: event)
        if consequences.makesOwner {
            try db.cachedStatement(sql: "UPDATE groups SET owner_id = ? WHERE id = ? AND owner_id IS NOT ?")
                .execute(arguments: [event.memberID, event.groupID, event.memberID])
        }
        if let increment = consequences.hour { hourly.add(increment, zone: group.zone) }
        if let checkin = consequences.checkin {
            try upsertCheckin.bind(.text(checkin.groupID), .text(checkin.memberID), .integer(checkin.day), .real(checkin.at)).run()
        }
        for step in consequences.moderation { try moderate(step, event: event) }
        if consequences.flagged { result.flagged += 1 }
        if let settled = consequences.settlesJoinRequest {
            try db.cachedStatement(sql: """
                UPDATE moderation_cases SET status = 'resolved', resolution = ?, resolved_at = ?, version = version + 1
                WHERE group_id = ? AND member_id = ? AND kind = 'join_request' AND status != 'resolved'
                """).execute(arguments: [settled.resolution, settled.at.timeIntervalSince1970, settled.groupID, settled.memberID])
        }
        if let claim = consequences.claim {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO ledger (campaign_id, kind, amount_fen, member_id, group_id, note, event_seq, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    claim.campaignID, ClaimLedgerEntry.kind.rawValue, claim.amount.fen, claim.memberID, claim.groupID, ClaimLedgerEntry.note,
                    seq, claim.claimedAt.timeIntervalSince1970,
                ])
        }
        if let stat = consequences.campaignStat {
            let column = stat.column.rawValue
            try db.cachedStatement(sql: """
                INSERT INTO campaign_stats (campaign_id, \(column)) VALUES (?, 1)
                ON CONFLICT(campaign_id) DO UPDATE SET \(column) = \(column) + 1
                """).execute(arguments: [stat.campaignID])
        }
    }

    // MARK: groups

    private mutating func ensureGroup(for event: Event) throws -> GroupFacts {
        if let facts = groupFacts[event.groupID] {
            if let name = event.groupName, !name.isEmpty, groups[event.groupID]?.name != name {
                // The newest event names the group: an older export imported later does not bring back an old name.
                try db.execute(
                    sql: "UPDATE groups SET name = ?, name_at = ? WHERE id = ? AND (name_at IS NULL OR name_at <= ?)",
                    arguments: [name, event.timestamp.timeIntervalSince1970, event.groupID, event.timestamp.timeIntervalSince1970])
                if db.changesCount == 1 { groups[event.groupID]?.name = name }
            }
            return facts
        }
        let group = Group(firstSeenIn: event)
        try db.execute(
            sql: "INSERT INTO groups (id, platform, name, timezone, created_at, name_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [group.id, group.platform.rawValue, group.name, group.timeZoneID, event.timestamp.timeIntervalSince1970,
                        event.groupName == nil ? nil : event.timestamp.timeIntervalSince1970])
        groups[group.id] = group
        let facts = GroupFacts(group)
        groupFacts[group.id] = facts
        return facts
    }

    // MARK: rollups

    /// The member facts after `finish`, to start the next transaction with.
    var knownMembers: [MemberKey: MemberFacts] { members.knownFacts }

    /// Writes the batch's member counters and rollup increments; call once after the last `apply`.
    mutating func finish() throws {
        try members.flush()
        for (key, row) in hourly.rows {
            let c = row.counts
            try upsertHour.bind(
                .text(key.groupID), .integer(key.hour), .integer(row.localDay), .integer(row.localHour), .integer(c.messages),
                .integer(c.joins), .integer(c.leaves), .integer(c.removes), .integer(c.bans), .integer(c.checkins),
                .integer(c.claims), .integer(c.orders), .integer(c.orderFen)
            ).run()
        }
        hourly.removeAll()
        for (groupID, stored) in storedPerGroup.sorted(by: { $0.key < $1.key }) {
            try db.cachedStatement(sql: """
                INSERT INTO event_totals (group_id, events) VALUES (?, ?)
                ON CONFLICT(group_id) DO UPDATE SET events = events + excluded.events
                """).execute(arguments: [groupID, stored])
        }
        storedPerGroup.removeAll()
    }

    // MARK: moderation

    private mutating func moderate(_ step: ModerationStep, event: Event) throws {
        switch step {
        case let .open(draft):
            try open(draft)
        case let .log(entry):
            try AuditWrites.record(entry, in: db)
        case let .openAndAct(draft, action, reason, at):
            try open(draft)
            guard let caseID = try Int64.fetchOne(
                db.cachedStatement(sql: """
                    SELECT id FROM moderation_cases WHERE event_source = ? AND event_external_id = ? AND kind = ? AND rule = ?
                        AND status != 'resolved'
                    """), arguments: [draft.eventSource, draft.eventExternalID, draft.kind.rawValue, draft.ruleKey])
            else { return }
            _ = try SQLiteStore.act(on: caseID, action, actor: ModerationStep.automaticActor, reason: reason, now: at, in: db)
            try members.reloadMembership(group: draft.groupID, member: draft.memberID)
        }
    }

    private func open(_ draft: ModerationCaseDraft) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO moderation_cases (kind, group_id, member_id, event_source, event_external_id, rule, reason,
                evidence, severity, created_at, reason_zh)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                draft.kind.rawValue, draft.groupID, draft.memberID, draft.eventSource, draft.eventExternalID, draft.ruleKey,
                draft.reason, draft.evidence, draft.severity, draft.createdAt.timeIntervalSince1970, draft.reasonZh,
            ])
    }
}
