import Foundation
import GRDB
import QunCore

/// Reads sized to what a pane or a listing shows; each is a handful of indexed queries.
extension SQLiteStore {
    public func groups() throws -> [Group] {
        try pool.read { db in try StoreDecoding.groups(in: db) }
    }

    public func group(id: String) throws -> Group? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE id = ?", arguments: [id]).map(StoreDecoding.group)
        }
    }

    /// From the per-group totals the event writer keeps: one row per group, whatever the number of events.
    public func eventCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT coalesce(sum(events), 0) FROM event_totals") ?? 0 }
    }

    /// Queue items not yet resolved, in one group or all: what a limited listing is a part of.
    public func openCaseCount(groupID: String? = nil) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM moderation_cases WHERE status != 'resolved' AND (?1 IS NULL OR group_id = ?1)",
                arguments: [groupID]) ?? 0
        }
    }

    public func memberCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM members") ?? 0 }
    }

    /// Members of a group, most recently seen first.
    public func members(groupID: String, limit: Int? = nil, offset: Int = 0) throws -> [Member] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM members WHERE group_id = ? ORDER BY last_seen DESC, member_id LIMIT ? OFFSET ?",
                arguments: [groupID, limit ?? -1, offset]
            ).map(StoreDecoding.member)
        }
    }

    public func member(groupID: String, memberID: String) throws -> Member? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM members WHERE group_id = ? AND member_id = ?", arguments: [groupID, memberID]
            ).map(StoreDecoding.member)
        }
    }

    static let inGroupSQL = "status IN ('active', 'muted') AND role != 'pending'"

    /// Members currently in each group (active or muted, not pending), kept by the store's triggers.
    public func memberCounts() throws -> [String: Int] {
        try pool.read { db in try Self.memberCounts(in: db) }
    }

    /// Members currently in each group: one row per group in `member_totals`, not a pass over the members.
    static func memberCounts(in db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT group_id, members FROM member_totals") {
            counts[row["group_id"]] = row["members"]
        }
        return counts
    }

    /// "Active today": a member's last message falls on the group's local today exactly when they spoke
    /// today (messages dated after `now` aside), so the (group_id, last_message_at) index answers it with one
    /// range count; no per-day table has to be written for every message.
    static func membersWhoseLastMessageFalls(on day: LocalDay, group: Group, in db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM members WHERE group_id = ? AND last_message_at >= ? AND last_message_at < ?",
            arguments: [
                group.id, day.start(in: group.timeZone).timeIntervalSince1970,
                day.adding(days: 1).start(in: group.timeZone).timeIntervalSince1970,
            ]) ?? 0
    }

    /// Per-group totals since `since` (all history when nil); "active today" uses each group's own day.
    public func stats(groupID: String? = nil, since: Date? = nil, now: Date = Date()) throws -> [GroupStats] {
        try pool.read { db in
            var groups = try StoreDecoding.groups(in: db)
            if let groupID {
                groups = groups.filter { $0.id == groupID }
                if groups.isEmpty { throw StoreError.unknownGroup(groupID) }
            }
            let sinceHour = PaneAssembly.statsFirstHour(since: since)
            let memberCounts = try Self.memberCounts(in: db)
            return try groups.map { group in
                let today = LocalDay(now, in: group.timeZone)
                let totals = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT coalesce(sum(messages),0) m, coalesce(sum(joins),0) j, coalesce(sum(leaves),0) l,
                            coalesce(sum(removes),0) r, coalesce(sum(bans),0) b, coalesce(sum(checkins),0) c,
                            coalesce(sum(claims),0) cl, coalesce(sum(orders),0) o
                        FROM activity_hourly WHERE group_id = ? AND hour >= ?
                        """, arguments: [group.id, sinceHour])!
                let byHour = PaneAssembly.messagesByHour(
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT local_hour, sum(messages) n FROM activity_hourly WHERE group_id = ? AND hour >= ?
                            GROUP BY local_hour
                            """, arguments: [group.id, sinceHour]
                    ).map { (localHour: $0["local_hour"], messages: $0["n"]) })
                let activeToday = try Self.membersWhoseLastMessageFalls(on: today, group: group, in: db)
                let pending = try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM moderation_cases WHERE group_id = ? AND kind = 'join_request' AND status != 'resolved'",
                    arguments: [group.id]) ?? 0
                return GroupStats(
                    groupID: group.id, name: group.name, platform: group.platform, timeZoneID: group.timeZoneID,
                    members: memberCounts[group.id] ?? 0, activeToday: activeToday,
                    messages: totals["m"], joins: totals["j"], leaves: totals["l"], removes: totals["r"], bans: totals["b"],
                    checkins: totals["c"], redpacketClaims: totals["cl"], orders: totals["o"], pendingRequests: pending,
                    messagesByHour: byHour)
            }
        }
    }

    /// The Activity pane: one row per group.
    /// `memberCounts` (from `memberCounts()`) spares a second pass over the members table when the caller
    /// reads several panes at once.
    public func activity(now: Date = Date(), memberCounts known: [String: Int]? = nil) throws -> [GroupActivity] {
        try pool.read { db in
            let memberCounts = try known ?? Self.memberCounts(in: db)
            return try StoreDecoding.groups(in: db).map { group in
                let window = PaneAssembly.ActivityWindow(now: now, zone: group.timeZone)
                let hours = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT hour, local_day, messages, joins, leaves + removes + bans AS gone FROM activity_hourly
                        WHERE group_id = ? AND hour > ? AND hour <= ?
                        """, arguments: [group.id, window.firstHourAfter, window.nowHour]
                ).map { PaneAssembly.HourRow(hour: $0["hour"], localDay: $0["local_day"], messages: $0["messages"], joins: $0["joins"], gone: $0["gone"]) }
                let lastHour = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM events WHERE group_id = ? AND ts > ? AND kind = 'message'",
                    arguments: [group.id, now.timeIntervalSince1970 - 3600]) ?? 0
                let lastMessage = try Double.fetchOne(
                    db, sql: "SELECT max(ts) FROM events WHERE group_id = ? AND kind = 'message'", arguments: [group.id])
                let ownerLast = try group.ownerID.flatMap { owner in
                    try Double.fetchOne(
                        db, sql: "SELECT last_message_at FROM members WHERE group_id = ? AND member_id = ?",
                        arguments: [group.id, owner])
                }
                let baselineTotal = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT coalesce(sum(messages), 0) FROM activity_hourly
                        WHERE group_id = ? AND hour > ? AND hour <= ? AND (? - hour) % 24 < 3
                        """,
                    arguments: [group.id, window.baselineAfter, window.baselineThrough, window.nowHour]) ?? 0
                let activeToday = try Self.membersWhoseLastMessageFalls(on: window.today, group: group, in: db)
                return PaneAssembly.activity(
                    group: group, window: window,
                    facts: PaneAssembly.ActivityFacts(
                        members: memberCounts[group.id] ?? 0, activeToday: activeToday, hours: hours, messagesLastHour: lastHour,
                        lastMessageAt: lastMessage.map(Date.init(timeIntervalSince1970:)),
                        ownerLastMessageAt: ownerLast.map(Date.init(timeIntervalSince1970:)), baselineTotal: baselineTotal))
            }
        }
    }

    public func checkinRates(now: Date = Date(), memberCounts known: [String: Int]? = nil) throws -> [GroupCheckinRate] {
        try pool.read { db in
            let memberCounts = try known ?? Self.memberCounts(in: db)
            return try StoreDecoding.groups(in: db).map { group in
                let today = LocalDay(now, in: group.timeZone)
                var counts: [Int: Int] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT day, checkins AS n FROM checkin_totals WHERE group_id = ? AND day > ? AND day <= ?",
                    arguments: [group.id, today.number - 14, today.number])
                {
                    counts[row["day"]] = row["n"]
                }
                return PaneAssembly.checkinRate(group: group, today: today, counts: counts, members: memberCounts[group.id] ?? 0)
            }
        }
    }

    /// Members with a live streak (checked in today or yesterday): at-risk first, then longest streak.
    /// Groups are queried together per distinct local date (usually one or two), so the cost does not grow
    /// with the number of groups.
    public func checkinMembers(groupIDs: [String]? = nil, now: Date = Date(), limit: Int = 500) throws -> [CheckinMemberRow] {
        try pool.read { db in
            let groups = try StoreDecoding.groups(in: db).filter { groupIDs?.contains($0.id) ?? true }
            let names = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0.name) })
            let byDay = Dictionary(grouping: groups) { LocalDay(now, in: $0.timeZone) }
            var rows: [CheckinMemberRow] = []
            for (today, dayGroups) in byDay {
                let ids = dayGroups.map(\.id)
                let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
                let members = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM members WHERE group_id IN (\(placeholders)) AND last_checkin_day >= ? AND \(Self.inGroupSQL)
                        ORDER BY last_checkin_day = ? DESC, checkin_streak DESC, coalesce(nickname, display_name), group_id, member_id LIMIT ?
                        """, arguments: StatementArguments(ids) + [today.number - 1, today.number - 1, limit]
                ).map(StoreDecoding.member)
                rows += members.map { CheckinMemberRow(member: $0, groupName: names[$0.groupID] ?? $0.groupID, today: today) }
            }
            return PaneAssembly.rankedCheckinMembers(rows, limit: limit)
        }
    }

    /// The review queue: open and escalated items, most severe first, repeat offenders next, oldest first.
    /// The order is the partial index `moderation_queue_order` (with `prior_cases` kept on each row), so the
    /// read stops at the rows shown; only those are joined to their member and message.
    public func moderationQueue(limit: Int = 500) throws -> [ModerationQueueRow] {
        try pool.read { db in
            let names = Dictionary(uniqueKeysWithValues: try StoreDecoding.groups(in: db).map { ($0.id, $0.name) })
            let rows = try Row.fetchAll(
                db,
                sql: """
                    WITH top AS (
                        SELECT c.* FROM moderation_cases c INDEXED BY moderation_queue_order
                        WHERE c.status != 'resolved'
                        ORDER BY c.status = 'escalated' DESC, c.severity DESC, c.prior_cases DESC, c.created_at ASC, c.id ASC
                        LIMIT ?)
                    SELECT top.*, m.nickname, m.display_name, e.text AS message_text
                    FROM top
                    LEFT JOIN members m ON m.group_id = top.group_id AND m.member_id = top.member_id
                    LEFT JOIN events e ON e.source = top.event_source AND e.external_id = top.event_external_id
                    ORDER BY top.status = 'escalated' DESC, top.severity DESC, top.prior_cases DESC, top.created_at ASC, top.id ASC
                    """, arguments: [limit])
            return try rows.map { row in
                let item = try ModerationCase(stored: row)
                let nickname: String? = row["nickname"]
                let display: String? = row["display_name"]
                return ModerationQueueRow(
                    item: item, groupName: names[item.groupID] ?? item.groupID,
                    memberName: nickname ?? display ?? item.memberID, priorCases: row["prior_cases"],
                    messageText: row["message_text"])
            }
        }
    }

    public func openCaseCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM moderation_cases WHERE status != 'resolved'") ?? 0
        }
    }

    /// Messages around a queue item's event, for the detail view.
    public func context(of item: ModerationCase, before: Int = 6, after: Int = 3) throws -> [ContextMessage] {
        try pool.read { db in
            guard let source = item.eventSource, let externalID = item.eventExternalID,
                let subject = try Row.fetchOne(
                    db, sql: "SELECT seq, ts FROM events WHERE source = ? AND external_id = ?", arguments: [source, externalID])
            else { return [] }
            let ts: Double = subject["ts"]
            let seq: Int64 = subject["seq"]
            let sql = """
                SELECT e.*, coalesce(m.nickname, m.display_name, e.member_id) AS shown FROM events e
                LEFT JOIN members m ON m.group_id = e.group_id AND m.member_id = e.member_id
                WHERE e.group_id = ? AND (e.ts, e.seq) %@ (?, ?) ORDER BY e.ts %@, e.seq %@ LIMIT ?
                """
            let earlier = try Row.fetchAll(
                db, sql: String(format: sql, "<", "DESC", "DESC"), arguments: [item.groupID, ts, seq, before])
            let subjectRows = try Row.fetchAll(
                db, sql: String(format: sql, ">=", "ASC", "ASC"), arguments: [item.groupID, ts, seq, after + 1])
            return (earlier.reversed() + subjectRows).map { row in
                let event = StoreDecoding.event(row)
                return ContextMessage(
                    timestamp: event.timestamp, memberID: event.memberID, memberName: row["shown"], kind: event.kind,
                    text: event.text, isSubject: (row["seq"] as Int64) == seq)
            }
        }
    }

    public func campaigns() throws -> [CampaignRow] {
        try pool.read { db in
            let names = Dictionary(uniqueKeysWithValues: try StoreDecoding.groups(in: db).map { ($0.id, $0.name) })
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.*, s.claims, s.orders, s.joins, s.checkins, s.messages,
                        (SELECT coalesce(sum(amount_fen), 0) FROM ledger l WHERE l.campaign_id = c.id) AS spent
                    FROM campaigns c LEFT JOIN campaign_stats s ON s.campaign_id = c.id
                    ORDER BY CASE c.status WHEN 'running' THEN 0 WHEN 'scheduled' THEN 1 WHEN 'paused' THEN 2
                        WHEN 'draft' THEN 3 ELSE 4 END, c.next_run_at, c.created_at DESC
                    """)
            return rows.map { row in
                PaneAssembly.campaignRow(
                    StoreDecoding.campaign(row), counters: PaneAssembly.CampaignCounters(row), spent: Money(fen: row["spent"]),
                    groupNames: names)
            }
        }
    }

    /// Every event in store order, handed over in pages so exports stay in bounded memory. Each event carries
    /// its group's name, platform and time zone and the member's standing role (owner, admin, agent), so an
    /// export re-ingested into an empty store recreates the groups as they were.
    public func forEachEvent(groupID: String? = nil, pageSize: Int = 5_000, _ body: (Event) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let page: [(Int64, Event)] = try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT e.*, g.name AS group_name, g.platform AS group_platform, g.timezone AS group_tz,
                            m.role AS member_role
                        FROM events e
                        LEFT JOIN groups g ON g.id = e.group_id
                        LEFT JOIN members m ON m.group_id = e.group_id AND m.member_id = e.member_id
                        WHERE e.seq > ?1 AND (?2 IS NULL OR e.group_id = ?2) ORDER BY e.seq LIMIT ?3
                        """,
                    arguments: [after, groupID, pageSize]
                ).map { row in
                    var event = StoreDecoding.event(row)
                    event.groupName = row["group_name"]
                    event.groupPlatform = (row["group_platform"] as String?).flatMap(Platform.init(rawValue:))
                    event.groupTimeZoneID = row["group_tz"]
                    let role = (row["member_role"] as String?).flatMap(MemberRole.init(rawValue:))
                    event.memberRole = [.owner, .admin, .agent].contains(role) ? role : nil
                    return (row["seq"], event)
                }
            }
            guard let last = page.last else { return }
            for (_, event) in page { try body(event) }
            after = last.0
        }
    }
}
