import Foundation
import QunCore
import QunStore

/// What the panes and listing commands show, from the same tables as SQLite's `StoreQueries`, decoded by
/// `StoreDecoding` and assembled by `PaneAssembly` so both backends give equal values. Text is ordered
/// `COLLATE "C"` (by UTF-8 bytes, as SQLite's BINARY) and NULLs where SQLite puts them, whatever the
/// server's locale.
/// (`moderationQueue(limit:)` and `context(of:before:after:)` are in PostgresModerationQueue.swift.)
extension PostgresStore: PaneReads {}

extension PostgresStore {
    static let inGroupSQL = "status IN ('active', 'muted') AND role != 'pending'"

    static func requireGroup(_ id: String, in s: PostgresSession) throws -> Group {
        guard let row = try s.queryOne("SELECT * FROM groups WHERE id = $1", [.text(id)]) else { throw StoreError.unknownGroup(id) }
        return try StoreDecoding.group(row)
    }

    static func memberCounts(in s: PostgresSession) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try s.query("SELECT group_id, members FROM member_totals") {
            counts[try row.string("group_id")] = try row.int("members")
        }
        return counts
    }

    static func count(_ sql: String, _ binds: [PGValue] = [], in s: PostgresSession) throws -> Int {
        Int(try s.scalar(sql, binds, as: Int64.self) ?? 0)
    }

    /// Members whose last message falls on the group's local `day`: see SQLiteStore's twin.
    static func membersWhoseLastMessageFalls(on day: LocalDay, group: Group, in s: PostgresSession) throws -> Int {
        try count(
            "SELECT count(*) FROM members WHERE group_id = $1 AND last_message_at >= $2 AND last_message_at < $3",
            [
                .text(group.id), .double(day.start(in: group.timeZone).timeIntervalSince1970),
                .double(day.adding(days: 1).start(in: group.timeZone).timeIntervalSince1970),
            ], in: s)
    }

    public func openCaseCount(groupID: String?) throws -> Int {
        try read { s in
            try Self.count(
                "SELECT count(*) FROM moderation_cases WHERE status != 'resolved' AND ($1::text IS NULL OR group_id = $1)",
                [PGValue(groupID)], in: s)
        }
    }

    public func openCaseCount() throws -> Int {
        try openCaseCount(groupID: nil)
    }

    public func memberCount() throws -> Int {
        try read { s in try Self.count("SELECT count(*) FROM members", in: s) }
    }

    public func memberCounts() throws -> [String: Int] {
        try read { s in try Self.memberCounts(in: s) }
    }

    /// Members of a group, most recently seen first.
    public func members(groupID: String, limit: Int?, offset: Int) throws -> [Member] {
        try read { s in
            try s.query(
                "SELECT * FROM members WHERE group_id = $1 ORDER BY last_seen DESC, member_id COLLATE \"C\" LIMIT $2 OFFSET $3",
                [.text(groupID), PGValue(limit), .int(Int64(offset))]
            ).map(StoreDecoding.member)
        }
    }

    public func member(groupID: String, memberID: String) throws -> Member? {
        try read { s in
            try s.queryOne("SELECT * FROM members WHERE group_id = $1 AND member_id = $2", [.text(groupID), .text(memberID)])
                .map(StoreDecoding.member)
        }
    }

    public func stats(groupID: String?, since: Date?, now: Date) throws -> [GroupStats] {
        try read { s in
            var groups = try Self.groups(in: s)
            if let groupID {
                groups = groups.filter { $0.id == groupID }
                if groups.isEmpty { throw StoreError.unknownGroup(groupID) }
            }
            let sinceHour = PGValue.int(Int64(PaneAssembly.statsFirstHour(since: since)))
            let memberCounts = try Self.memberCounts(in: s)
            return try groups.map { group in
                let today = LocalDay(now, in: group.timeZone)
                let totals = try s.queryOne(
                    """
                    SELECT coalesce(sum(messages),0)::bigint m, coalesce(sum(joins),0)::bigint j, coalesce(sum(leaves),0)::bigint l,
                        coalesce(sum(removes),0)::bigint r, coalesce(sum(bans),0)::bigint b, coalesce(sum(checkins),0)::bigint c,
                        coalesce(sum(claims),0)::bigint cl, coalesce(sum(orders),0)::bigint o
                    FROM activity_hourly WHERE group_id = $1 AND hour >= $2
                    """, [.text(group.id), sinceHour])!
                let byHour = PaneAssembly.messagesByHour(
                    try s.query(
                        """
                        SELECT local_hour, sum(messages)::bigint n FROM activity_hourly WHERE group_id = $1 AND hour >= $2
                        GROUP BY local_hour
                        """, [.text(group.id), sinceHour]
                    ).map { (localHour: try $0.int("local_hour"), messages: try $0.int("n")) })
                let pending = try Self.count(
                    "SELECT count(*) FROM moderation_cases WHERE group_id = $1 AND kind = 'join_request' AND status != 'resolved'",
                    [.text(group.id)], in: s)
                return GroupStats(
                    groupID: group.id, name: group.name, platform: group.platform, timeZoneID: group.timeZoneID,
                    members: memberCounts[group.id] ?? 0,
                    activeToday: try Self.membersWhoseLastMessageFalls(on: today, group: group, in: s),
                    messages: try totals.int("m"), joins: try totals.int("j"), leaves: try totals.int("l"), removes: try totals.int("r"),
                    bans: try totals.int("b"), checkins: try totals.int("c"), redpacketClaims: try totals.int("cl"),
                    orders: try totals.int("o"), pendingRequests: pending, messagesByHour: byHour)
            }
        }
    }

    /// The Activity pane in two queries for all groups (each group's window passed as arrays), not seven per
    /// group: on a server every query is a round trip, and 50 groups made the refresh a third of a second.
    public func activity(now: Date, memberCounts known: [String: Int]?) throws -> [GroupActivity] {
        try read { s in
            let memberCounts = try known ?? Self.memberCounts(in: s)
            let groups = try Self.groups(in: s)
            guard !groups.isEmpty else { return [] }
            let windows = groups.map { PaneAssembly.ActivityWindow(now: now, zone: $0.timeZone) }
            let nowHour = PGValue.int(Int64(windows[0].nowHour))
            var hours: [String: [PaneAssembly.HourRow]] = [:]
            for row in try s.query(
                """
                SELECT g.id AS group_id, a.hour, a.local_day, a.messages, a.joins, a.gone
                FROM unnest($1::text[], $2::int8[]) AS g(id, first_hour)
                -- One range of the primary key per group. OFFSET 0 keeps the planner from flattening this into a
                -- join, which it ran as a hash join over the whole table (96 ms at 1M events instead of 2).
                CROSS JOIN LATERAL (
                    SELECT hour, local_day, messages, joins, leaves + removes + bans AS gone FROM activity_hourly
                    WHERE group_id = g.id AND hour > g.first_hour AND hour <= $3 OFFSET 0) a
                """, [.textArray(groups.map(\.id)), .intArray(windows.map { Int64($0.firstHourAfter) }), nowHour])
            {
                hours[try row.string("group_id"), default: []].append(
                    PaneAssembly.HourRow(
                        hour: try row.int("hour"), localDay: try row.int("local_day"), messages: try row.int("messages"),
                        joins: try row.int("joins"), gone: try row.int("gone")))
            }
            var facts: [String: PGRow] = [:]
            for row in try s.query(
                """
                SELECT g.id,
                    (SELECT count(*) FROM events e WHERE e.group_id = g.id AND e.ts > $2 AND e.kind = 'message') AS last_hour,
                    -- Newest first along (group_id, ts), stopping at the first message; max(ts) made the planner
                    -- read every event of the group.
                    (SELECT e.ts FROM events e WHERE e.group_id = g.id AND e.kind = 'message' ORDER BY e.ts DESC LIMIT 1)
                        AS last_message,
                    (SELECT m.last_message_at FROM members m WHERE m.group_id = g.id AND m.member_id = g.owner_id) AS owner_last,
                    (SELECT coalesce(sum(a.messages), 0)::bigint FROM activity_hourly a
                        WHERE a.group_id = g.id AND a.hour > g.baseline_after AND a.hour <= g.baseline_through
                            AND ($3 - a.hour) % 24 < 3) AS baseline,
                    (SELECT count(*) FROM members m
                        WHERE m.group_id = g.id AND m.last_message_at >= g.today_start AND m.last_message_at < g.tomorrow_start)
                        AS active_today
                FROM unnest($1::text[], $4::text[], $5::int8[], $6::int8[], $7::float8[], $8::float8[])
                    AS g(id, owner_id, baseline_after, baseline_through, today_start, tomorrow_start)
                """,
                [
                    .textArray(groups.map(\.id)), .double(now.timeIntervalSince1970 - 3600), nowHour,
                    .textArray(groups.map(\.ownerID)), .intArray(windows.map { Int64($0.baselineAfter) }),
                    .intArray(windows.map { Int64($0.baselineThrough) }),
                    .doubleArray(zip(groups, windows).map { $1.today.start(in: $0.timeZone).timeIntervalSince1970 }),
                    .doubleArray(zip(groups, windows).map { $1.today.adding(days: 1).start(in: $0.timeZone).timeIntervalSince1970 }),
                ])
            {
                facts[try row.string("id")] = row
            }
            return try zip(groups, windows).map { group, window in
                guard let row = facts[group.id] else { throw StoreError.invalid("the activity of group \(group.id) could not be read") }
                return PaneAssembly.activity(
                    group: group, window: window,
                    facts: PaneAssembly.ActivityFacts(
                        members: memberCounts[group.id] ?? 0, activeToday: try row.int("active_today"), hours: hours[group.id] ?? [],
                        messagesLastHour: try row.int("last_hour"),
                        lastMessageAt: try row.optionalDouble("last_message").map(Date.init(timeIntervalSince1970:)),
                        ownerLastMessageAt: try row.optionalDouble("owner_last").map(Date.init(timeIntervalSince1970:)),
                        baselineTotal: try row.int("baseline")))
            }
        }
    }

    /// Every group's last 14 days of check-ins in one query.
    public func checkinRates(now: Date, memberCounts known: [String: Int]?) throws -> [GroupCheckinRate] {
        try read { s in
            let memberCounts = try known ?? Self.memberCounts(in: s)
            let groups = try Self.groups(in: s)
            let todays = groups.map { LocalDay(now, in: $0.timeZone) }
            var counts: [String: [Int: Int]] = [:]
            for row in try s.query(
                """
                SELECT g.id AS group_id, t.day, t.checkins FROM unnest($1::text[], $2::int8[]) AS g(id, today)
                CROSS JOIN LATERAL (
                    SELECT day, checkins FROM checkin_totals WHERE group_id = g.id AND day > g.today - 14 AND day <= g.today
                    OFFSET 0) t
                """, [.textArray(groups.map(\.id)), .intArray(todays.map { Int64($0.number) })])
            {
                counts[try row.string("group_id"), default: [:]][try row.int("day")] = try row.int("checkins")
            }
            return zip(groups, todays).map { group, today in
                PaneAssembly.checkinRate(group: group, today: today, counts: counts[group.id] ?? [:], members: memberCounts[group.id] ?? 0)
            }
        }
    }

    /// Members with a live streak, groups queried together per distinct local date: see SQLiteStore's twin.
    public func checkinMembers(groupIDs: [String]?, now: Date, limit: Int) throws -> [CheckinMemberRow] {
        try read { s in
            let groups = try Self.groups(in: s).filter { groupIDs?.contains($0.id) ?? true }
            let names = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0.name) })
            var rows: [CheckinMemberRow] = []
            for (today, dayGroups) in Dictionary(grouping: groups, by: { LocalDay(now, in: $0.timeZone) }) {
                let yesterday = PGValue.int(Int64(today.number - 1))
                let members = try s.query(
                    """
                    SELECT * FROM members WHERE group_id = ANY($1::text[]) AND last_checkin_day >= $2 AND \(Self.inGroupSQL)
                    ORDER BY last_checkin_day = $2 DESC, checkin_streak DESC, coalesce(nickname, display_name) COLLATE "C",
                        group_id COLLATE "C", member_id COLLATE "C"
                    LIMIT $3
                    """, [.textArray(dayGroups.map(\.id)), yesterday, .int(Int64(limit))]
                ).map(StoreDecoding.member)
                rows += members.map { CheckinMemberRow(member: $0, groupName: names[$0.groupID] ?? $0.groupID, today: today) }
            }
            return PaneAssembly.rankedCheckinMembers(rows, limit: limit)
        }
    }

    public func campaigns() throws -> [CampaignRow] {
        try read { s in
            let names = Dictionary(uniqueKeysWithValues: try Self.groups(in: s).map { ($0.id, $0.name) })
            return try s.query(
                """
                SELECT c.*, s.claims, s.orders, s.joins, s.checkins, s.messages,
                    (SELECT coalesce(sum(amount_fen), 0) FROM ledger l WHERE l.campaign_id = c.id)::bigint AS spent
                FROM campaigns c LEFT JOIN campaign_stats s ON s.campaign_id = c.id
                ORDER BY CASE c.status WHEN 'running' THEN 0 WHEN 'scheduled' THEN 1 WHEN 'paused' THEN 2
                    WHEN 'draft' THEN 3 ELSE 4 END, c.next_run_at NULLS FIRST, c.created_at DESC
                """
            ).map { row in
                PaneAssembly.campaignRow(
                    try StoreDecoding.campaign(row), counters: try PaneAssembly.CampaignCounters(row),
                    spent: Money(fen: try row.int64("spent")), groupNames: names)
            }
        }
    }

    public func outboxCounts() throws -> [OutboxState: Int] {
        try read { s in
            var counts: [OutboxState: Int] = [:]
            for row in try s.query("SELECT state, count(*) AS n FROM outbox GROUP BY state") {
                if let state = OutboxState(rawValue: try row.string("state")) { counts[state] = try row.int("n") }
            }
            return counts
        }
    }

    /// Per group: actions awaiting delivery, failed ones (for a day; unknown ones until resolved), and
    /// whether the bot can reach it.
    public func deliveryByGroup(now: Date) throws -> [String: GroupDelivery] {
        try read { s in
            var result: [String: GroupDelivery] = [:]
            for row in try s.query(
                """
                SELECT group_id, count(*) FILTER (WHERE state IN ('pending', 'held', 'claimed')) AS awaiting,
                    count(*) FILTER (WHERE state = 'unknown' OR (state = 'failed' AND updated_at > $1)) AS failed
                FROM outbox WHERE state IN ('pending', 'held', 'claimed', 'failed', 'unknown') GROUP BY group_id
                """, [.double(now.timeIntervalSince1970 - 86_400)])
            {
                let group = try row.string("group_id")
                result[group, default: GroupDelivery()].awaiting = try row.int("awaiting")
                result[group, default: GroupDelivery()].failed = try row.int("failed")
            }
            for row in try s.query("SELECT group_id, disconnected_reason FROM platform_chats WHERE disconnected_at IS NOT NULL") {
                result[try row.string("group_id"), default: GroupDelivery()].disconnected =
                    try row.optionalString("disconnected_reason") ?? "disconnected"
            }
            return result
        }
    }

    public func connectorStatuses() throws -> [ConnectorStatus] {
        try read { s in try s.query("SELECT * FROM connector_status ORDER BY connector COLLATE \"C\"").map(StoreDecoding.connectorStatus) }
    }
}
