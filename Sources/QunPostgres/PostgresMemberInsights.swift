import Foundation
import QunCore
import QunStore

/// Check-in history, silent members, leaderboards, profiles, tags and notes, as SQLite's
/// `MemberInsightQueries`, with the arithmetic shared through `PaneAssembly`.
extension PostgresStore: MemberInsights {
    public func checkinHistory(groupID: String, days: Int, now: Date) throws -> [CheckinDay] {
        try read { s in
            let group = try Self.requireGroup(groupID, in: s)
            let today = LocalDay(now, in: group.timeZone)
            let first = today.adding(days: -(days - 1))
            var checked: [Int: Int] = [:]
            for row in try s.query(
                "SELECT day, checkins AS n FROM checkin_totals WHERE group_id = $1 AND day >= $2",
                [.text(groupID), .int(Int64(first.number))])
            {
                checked[try row.int("day")] = try row.int("n")
            }
            var net: [Int: Int] = [:]
            for row in try s.query(
                """
                SELECT local_day, (sum(joins) - sum(leaves + removes + bans))::bigint AS net FROM activity_hourly
                WHERE group_id = $1 AND local_day > $2 GROUP BY local_day
                """, [.text(groupID), .int(Int64(first.number))])
            {
                net[try row.int("local_day")] = try row.int("net")
            }
            return PaneAssembly.checkinHistory(
                today: today, first: first, checkedIn: checked, netJoins: net, membersToday: try Self.memberCounts(in: s)[groupID] ?? 0)
        }
    }

    public func checkins(groupID: String, day: LocalDay) throws -> [CheckinRecord] {
        try read { s in
            _ = try Self.requireGroup(groupID, in: s)
            let rows = try s.query(
                """
                SELECT c.member_id, c.ts, c.makeup, coalesce(m.nickname, m.display_name, c.member_id) AS name
                FROM checkins c LEFT JOIN members m ON m.group_id = c.group_id AND m.member_id = c.member_id
                WHERE c.group_id = $1 AND c.day = $2 ORDER BY c.ts
                """, [.text(groupID), .int(Int64(day.number))])
            return try rows.map { row in
                let memberID = try row.string("member_id")
                let days = try s.query(
                    "SELECT day FROM checkins WHERE group_id = $1 AND member_id = $2 AND day <= $3 ORDER BY day DESC LIMIT 400",
                    [.text(groupID), .text(memberID), .int(Int64(day.number))]
                ).map { try $0.int("day") }
                return CheckinRecord(
                    memberID: memberID, name: try row.string("name"), at: try row.date("ts"), makeup: try row.int("makeup") != 0,
                    streak: PaneAssembly.streak(endingOn: day, daysNewestFirst: days))
            }
        }
    }

    /// 补签: an admin grants a check-in for a missed day, audited; the streak follows.
    public func grantMakeupCheckin(groupID: String, memberID: String, day: LocalDay, actor: String, reason: String?, now: Date) throws {
        try write { s in
            let group = try Self.requireGroup(groupID, in: s)
            // The member's row is locked so a concurrent check-in or grant recomputes the streak after this one.
            guard let streakRow = try s.queryOne(
                "SELECT checkin_streak, longest_streak, last_checkin_day FROM members WHERE group_id = $1 AND member_id = $2 FOR UPDATE",
                [.text(groupID), .text(memberID)])
            else { throw StoreError.invalid("no member \"\(memberID)\" in group \"\(groupID)\"") }
            guard day <= LocalDay(now, in: group.timeZone) else {
                throw StoreError.invalid("\(day) is in the future for \(group.name)")
            }
            let at = day.start(in: group.timeZone).addingTimeInterval(12 * 3600)
            let inserted = try s.execute(
                "INSERT INTO checkins (group_id, member_id, day, ts, makeup) VALUES ($1, $2, $3, $4, 1) ON CONFLICT DO NOTHING",
                [.text(groupID), .text(memberID), .int(Int64(day.number)), .double(at.timeIntervalSince1970)])
            guard inserted == 1 else { throw StoreError.invalid("\(memberID) already has a check-in on \(day)") }
            let stored = StreakState(
                current: try streakRow.int("checkin_streak"), longest: try streakRow.int("longest_streak"),
                lastDay: try streakRow.optionalInt("last_checkin_day"))
            let next = try stored.checkingIn(on: day) ?? StreakState(
                StreakCalculator.compute(
                    days: try s.query("SELECT day FROM checkins WHERE group_id = $1 AND member_id = $2", [.text(groupID), .text(memberID)])
                        .map { LocalDay(number: try $0.int("day")) }))
            try s.execute(
                """
                UPDATE members SET checkin_count = checkin_count + 1, checkin_streak = $3, longest_streak = $4, last_checkin_day = $5
                WHERE group_id = $1 AND member_id = $2
                """,
                [.text(groupID), .text(memberID), .int(Int64(next.current)), .int(Int64(next.longest)), PGValue(next.lastDay)])
            try PostgresAuditWrites.record(
                AuditDraft(
                    at: now, actor: actor, action: "checkin_makeup", groupID: groupID, memberID: memberID, reason: reason,
                    evidence: "day \(day)"), in: s)
        }
    }

