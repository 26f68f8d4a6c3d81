import Foundation
import QunCore
import QunStore

/// The members one PostgreSQL ingest transaction touches (SQLite's `MemberBatch`, batched for round trips).
/// Facts come in one query per chunk, locking the rows so an admin's action on a member waits for the
/// ingest instead of being overwritten by facts read before it. Rows are written in three steps, each one
/// statement for every member it concerns:
/// - first sight and membership (`writeRows`): at the end of each chunk, and before an automatic action,
///   which reads the row;
/// - counters, names and the streak (`writeCounters`): once, when the transaction ends — as SQLite does, so
///   the row an action reads mid-transaction is the same on both backends.
struct PostgresMemberBatch {
    private var facts: [MemberKey: MemberFacts] = [:]
    /// Members looked up and found without a row (until their first event creates it).
    private var absent: Set<MemberKey> = []
    /// First sights not yet written: the event that created each.
    private var firstSights: [MemberKey: Event] = [:]
    private var firstSightOrder: [MemberKey] = []
    /// Membership changes not yet written: the latest state per member.
    private var memberships: [MemberKey: MembershipState] = [:]
    private var deltas: [MemberKey: MemberDelta] = [:]

    /// Reads the facts of every member in `keys` not already known, in one query.
    mutating func load(_ keys: [MemberKey], in session: PostgresSession) throws {
        var unknown: [MemberKey] = []
        var seen: Set<MemberKey> = []
        for key in keys where facts[key] == nil && !absent.contains(key) && seen.insert(key).inserted { unknown.append(key) }
        guard !unknown.isEmpty else { return }
        unknown.sort()
        let rows = try session.query(
            """
            SELECT m.group_id, m.member_id, m.role, m.status, m.status_at, m.joined_at, m.inviter_id, m.join_source, m.first_seen,
                m.last_message_at, m.message_count, m.checkin_streak, m.longest_streak, m.last_checkin_day
            FROM members m JOIN unnest($1::text[], $2::text[]) AS k(group_id, member_id)
                ON m.group_id = k.group_id AND m.member_id = k.member_id
            ORDER BY m.group_id, m.member_id
            FOR UPDATE OF m
            """, [.textArray(unknown.map(\.groupID)), .textArray(unknown.map(\.memberID))])
        absent.formUnion(unknown)
        for row in rows {
            let key = MemberKey(groupID: try row.string("group_id"), memberID: try row.string("member_id"))
            absent.remove(key)
            facts[key] = MemberFacts(
                membership: try Self.membership(row), firstSeen: try row.double("first_seen"),
                lastMessageAt: try row.optionalDouble("last_message_at"), messageCount: try row.int("message_count"),
                streak: StreakState(
                    current: try row.int("checkin_streak"), longest: try row.int("longest_streak"), lastDay: try row.optionalInt("last_checkin_day")))
        }
    }

    /// The member's facts before the event (`load` first); nil when the store has no row for them.
    func facts(for event: Event) -> MemberFacts? {
        facts[MemberKey(groupID: event.groupID, memberID: event.memberID)]
    }

    mutating func apply(_ consequences: EventConsequences, of event: Event) {
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        if consequences.createsMember {
            absent.remove(key)
            firstSights[key] = event
            firstSightOrder.append(key)
        }
        if let membership = consequences.membership { memberships[key] = membership }
        facts[key] = consequences.member
        if deltas[key] == nil {
            deltas[key] = consequences.counts
        } else {
            deltas[key]!.absorb(consequences.counts)
        }
    }

    /// Writes pending first sights (rows as SQLite's first sight makes them) and membership changes.
    mutating func writeRows(in session: PostgresSession) throws {
        if !firstSightOrder.isEmpty {
            let events = firstSightOrder.map { firstSights[$0]! }
            try session.execute(
                """
                INSERT INTO members (group_id, member_id, display_name, nickname, name_at, status_at, first_seen, last_seen)
                SELECT u.group_id, u.member_id, coalesce(u.name, u.member_id), u.name, u.ts, u.ts, u.ts, u.ts
                FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[]) AS u(group_id, member_id, name, ts)
                ON CONFLICT (group_id, member_id) DO NOTHING
                """,
                [.textArray(events.map(\.groupID)), .textArray(events.map(\.memberID)),
                 .textArray(events.map { $0.memberName.flatMap { $0.isEmpty ? nil : $0 } }),
                 .doubleArray(events.map { $0.timestamp.timeIntervalSince1970 })])
            firstSights.removeAll()
            firstSightOrder.removeAll()
        }
        guard !memberships.isEmpty else { return }
        let keys = memberships.keys.sorted()
        let states = keys.map { memberships[$0]! }
        try session.execute(
            """
            UPDATE members m SET role = u.role, status = u.status, status_at = u.status_at, joined_at = u.joined_at,
                inviter_id = u.inviter_id, join_source = u.join_source
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::text[])
                AS u(group_id, member_id, role, status, status_at, joined_at, inviter_id, join_source)
            WHERE m.group_id = u.group_id AND m.member_id = u.member_id
            """,
            [.textArray(keys.map(\.groupID)), .textArray(keys.map(\.memberID)), .textArray(states.map(\.role.rawValue)),
             .textArray(states.map(\.status.rawValue)), .doubleArray(states.map { $0.statusAt.timeIntervalSince1970 }),
             .doubleArray(states.map { $0.joinedAt?.timeIntervalSince1970 }), .textArray(states.map(\.inviterID)),
             .textArray(states.map { $0.joinSource?.rawValue })])
        memberships.removeAll()
    }

