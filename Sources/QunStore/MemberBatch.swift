import Foundation
import GRDB
import QunCore

/// The members one transaction of events touches. What the rules need (role, join time, when the member
/// last spoke, the check-in streak) is read once per member; what the events add (counts, names, first and
/// last seen, the streak) is gathered in memory and written once per member when the transaction ends. A
/// busy member's fifty messages cost one read and one update instead of fifty, each moving an index entry.
///
/// The row itself is created on first sight, because membership changes and automatic moderation update
/// it in place before the end. Those statements only write membership and moderation columns, never the
/// counters or the streak that wait for `flush`; what they read of those (a first join learning the
/// facts) is used only while nothing is pending for the member.
struct MemberBatch {
    /// What the rules need to judge a message.
    struct Facts {
        var role: MemberRole?
        var joinedAt: Date?
        /// The newest message time stored or applied so far in this batch: when it is older than the flood
        /// window, the member cannot be flooding and the look-back query is skipped.
        var lastMessageAt: Double?
        /// The check-in streak, with this batch's check-ins applied (written by `flush`).
        var streak = StreakState()
    }

    /// The increments one member's events add in this batch.
    struct Delta {
        /// The first name applied (fills a display name still equal to the member id) and the newest one.
        var firstName: String?
        var newestName: String?
        var newestNameAt: Double = -.infinity
        var firstSeen: Double
        var lastSeen: Double
        var messages = 0
        var lastMessageAt: Double?
        var orders = 0
        var orderFen: Int64 = 0
        var claims = 0
        var checkins = 0
        var streakChanged = false
    }

    private var facts: [MemberKey: Facts] = [:]
    private var deltas: [MemberKey: Delta] = [:]
    private let db: Database
    private let selectFacts: HotStatement
    private let insertFirstSight: HotStatement
    private let updateDelta: HotStatement
    private let updateDeltaAndStreak: HotStatement
    private let selectMembership: HotStatement
    private let upsertMembership: HotStatement

