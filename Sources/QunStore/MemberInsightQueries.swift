import Foundation
import GRDB
import QunCore

/// Check-in history, silent members, leaderboards and member profiles (issue 5).
extension SQLiteStore {
    func requireGroup(_ id: String, in db: Database) throws -> Group {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE id = ?", arguments: [id]) else {
            throw StoreError.unknownGroup(id)
        }
        return StoreDecoding.group(row)
    }

    /// Each of the last `days` local days (today last): check-ins and the members the group had that day.
    /// Past member counts are rebuilt from today's count and the joins and departures since, from the rollup.
    public func checkinHistory(groupID: String, days: Int, now: Date = Date()) throws -> [CheckinDay] {
        try pool.read { db in
            let group = try requireGroup(groupID, in: db)
            let today = LocalDay(now, in: group.timeZone)
            let first = today.adding(days: -(days - 1))
            var checked: [Int: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT day, checkins AS n FROM checkin_totals WHERE group_id = ? AND day >= ?",
                arguments: [groupID, first.number])
            {
                checked[row["day"]] = row["n"]
            }
            var net: [Int: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT local_day, sum(joins) - sum(leaves + removes + bans) AS net FROM activity_hourly
                    WHERE group_id = ? AND local_day > ? GROUP BY local_day
                    """, arguments: [groupID, first.number])
            {
                net[row["local_day"]] = row["net"]
            }
            return PaneAssembly.checkinHistory(
                today: today, first: first, checkedIn: checked, netJoins: net, membersToday: try Self.memberCounts(in: db)[groupID] ?? 0)
        }
    }

    /// Who checked in on `day` (earliest first), with their streak as of that day.
    public func checkins(groupID: String, day: LocalDay) throws -> [CheckinRecord] {
        try pool.read { db in
            _ = try requireGroup(groupID, in: db)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.member_id, c.ts, c.makeup, coalesce(m.nickname, m.display_name, c.member_id) AS name
                    FROM checkins c LEFT JOIN members m ON m.group_id = c.group_id AND m.member_id = c.member_id
                    WHERE c.group_id = ? AND c.day = ? ORDER BY c.ts
                    """, arguments: [groupID, day.number])
            return try rows.map { row in
                let memberID: String = row["member_id"]
                // The run of consecutive days ending at `day`.
                let days = try Int.fetchAll(
                    db, sql: "SELECT day FROM checkins WHERE group_id = ? AND member_id = ? AND day <= ? ORDER BY day DESC LIMIT 400",
                    arguments: [groupID, memberID, day.number])
                return CheckinRecord(
                    memberID: memberID, name: row["name"], at: Date(timeIntervalSince1970: row["ts"]),
                    makeup: (row["makeup"] as Int) != 0, streak: PaneAssembly.streak(endingOn: day, daysNewestFirst: days))
            }
        }
    }

    /// 补签: an admin grants a check-in for a missed day. Recorded with an audit entry; streaks recomputed.
    public func grantMakeupCheckin(
        groupID: String, memberID: String, day: LocalDay, actor: String, reason: String?, now: Date = Date()
    ) throws {
        try pool.write { db in
            let group = try requireGroup(groupID, in: db)
            guard try Row.fetchOne(
                db, sql: "SELECT 1 FROM members WHERE group_id = ? AND member_id = ?", arguments: [groupID, memberID]) != nil
            else { throw StoreError.invalid("no member \"\(memberID)\" in group \"\(groupID)\"") }
            guard day <= LocalDay(now, in: group.timeZone) else {
                throw StoreError.invalid("\(day) is in the future for \(group.name)")
            }
            let at = day.start(in: group.timeZone).addingTimeInterval(12 * 3600)
            try db.execute(
                sql: "INSERT OR IGNORE INTO checkins (group_id, member_id, day, ts, makeup) VALUES (?, ?, ?, ?, 1)",
                arguments: [groupID, memberID, day.number, at.timeIntervalSince1970])
            guard db.changesCount == 1 else {
                throw StoreError.invalid("\(memberID) already has a check-in on \(day)")
            }
            try db.execute(
                sql: "UPDATE members SET checkin_count = checkin_count + 1 WHERE group_id = ? AND member_id = ?",
                arguments: [groupID, memberID])
            try StreakUpdater.update(groupID: groupID, memberID: memberID, newDay: day, in: db)
            try AuditWrites.record(
                AuditDraft(at: now, actor: actor, action: "checkin_makeup", groupID: groupID, memberID: memberID, reason: reason,
                           evidence: "day \(day)"), in: db)
        }
    }

    /// Members in the group with no message in the last `days` days (never spoken counts as silent).
    public func silentMembers(groupID: String, days: Int, now: Date = Date(), limit: Int? = nil) throws -> [Member] {
        try pool.read { db in
            _ = try requireGroup(groupID, in: db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM members WHERE group_id = ? AND \(Self.inGroupSQL)
                        AND (last_message_at IS NULL OR last_message_at < ?)
                    ORDER BY coalesce(last_message_at, 0) DESC, member_id LIMIT ?
                    """, arguments: [groupID, now.timeIntervalSince1970 - Double(days) * 86_400, limit ?? -1]
            ).map(StoreDecoding.member)
        }
    }

    /// Leaderboard by messages, check-ins, invites (qualified first) or orders.
    public func top(groupID: String, by metric: TopMetric, limit: Int = 20, now: Date = Date()) throws -> [TopEntry] {
        try pool.read { db in
            _ = try requireGroup(groupID, in: db)
            let name = "coalesce(nickname, display_name, member_id)"
            switch metric {
            case .messages, .checkins, .orders:
                let column = PaneAssembly.topColumn(metric)
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT member_id, \(name) AS name, \(column) AS value, order_fen FROM members
                        WHERE group_id = ? AND \(column) > 0 ORDER BY \(column) DESC, member_id LIMIT ?
                        """, arguments: [groupID, limit]
                ).map { row in
                    TopEntry(
                        memberID: row["member_id"], name: row["name"], value: row["value"],
                        detail: metric == .orders ? Money(fen: row["order_fen"]).description : nil)
                }
            case .invites:
                let cutoff = PaneAssembly.inviteCutoff(now: now)
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT i.inviter_id AS member_id,
                            coalesce(m.nickname, m.display_name, i.inviter_id) AS name,
                            count(*) AS invited,
                            sum(i.status IN ('active', 'muted') AND i.joined_at <= ? AND i.message_count > 0) AS qualified
                        FROM members i
                        LEFT JOIN members m ON m.group_id = i.group_id AND m.member_id = i.inviter_id
                        WHERE i.group_id = ? AND i.inviter_id IS NOT NULL
                        GROUP BY i.inviter_id ORDER BY qualified DESC, invited DESC, i.inviter_id LIMIT ?
                        """, arguments: [cutoff, groupID, limit]
                ).map { row in
                    TopEntry(
                        memberID: row["member_id"], name: row["name"], value: row["qualified"],
                        detail: "\(row["invited"] as Int) invited")
                }
            }
        }
    }

    /// Everything about one member of one group (when `groupID` is nil: the group they were last seen in).
    public func memberProfile(groupID: String?, memberID: String, now: Date = Date()) throws -> MemberProfile? {
        try pool.read { db in
            let row: Row?
            if let groupID {
                row = try Row.fetchOne(
                    db, sql: "SELECT * FROM members WHERE group_id = ? AND member_id = ?", arguments: [groupID, memberID])
            } else {
                row = try Row.fetchOne(
                    db, sql: "SELECT * FROM members WHERE member_id = ? ORDER BY last_seen DESC LIMIT 1", arguments: [memberID])
            }
            guard let row else { return nil }
            let member = StoreDecoding.member(row)
            let group = try requireGroup(member.groupID, in: db)
            let today = LocalDay(now, in: group.timeZone)
            let others = try String.fetchAll(
                db,
                sql: """
                    SELECT g.name FROM members m JOIN groups g ON g.id = m.group_id
                    WHERE m.member_id = ? AND m.group_id != ? ORDER BY g.name
                    """, arguments: [memberID, member.groupID])
            let cutoff = PaneAssembly.inviteCutoff(now: now)
            let inviteRow = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS invited,
                        coalesce(sum(status IN ('active', 'muted') AND joined_at <= ? AND message_count > 0), 0) AS qualified
                    FROM members WHERE group_id = ? AND inviter_id = ?
                    """, arguments: [cutoff, member.groupID, memberID])!
            let inviterName = try member.inviterID.flatMap { inviter in
                try String.fetchOne(
                    db, sql: "SELECT coalesce(nickname, display_name) FROM members WHERE group_id = ? AND member_id = ?",
                    arguments: [member.groupID, inviter])
            }
            let checkinDays = try Int.fetchAll(
                db, sql: "SELECT day FROM checkins WHERE group_id = ? AND member_id = ? AND day > ? ORDER BY day",
                arguments: [member.groupID, memberID, today.number - 30]
            ).map(LocalDay.init(number:))
            // The last 30 local days, today included, from the events-by-member index.
            let messages30 = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM events WHERE group_id = ? AND member_id = ? AND ts >= ? AND kind = 'message'",
                arguments: [member.groupID, memberID, today.adding(days: -29).start(in: group.timeZone).timeIntervalSince1970]) ?? 0
            let notes = try Row.fetchAll(
                db, sql: "SELECT * FROM member_notes WHERE group_id = ? AND member_id = ? ORDER BY at DESC LIMIT 50",
                arguments: [member.groupID, memberID]
            ).map(StoreDecoding.memberNote)
            let openCases = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM moderation_cases WHERE group_id = ? AND member_id = ? AND status != 'resolved'",
                arguments: [member.groupID, memberID]) ?? 0
            var profile = MemberProfile(
                member: member, group: group, otherGroups: others,
                invites: InviteCount(invited: inviteRow["invited"], qualified: inviteRow["qualified"]), inviterName: inviterName,
                recentCheckins: checkinDays, messagesLast30Days: messages30, notes: notes, openCases: openCases, today: today)
            PaneAssembly.judge(
                &profile, activeWarnings: try Self.activeWarnings(groupID: member.groupID, memberID: memberID, now: now, in: db),
                rules: try engineCache.engine(in: db), ladder: try Self.penaltyLadder(groupID: member.groupID, in: db))
            return profile
        }
    }

    /// Replaces a member's tags (seed, loyal, KOC, VIP, problem), with an audit entry holding the old ones.
    public func setTags(groupID: String, memberID: String, tags: Set<MemberTag>, actor: String, now: Date = Date()) throws {
        try pool.write { db in
            guard let old = try String.fetchOne(
                db, sql: "SELECT tags FROM members WHERE group_id = ? AND member_id = ?", arguments: [groupID, memberID])
            else { throw StoreError.invalid("no member \"\(memberID)\" in group \"\(groupID)\"") }
            let value = StoreDecoding.tagsText(tags)
            guard value != old else { return }
            try db.execute(
                sql: "UPDATE members SET tags = ? WHERE group_id = ? AND member_id = ?", arguments: [value, groupID, memberID])
            try AuditWrites.record(
                AuditDraft(at: now, actor: actor, action: "tags", groupID: groupID, memberID: memberID, evidence: value, before: old), in: db)
        }
    }

    public func addNote(groupID: String, memberID: String, text: String, author: String, now: Date = Date()) throws {
        try pool.write { db in
            guard try Row.fetchOne(
                db, sql: "SELECT 1 FROM members WHERE group_id = ? AND member_id = ?", arguments: [groupID, memberID]) != nil
            else { throw StoreError.invalid("no member \"\(memberID)\" in group \"\(groupID)\"") }
            try db.execute(
                sql: "INSERT INTO member_notes (group_id, member_id, at, author, text) VALUES (?, ?, ?, ?, ?)",
                arguments: [groupID, memberID, now.timeIntervalSince1970, author, text])
        }
    }

    /// The owner's, admins' and agents' last message per group: a silent owner is how groups die.
    public func staffActivity(groupID: String) throws -> [Member] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM members WHERE group_id = ? AND role IN ('owner', 'admin', 'agent')
                    ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, member_id
                    """, arguments: [groupID]
            ).map(StoreDecoding.member)
        }
    }
}