    public func silentMembers(groupID: String, days: Int, now: Date, limit: Int?) throws -> [Member] {
        try read { s in
            _ = try Self.requireGroup(groupID, in: s)
            return try s.query(
                """
                SELECT * FROM members WHERE group_id = $1 AND \(Self.inGroupSQL)
                    AND (last_message_at IS NULL OR last_message_at < $2)
                ORDER BY coalesce(last_message_at, 0) DESC, member_id COLLATE "C" LIMIT $3
                """, [.text(groupID), .double(now.timeIntervalSince1970 - Double(days) * 86_400), PGValue(limit)]
            ).map(StoreDecoding.member)
        }
    }

    public func top(groupID: String, by metric: TopMetric, limit: Int, now: Date) throws -> [TopEntry] {
        try read { s in
            _ = try Self.requireGroup(groupID, in: s)
            switch metric {
            case .messages, .checkins, .orders:
                let column = PaneAssembly.topColumn(metric)
                return try s.query(
                    """
                    SELECT member_id, coalesce(nickname, display_name, member_id) AS name, \(column) AS value, order_fen FROM members
                    WHERE group_id = $1 AND \(column) > 0 ORDER BY \(column) DESC, member_id COLLATE "C" LIMIT $2
                    """, [.text(groupID), .int(Int64(limit))]
                ).map { row in
                    TopEntry(
                        memberID: try row.string("member_id"), name: try row.string("name"), value: try row.int("value"),
                        detail: metric == .orders ? Money(fen: try row.int64("order_fen")).description : nil)
                }
            case .invites:
                return try s.query(
                    """
                    SELECT i.inviter_id AS member_id,
                        min(coalesce(m.nickname, m.display_name, i.inviter_id)) AS name,
                        count(*) AS invited,
                        count(*) FILTER (WHERE i.status IN ('active', 'muted') AND i.joined_at <= $1 AND i.message_count > 0) AS qualified
                    FROM members i
                    LEFT JOIN members m ON m.group_id = i.group_id AND m.member_id = i.inviter_id
                    WHERE i.group_id = $2 AND i.inviter_id IS NOT NULL
                    GROUP BY i.inviter_id ORDER BY qualified DESC, invited DESC, i.inviter_id COLLATE "C" LIMIT $3
                    """, [.double(PaneAssembly.inviteCutoff(now: now)), .text(groupID), .int(Int64(limit))]
                ).map { row in
                    TopEntry(
                        memberID: try row.string("member_id"), name: try row.string("name"), value: try row.int("qualified"),
                        detail: "\(try row.int("invited")) invited")
                }
            }
        }
    }

