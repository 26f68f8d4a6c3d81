import Foundation
import GRDB
import QunCore

/// The members one transaction of events touches. Their facts (`MemberFacts`: membership, first seen, last
/// message, message count, check-in streak) are read once per member; what the events add (`MemberDelta`:
/// counts, names, first and last seen, the streak) is gathered in memory and written once per member when
/// the transaction ends. A busy member's fifty messages cost one read and one update instead of fifty, each
/// moving an index entry.
///
/// The row itself is created on first sight, because membership changes and automatic moderation update
/// it in place before the end. Those statements only write membership and moderation columns, never the
/// counters or the streak that wait for `flush`.
struct MemberBatch {
    private var facts: [MemberKey: MemberFacts] = [:]
    private var deltas: [MemberKey: MemberDelta] = [:]
    private let db: Database
    private let selectFacts: HotStatement
    private let selectMembership: HotStatement
    private let insertFirstSight: HotStatement
    private let updateDelta: HotStatement
    private let updateDeltaAndStreak: HotStatement
    private let upsertMembership: HotStatement

    init(_ db: Database, knownFacts: [MemberKey: MemberFacts] = [:]) throws {
        self.db = db
        facts = knownFacts
        selectFacts = try HotStatement(db, sql: """
            SELECT role, status, status_at, joined_at, inviter_id, join_source,
                first_seen, last_message_at, message_count, checkin_streak, longest_streak, last_checkin_day
            FROM members WHERE group_id = ? AND member_id = ?
            """)
        selectMembership = try HotStatement(db, sql: """
            SELECT role, status, status_at, joined_at, inviter_id, join_source FROM members WHERE group_id = ? AND member_id = ?
            """)
        insertFirstSight = try HotStatement(db, sql: """
            INSERT INTO members (group_id, member_id, display_name, nickname, name_at, status_at, first_seen, last_seen)
            VALUES (?1, ?2, coalesce(?3, ?2), ?3, ?4, ?4, ?4, ?4)
            """)
        upsertMembership = try HotStatement(db, sql: """
            INSERT INTO members (group_id, member_id, display_name, nickname, name_at, role, status, status_at, joined_at,
                inviter_id, join_source, first_seen, last_seen)
            VALUES (?1, ?2, coalesce(?3, ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?4, ?4)
            ON CONFLICT(group_id, member_id) DO UPDATE SET role = ?5, status = ?6, status_at = ?7, joined_at = ?8,
                inviter_id = ?9, join_source = ?10
            """)
        // Every member in `deltas` has a row by now (first sight inserts it), so the flush updates in place.
        // Two statements: only members who checked in touch the streak columns and their index.
        let counters = """
            display_name = CASE WHEN display_name = member_id AND ?3 IS NOT NULL THEN ?3 ELSE display_name END,
            nickname = CASE WHEN ?4 IS NOT NULL AND ?5 >= name_at THEN ?4 ELSE nickname END,
            name_at = CASE WHEN ?4 IS NOT NULL AND ?5 >= name_at THEN ?5 ELSE name_at END,
            first_seen = min(first_seen, ?6),
            last_seen = max(last_seen, ?7),
            message_count = message_count + ?8,
            last_message_at = CASE WHEN ?9 IS NOT NULL THEN max(coalesce(last_message_at, ?9), ?9) ELSE last_message_at END,
            order_count = order_count + ?10,
            order_fen = order_fen + ?11,
            claim_count = claim_count + ?12,
            checkin_count = checkin_count + ?13
            """
        updateDelta = try HotStatement(db, sql: "UPDATE members SET \(counters) WHERE group_id = ?1 AND member_id = ?2")
        updateDeltaAndStreak = try HotStatement(db, sql: """
            UPDATE members SET \(counters), checkin_streak = ?14, longest_streak = ?15, last_checkin_day = ?16
            WHERE group_id = ?1 AND member_id = ?2
            """)
    }

