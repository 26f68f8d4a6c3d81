import Foundation
import GRDB
import QunCore

/// The members one batch of events touches. What the rules need (role, join time, when the member last
/// spoke) is read once per member and batch; what the events add (counts, names, first and last seen) is
/// gathered in memory and written once per member when the batch ends. A busy member's fifty messages in
/// one batch cost one read and one upsert instead of fifty upserts, each moving an index entry.
///
/// The row itself is created on first sight, inside the batch, because check-ins, streaks and automatic
/// moderation update it in place before the batch ends. Only the additive columns wait for `flush`; the
/// statements run meanwhile (membership, check-ins, streaks, moderation) never read or write those.
struct MemberBatch {
    /// What the rules need to judge a message.
    struct Facts {
        var role: MemberRole?
        var joinedAt: Date?
        /// The newest message time stored or applied so far in this batch: when it is older than the flood
        /// window, the member cannot be flooding and the look-back query is skipped.
        var lastMessageAt: Double?
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
    }

    private var facts: [MemberKey: Facts] = [:]
    private var deltas: [MemberKey: Delta] = [:]
    /// Keys in first-touch order, so the flush writes in a repeatable order.
    private var touched: [MemberKey] = []
    private let selectFacts: HotStatement
    private let insertFirstSight: HotStatement
    private let upsertDelta: HotStatement

    init(_ db: Database, knownFacts: [MemberKey: Facts] = [:]) throws {
        facts = knownFacts
        selectFacts = try HotStatement(db, sql: """
            SELECT role, joined_at, last_message_at FROM members WHERE group_id = ? AND member_id = ?
            """)
        insertFirstSight = try HotStatement(db, sql: """
            INSERT INTO members (group_id, member_id, display_name, nickname, name_at, status_at, first_seen, last_seen)
            VALUES (?1, ?2, coalesce(?3, ?2), ?3, ?4, ?4, ?4, ?4)
            """)
        upsertDelta = try HotStatement(db, sql: """
            INSERT INTO members (group_id, member_id, display_name, nickname, name_at, status_at, first_seen, last_seen,
                message_count, last_message_at, order_count, order_fen, claim_count)
            VALUES (?1, ?2, coalesce(?3, ?2), ?4, coalesce(?5, ?6), ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            ON CONFLICT(group_id, member_id) DO UPDATE SET
                display_name = CASE WHEN display_name = member_id AND ?3 IS NOT NULL THEN ?3 ELSE display_name END,
                nickname = CASE WHEN ?4 IS NOT NULL AND ?5 >= name_at THEN ?4 ELSE nickname END,
                name_at = CASE WHEN ?4 IS NOT NULL AND ?5 >= name_at THEN ?5 ELSE name_at END,
                first_seen = min(first_seen, ?6),
                last_seen = max(last_seen, ?7),
                message_count = message_count + ?8,
                last_message_at = CASE WHEN ?9 IS NOT NULL THEN max(coalesce(last_message_at, ?9), ?9) ELSE last_message_at END,
                order_count = order_count + ?10,
                order_fen = order_fen + ?11,
                claim_count = claim_count + ?12
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
            known = Facts(role: .member, joinedAt: nil, lastMessageAt: nil)
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
        var delta = deltas[key] ?? {
            touched.append(key)
            return Delta(firstSeen: ts, lastSeen: ts)
        }()
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

    private static func facts(from row: HotRow) -> Facts {
        Facts(
            role: row.text(0).flatMap(MemberRole.init(rawValue:)), joinedAt: row.real(1).map(Date.init(timeIntervalSince1970:)),
            lastMessageAt: row.real(2))
    }

    /// Writes every member's increments; call once, after the batch's last event.
    mutating func flush() throws {
        for key in touched {
            guard let d = deltas[key] else { continue }
            try upsertDelta.bind(
                .text(key.groupID), .text(key.memberID), .text(d.firstName), .text(d.newestName),
                .real(d.newestName == nil ? nil : d.newestNameAt), .real(d.firstSeen), .real(d.lastSeen), .integer(d.messages),
                .real(d.lastMessageAt), .integer(d.orders), .integer(d.orderFen), .integer(d.claims)
            ).run()
        }
        deltas.removeAll()
        touched.removeAll()
    }

    /// Every member's facts as they stand after `flush`, for the next batch.
    var knownFacts: [MemberKey: Facts] { facts }
}