    /// Moderation changed the row's membership by other means: read it again, keeping what is pending.
    mutating func reloadMembership(group: String, member: String, in session: PostgresSession) throws {
        let key = MemberKey(groupID: group, memberID: member)
        guard facts[key] != nil,
            let row = try session.queryOne(
                "SELECT role, status, status_at, joined_at, inviter_id, join_source FROM members WHERE group_id = $1 AND member_id = $2",
                [.text(group), .text(member)])
        else { return }
        facts[key]!.membership = try Self.membership(row)
    }

    private static func membership(_ row: PGRow) throws -> MembershipState {
        MembershipState(
            role: MemberRole(rawValue: try row.string("role")) ?? .member, status: MemberStatus(rawValue: try row.string("status")) ?? .active,
            statusAt: try row.date("status_at"), joinedAt: try row.optionalDate("joined_at"), inviterID: try row.optionalString("inviter_id"),
            joinSource: try row.optionalString("join_source").flatMap(JoinSource.init(rawValue:)))
    }

    /// Writes every member's counters, names, first/last seen and (where a check-in moved it) streak, in one
    /// statement, with SQLite's rules for names and times. Call after the last chunk's `writeRows`.
    mutating func writeCounters(in session: PostgresSession) throws {
        try writeRows(in: session)
        guard !deltas.isEmpty else { return }
        let keys = deltas.keys.sorted()
        let d = keys.map { deltas[$0]! }
        let streaks = keys.map { facts[$0]?.streak ?? StreakState() }
        let updated = try session.execute(
            """
            UPDATE members m SET
                display_name = CASE WHEN m.display_name = m.member_id AND u.first_name IS NOT NULL THEN u.first_name ELSE m.display_name END,
                nickname = CASE WHEN u.newest_name IS NOT NULL AND u.newest_name_at >= m.name_at THEN u.newest_name ELSE m.nickname END,
                name_at = CASE WHEN u.newest_name IS NOT NULL AND u.newest_name_at >= m.name_at THEN u.newest_name_at ELSE m.name_at END,
                first_seen = least(m.first_seen, u.first_seen),
                last_seen = greatest(m.last_seen, u.last_seen),
                message_count = m.message_count + u.messages,
                last_message_at = CASE WHEN u.last_message_at IS NOT NULL
                    THEN greatest(coalesce(m.last_message_at, u.last_message_at), u.last_message_at) ELSE m.last_message_at END,
                order_count = m.order_count + u.orders,
                order_fen = m.order_fen + u.order_fen,
                claim_count = m.claim_count + u.claims,
                checkin_count = m.checkin_count + u.checkins,
                checkin_streak = CASE WHEN u.streak_changed = 1 THEN u.streak ELSE m.checkin_streak END,
                longest_streak = CASE WHEN u.streak_changed = 1 THEN u.longest ELSE m.longest_streak END,
                last_checkin_day = CASE WHEN u.streak_changed = 1 THEN u.last_day ELSE m.last_checkin_day END
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::int8[], $9::float8[],
                $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::int8[], $16::int8[], $17::int8[])
                AS u(group_id, member_id, first_name, newest_name, newest_name_at, first_seen, last_seen, messages, last_message_at,
                    orders, order_fen, claims, checkins, streak_changed, streak, longest, last_day)
            WHERE m.group_id = u.group_id AND m.member_id = u.member_id
            """,
            [.textArray(keys.map(\.groupID)), .textArray(keys.map(\.memberID)), .textArray(d.map(\.firstName)), .textArray(d.map(\.newestName)),
             .doubleArray(d.map { $0.newestName == nil ? nil : $0.newestNameAt }), .doubleArray(d.map(\.firstSeen)),
             .doubleArray(d.map(\.lastSeen)), .intArray(d.map { Int64($0.messages) }), .doubleArray(d.map(\.lastMessageAt)),
             .intArray(d.map { Int64($0.orders) }), .intArray(d.map(\.orderFen)), .intArray(d.map { Int64($0.claims) }),
             .intArray(d.map { Int64($0.checkins) }), .intArray(d.map { $0.streakChanged ? 1 : 0 }),
             .intArray(streaks.map { Int64($0.current) }), .intArray(streaks.map { Int64($0.longest) }),
             .intArray(streaks.map { $0.lastDay.map(Int64.init) })])
        guard updated == keys.count else {
            throw StoreError.invalid("\(keys.count - updated) members vanished from the store while their events were being written")
        }
        deltas.removeAll()
    }
}