    public func memberProfile(groupID: String?, memberID: String, now: Date) throws -> MemberProfile? {
        try read { s in
            let row = try groupID.map { groupID in
                try s.queryOne("SELECT * FROM members WHERE group_id = $1 AND member_id = $2", [.text(groupID), .text(memberID)])
            } ?? s.queryOne("SELECT * FROM members WHERE member_id = $1 ORDER BY last_seen DESC LIMIT 1", [.text(memberID)])
            guard let row else { return nil }
            let member = try StoreDecoding.member(row)
            let group = try Self.requireGroup(member.groupID, in: s)
            let today = LocalDay(now, in: group.timeZone)
            let inGroup: [PGValue] = [.text(member.groupID), .text(memberID)]
            let others = try s.query(
                """
                SELECT g.name FROM members m JOIN groups g ON g.id = m.group_id
                WHERE m.member_id = $1 AND m.group_id != $2 ORDER BY g.name COLLATE "C"
                """, [.text(memberID), .text(member.groupID)]
            ).map { try $0.string("name") }
            let inviteRow = try s.queryOne(
                """
                SELECT count(*) AS invited,
                    count(*) FILTER (WHERE status IN ('active', 'muted') AND joined_at <= $3 AND message_count > 0) AS qualified
                FROM members WHERE group_id = $1 AND inviter_id = $2
                """, inGroup + [.double(PaneAssembly.inviteCutoff(now: now))])!
            let inviterName = try member.inviterID.flatMap { inviter in
                try s.scalar(
                    "SELECT coalesce(nickname, display_name) FROM members WHERE group_id = $1 AND member_id = $2",
                    [.text(member.groupID), .text(inviter)], as: String.self)
            }
            let checkinDays = try s.query(
                "SELECT day FROM checkins WHERE group_id = $1 AND member_id = $2 AND day > $3 ORDER BY day",
                inGroup + [.int(Int64(today.number - 30))]
            ).map { LocalDay(number: try $0.int("day")) }
            let messages30 = try Self.count(
                "SELECT count(*) FROM events WHERE group_id = $1 AND member_id = $2 AND ts >= $3 AND kind = 'message'",
                inGroup + [.double(today.adding(days: -29).start(in: group.timeZone).timeIntervalSince1970)], in: s)
            let notes = try s.query(
                "SELECT * FROM member_notes WHERE group_id = $1 AND member_id = $2 ORDER BY at DESC LIMIT 50", inGroup
            ).map(StoreDecoding.memberNote)
            let openCases = try Self.count(
                "SELECT count(*) FROM moderation_cases WHERE group_id = $1 AND member_id = $2 AND status != 'resolved'", inGroup, in: s)
            var profile = MemberProfile(
                member: member, group: group, otherGroups: others,
                invites: InviteCount(invited: try inviteRow.int("invited"), qualified: try inviteRow.int("qualified")),
                inviterName: inviterName, recentCheckins: checkinDays, messagesLast30Days: messages30, notes: notes,
                openCases: openCases, today: today)
            PaneAssembly.judge(
                &profile, activeWarnings: try Self.activeWarnings(groupID: member.groupID, memberID: memberID, now: now, in: s),
                rules: try ruleEngine(in: s), ladder: try Self.penaltyLadder(groupID: member.groupID, in: s))
            return profile
        }
    }

    public func setTags(groupID: String, memberID: String, tags: Set<MemberTag>, actor: String, now: Date) throws {
        try write { s in
            guard let old = try s.queryOne(
                "SELECT tags FROM members WHERE group_id = $1 AND member_id = $2 FOR UPDATE", [.text(groupID), .text(memberID)]
            ).map({ try $0.string("tags") })
            else { throw StoreError.invalid("no member \"\(memberID)\" in group \"\(groupID)\"") }
            let value = StoreDecoding.tagsText(tags)
            guard value != old else { return }
            try s.execute(
                "UPDATE members SET tags = $1 WHERE group_id = $2 AND member_id = $3", [.text(value), .text(groupID), .text(memberID)])
            try PostgresAuditWrites.record(
                AuditDraft(at: now, actor: actor, action: "tags", groupID: groupID, memberID: memberID, evidence: value, before: old), in: s)
        }
    }

    public func addNote(groupID: String, memberID: String, text: String, author: String, now: Date) throws {
        try write { s in
            guard try s.queryOne("SELECT 1 FROM members WHERE group_id = $1 AND member_id = $2", [.text(groupID), .text(memberID)]) != nil
            else { throw StoreError.invalid("no member \"\(memberID)\" in group \"\(groupID)\"") }
            try s.execute(
                "INSERT INTO member_notes (group_id, member_id, at, author, text) VALUES ($1, $2, $3, $4, $5)",
                [.text(groupID), .text(memberID), .double(now.timeIntervalSince1970), .text(author), .text(text)])
        }
    }

    public func staffActivity(groupID: String) throws -> [Member] {
        try read { s in
            try s.query(
                """
                SELECT * FROM members WHERE group_id = $1 AND role IN ('owner', 'admin', 'agent')
                ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, member_id COLLATE "C"
                """, [.text(groupID)]
            ).map(StoreDecoding.member)
        }
    }
}