    init(_ db: Database, knownFacts: [MemberKey: Facts] = [:]) throws {
        self.db = db
        facts = knownFacts
        selectFacts = try HotStatement(db, sql: """
            SELECT role, joined_at, last_message_at, checkin_streak, longest_streak, last_checkin_day FROM members
            WHERE group_id = ? AND member_id = ?
            """)
        insertFirstSight = try HotStatement(db, sql: """
            INSERT INTO members (group_id, member_id, display_name, nickname, name_at, status_at, first_seen, last_seen)
            VALUES (?1, ?2, coalesce(?3, ?2), ?3, ?4, ?4, ?4, ?4)
            """)
        selectMembership = try HotStatement(db, sql: """
            SELECT role, status, status_at, joined_at, inviter_id, join_source,
                last_message_at, checkin_streak, longest_streak, last_checkin_day
            FROM members WHERE group_id = ? AND member_id = ?
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

    /// The rules' facts for the event's member, before the event is counted; creates the row on first sight.
    mutating func facts(for event: Event) throws -> Facts {
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        if let known = facts[key] { return known }
        let known: Facts
        if let stored = try selectFacts.bind(.text(event.groupID), .text(event.memberID)).firstRow(Self.facts(from:)) {
            known = stored
        } else {
            try insertFirstSight.bind(
                .text(event.groupID), .text(event.memberID), .text(event.memberName.flatMap { $0.isEmpty ? nil : $0 }),
                .real(event.timestamp.timeIntervalSince1970)
            ).run()
            known = Facts(role: .member)
        }
        facts[key] = known
        return known
    }

    /// The member's stored membership (nil: no row yet), for a join, leave, removal, ban or role change.
    /// Reading the row also learns the rules' facts, so `facts(for:)` need not read it again.
    mutating func membership(of event: Event) throws -> MembershipState? {
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        guard let row = try selectMembership.bind(.text(event.groupID), .text(event.memberID)).firstRow({ row in
            (state: MembershipState(
                role: row.text(0).flatMap(MemberRole.init(rawValue:)) ?? .member,
                status: row.text(1).flatMap(MemberStatus.init(rawValue:)) ?? .active,
                statusAt: Date(timeIntervalSince1970: row.real(2) ?? 0), joinedAt: row.real(3).map(Date.init(timeIntervalSince1970:)),
                inviterID: row.text(4), joinSource: row.text(5).flatMap(JoinSource.init(rawValue:))),
             lastMessageAt: row.real(6),
             streak: StreakState(current: row.integer(7) ?? 0, longest: row.integer(8) ?? 0, lastDay: row.integer(9)))
        }) else { return nil }
        if facts[key] == nil {
            facts[key] = Facts(
                role: row.state.role, joinedAt: row.state.joinedAt, lastMessageAt: row.lastMessageAt, streak: row.streak)
        }
        return row.state
    }

    /// Writes a changed membership (a first join creates the row) and keeps the rules' facts in step.
    mutating func save(_ membership: MembershipState, for event: Event) throws {
        try upsertMembership.bind(
            .text(event.groupID), .text(event.memberID), .text(event.memberName.flatMap { $0.isEmpty ? nil : $0 }),
            .real(event.timestamp.timeIntervalSince1970), .text(membership.role.rawValue), .text(membership.status.rawValue),
            .real(membership.statusAt.timeIntervalSince1970), .real(membership.joinedAt?.timeIntervalSince1970),
            .text(membership.inviterID), .text(membership.joinSource?.rawValue)
        ).run()
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        // Facts unknown here means `membership(of:)` found no row: this is a new member, with no messages yet.
        var known = facts[key] ?? Facts()
        known.role = membership.role
        known.joinedAt = membership.joinedAt
        facts[key] = known
    }

    /// Moderation changed the row by other means; read the facts again when next needed, keeping what this
    /// batch has applied but not yet written.
    mutating func reload(group: String, member: String) throws {
        let key = MemberKey(groupID: group, memberID: member)
        guard var known = facts[key], let stored = try selectFacts.bind(.text(group), .text(member)).firstRow(Self.facts(from:))
        else { return }
        known.role = stored.role
        known.joinedAt = stored.joinedAt
        facts[key] = known
    }

    /// Counts the event for its member (call after `facts(for:)`).
    mutating func count(_ event: Event) {
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        let ts = event.timestamp.timeIntervalSince1970
        let name = event.memberName.flatMap { $0.isEmpty ? nil : $0 }
        var delta = deltas[key] ?? Delta(firstSeen: ts, lastSeen: ts)
        delta.firstSeen = min(delta.firstSeen, ts)
        delta.lastSeen = max(delta.lastSeen, ts)
        if let name {
            if delta.firstName == nil { delta.firstName = name }
            // `>=`: of two names at the same second the later one applied wins, as event by event.
            if ts >= delta.newestNameAt {
                delta.newestName = name
                delta.newestNameAt = ts
            }
        }
        switch event.kind {
        case .message:
            delta.messages += 1
            delta.lastMessageAt = max(delta.lastMessageAt ?? ts, ts)
            if var known = facts[key] {
                known.lastMessageAt = max(known.lastMessageAt ?? ts, ts)
                facts[key] = known
            }
        case .order:
            delta.orders += 1
            delta.orderFen += event.amount?.fen ?? 0
        case .redpacketClaim:
            delta.claims += 1
        default:
            break
        }
        deltas[key] = delta
    }

    /// A new check-in day for the event's member (call after `count`). `recount` answers a day that is not
    /// after the last one, from every stored day.
    mutating func checkedIn(_ event: Event, on day: LocalDay, recount: () throws -> StreakState) throws {
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        guard var known = facts[key], var delta = deltas[key] else {
            throw StoreError.invalid("check-in of \(key) applied before the member's event was counted")
        }
        known.streak = try known.streak.checkingIn(on: day) ?? recount()
        delta.checkins += 1
        delta.streakChanged = true
        facts[key] = known
        deltas[key] = delta
    }

    private static func facts(from row: HotRow) -> Facts {
        Facts(
            role: row.text(0).flatMap(MemberRole.init(rawValue:)), joinedAt: row.real(1).map(Date.init(timeIntervalSince1970:)),
            lastMessageAt: row.real(2),
            streak: StreakState(current: row.integer(3) ?? 0, longest: row.integer(4) ?? 0, lastDay: row.integer(5)))
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
    var knownFacts: [MemberKey: Facts] { facts }
}