    /// The member's facts before the event; nil when the store has no row for them.
    mutating func facts(for event: Event) throws -> MemberFacts? {
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        if let known = facts[key] { return known }
        guard let stored = try selectFacts.bind(.text(event.groupID), .text(event.memberID)).firstRow({ row in
            MemberFacts(
                membership: Self.membership(from: row), firstSeen: row.real(6) ?? 0, lastMessageAt: row.real(7), messageCount: row.integer(8) ?? 0,
                streak: StreakState(current: row.integer(9) ?? 0, longest: row.integer(10) ?? 0, lastDay: row.integer(11)))
        }) else { return nil }
        facts[key] = stored
        return stored
    }

    /// Writes what the event changed of the member's row now (first sight, membership) and keeps the rest
    /// for `flush`.
    mutating func apply(_ consequences: EventConsequences, of event: Event) throws {
        let name = event.memberName.flatMap { $0.isEmpty ? nil : $0 }
        let ts = event.timestamp.timeIntervalSince1970
        if let membership = consequences.membership {
            // Creates the row when the event is the member's first.
            try upsertMembership.bind(
                .text(event.groupID), .text(event.memberID), .text(name), .real(ts), .text(membership.role.rawValue),
                .text(membership.status.rawValue), .real(membership.statusAt.timeIntervalSince1970),
                .real(membership.joinedAt?.timeIntervalSince1970), .text(membership.inviterID), .text(membership.joinSource?.rawValue)
            ).run()
        } else if consequences.createsMember {
            try insertFirstSight.bind(.text(event.groupID), .text(event.memberID), .text(name), .real(ts)).run()
        }
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        facts[key] = consequences.member
        if deltas[key] == nil {
            deltas[key] = consequences.counts
        } else {
            deltas[key]!.absorb(consequences.counts)
        }
    }

    /// Moderation changed the row's membership by other means: read it again, keeping what this batch has
    /// applied but not yet written.
    mutating func reloadMembership(group: String, member: String) throws {
        let key = MemberKey(groupID: group, memberID: member)
        guard facts[key] != nil, let stored = try selectMembership.bind(.text(group), .text(member)).firstRow(Self.membership(from:))
        else { return }
        facts[key]!.membership = stored
    }

    private static func membership(from row: HotRow) -> MembershipState {
        MembershipState(
            role: row.text(0).flatMap(MemberRole.init(rawValue:)) ?? .member,
            status: row.text(1).flatMap(MemberStatus.init(rawValue:)) ?? .active,
            statusAt: Date(timeIntervalSince1970: row.real(2) ?? 0), joinedAt: row.real(3).map(Date.init(timeIntervalSince1970:)),
            inviterID: row.text(4), joinSource: row.text(5).flatMap(JoinSource.init(rawValue:)))
    }

    /// Writes every member's increments; call once, after the batch's last event. In key order, so the
    /// updates walk the members table and its indexes from one end to the other instead of at random.
    mutating func flush() throws {
        for (key, d) in deltas.sorted(by: { $0.key < $1.key }) {
            let statement = d.streakChanged ? updateDeltaAndStreak : updateDelta
            var values: [HotValue] = [
                .text(key.groupID), .text(key.memberID), .text(d.firstName), .text(d.newestName),
                .real(d.newestName == nil ? nil : d.newestNameAt), .real(d.firstSeen), .real(d.lastSeen), .integer(d.messages),
                .real(d.lastMessageAt), .integer(d.orders), .integer(d.orderFen), .integer(d.claims), .integer(d.checkins),
            ]
            if d.streakChanged, let streak = facts[key]?.streak {
                values += [.integer(streak.current), .integer(streak.longest), .integer(streak.lastDay.map(Int64.init))]
            }
            try statement.bind(values).run()
            guard db.changesCount == 1 else {
                throw StoreError.invalid("member \(key) vanished from the store while its events were being written")
            }
        }
        deltas.removeAll()
    }

    /// Every member's facts as they stand after `flush`, for the next batch.
    var knownFacts: [MemberKey: MemberFacts] { facts }
}
