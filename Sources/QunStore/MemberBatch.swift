import Foundation
import GRDB
import QunCore

/// The members one batch of events touches. What the rules need (role, join time, when the member last
/// spoke) is read once per member and batch; what the events add (counts, names, first and last seen) is
/// gathered in memory and written once per member when the batch ends. A busy member's fifty messages in
/// one batch cost one read and one upsert instead of fifty upserts, each moving an index entry.
///
/// The row itself is created on first sight, inside the batch, because membership changes and automatic
/// moderation update it in place before the batch ends. The counters and the check-in streak wait for
/// `flush`; the statements run meanwhile (membership, moderation) never read or write those columns.
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

    /// A membership change (join, leave, role) rewrote the row's role and join time.
    mutating func membershipChanged(_ event: Event, role: MemberRole, joinedAt: Date?) {
        let key = MemberKey(groupID: event.groupID, memberID: event.memberID)
        facts[key]?.role = role
        facts[key]?.joinedAt = joinedAt
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
        guard var known = facts[key], var delta = deltas[key] else { return }
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
