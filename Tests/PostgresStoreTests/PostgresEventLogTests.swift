import Foundation
import GRDB
import QunCore
import QunPostgres
import XCTest

@testable import QunStore

/// The same events appended to a SQLite store and a PostgreSQL store must leave the same rows in every table
/// ingest writes, whatever the batching: both derive them through `EventConsequences`.
final class PostgresEventLogTests: XCTestCase {
    private var postgres: PostgresStore!
    private var sqlite: SQLiteStore!
    private let now = Date(timeIntervalSince1970: 1_796_094_000)  // 2026-12-01T12:00:00+08:00

    override func setUpWithError() throws {
        postgres = try PostgresStore.temporary(name: "eventlog")
        sqlite = try SQLiteStore.temporary(name: "eventlog")
    }

    override func tearDownWithError() throws {
        try postgres?.dropSchema()
    }

    // MARK: streams

    /// Four days of the demo community: SQLite one append per day, PostgreSQL the same days pulled in chunks of
    /// 700 events, one transaction per day. Then the whole stream again: every event a duplicate, no row changed.
    func testTheDemoCommunityGivesTheSameRows() throws {
        let community = DemoCommunity(seed: 7, now: now, days: 4)
        for plan in community.groups {
            try sqlite.saveGroup(plan.group)
            try postgres.saveGroup(plan.group)
        }
        var days: [[Event]] = []
        community.forEachDay { _, _, events in days.append(events) }
        var sqliteTotal = AppendResult()
        var postgresTotal = AppendResult()
        for events in days {
            sqliteTotal = sqliteTotal + (try sqlite.append(events, now: now))
            postgresTotal = postgresTotal + (try postgres.append(pulling: chunks(of: events, size: 700), now: now))
        }
        XCTAssertGreaterThan(sqliteTotal.inserted, 5_000)
        XCTAssertEqual(postgresTotal, sqliteTotal)
        for table in ["checkins", "moderation_cases", "ledger", "campaign_stats", "activity_hourly"] {
            XCTAssertGreaterThan(try sqlite.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }, 0, table)
        }
        try assertSameRows()

        let again = try postgres.append(pulling: chunks(of: days.flatMap { $0 }, size: 5_000), now: now)
        XCTAssertEqual(again, AppendResult(inserted: 0, duplicates: sqliteTotal.inserted, flagged: 0))
        try assertSameRows()
        XCTAssertEqual(try postgres.eventCount(), try sqlite.eventCount())
    }

    /// The cases batching could get wrong: a request settled by a join in the same chunk and a request that
    /// arrives after a departure; a check-in day arriving out of order and the same day twice; a repeated
    /// event in one chunk; claims and orders naming campaigns; a group renamed by a newer and then an older
    /// event; a flood and a cross-group duplicate, queued; a link rule in log-only mode; a newcomer's first
    /// event being a join request with a misfit name, and a rename.
    func testTheCasesBatchingMustKeepInOrder() throws {
        var rules = RuleSettings()
        rules.flood = FloodSettings(action: .queue, messages: 3, seconds: 10)
        rules.link = LinkSettings(action: .log)
        try sqlite.saveRuleSet(RuleSet(defaults: rules), actor: "owner", now: now)
        try postgres.write { s in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try s.execute(
                "INSERT INTO rule_set (id, json, updated_at) VALUES (1, $1, $2)",
                [.text(String(decoding: try encoder.encode(RuleSet(defaults: rules)), as: UTF8.self)), .double(now.timeIntervalSince1970)])
        }
        for store in [sqlite as any GroupDirectory, postgres as any GroupDirectory] {
            try store.saveGroup(Group(id: "g1", name: "金水花园1群", nicknameFormat: "城市+社区+名字", createdAt: now))
        }
        let stream = [
            event("r1", .joinRequest, "a", "2026-11-23T08:00:00+08:00", name: "郑州+金水+小李"),
            event("j1", .join, "a", "2026-11-23T08:05:00+08:00", name: "郑州+金水+小李", campaign: "ref"),
            event("l2", .leave, "b", "2026-11-23T08:00:00+08:00"),
            event("r2", .joinRequest, "b", "2026-11-23T08:10:00+08:00", name: "Lucky🍀"),
            event("k3", .checkin, "c", "2026-11-25T07:00:00+08:00"),
            event("k1", .checkin, "c", "2026-11-23T07:00:00+08:00"),
            event("k2", .message, "c", "2026-11-24T07:00:00+08:00", text: "早安", campaign: "challenge"),
            event("k2b", .checkin, "c", "2026-11-24T06:00:00+08:00"),
            event("k2", .message, "c", "2026-11-24T07:00:00+08:00", text: "早安"),
            event("p1", .redpacketClaim, "d", "2026-11-23T20:00:00+08:00", amount: Money(fen: 88), campaign: "flash"),
            event("o1", .order, "d", "2026-11-23T21:00:00+08:00", amount: Money(fen: 1990), campaign: "flash"),
            event("n2", .message, "d", "2026-11-23T22:00:00+08:00", groupName: "新名字"),
            event("n1", .message, "d", "2026-11-22T22:00:00+08:00", groupName: "旧名字"),
            event("f1", .message, "e", "2026-11-23T09:00:00+08:00", text: "冲冲冲1"),
            event("f2", .message, "e", "2026-11-23T09:00:02+08:00", text: "冲冲冲2"),
            event("f3", .message, "e", "2026-11-23T09:00:04+08:00", text: "冲冲冲3"),
            event("f4", .message, "e", "2026-11-23T09:00:06+08:00", text: "冲冲冲4"),
            event("x1", .message, "e", "2026-11-23T10:00:00+08:00", text: "全场五折优惠今天最后一天快来买", group: "g2"),
            event("x2", .message, "e", "2026-11-23T10:01:00+08:00", text: "全场五折优惠今天最后一天快来买", group: "g3"),
            event("x3", .message, "e", "2026-11-23T10:02:00+08:00", text: "全场五折优惠今天最后一天快来买"),
            event("u1", .message, "f", "2026-11-23T11:00:00+08:00", text: "看这个 https://spam.example.com/x"),
            event("rn", .rename, "a", "2026-11-23T12:00:00+08:00", name: "快乐每一天🌸"),
            event("v1", .message, "g", "2026-11-23T12:00:00+08:00", name: "阿花", text: "加我 vx abc"),
            event("v2", .message, "g", "2026-11-23T12:00:30+08:00", name: "阿花🌸", text: "123456"),
        ]
        let one = try sqlite.append(stream, now: now)
        let chunked = try postgres.append(pulling: chunks(of: stream, size: 4), now: now)
        XCTAssertEqual(chunked, one)
        XCTAssertEqual(one.duplicates, 1)
        XCTAssertGreaterThan(one.flagged, 2)
        try assertSameRows()
        let queue = try postgres.read { s in try s.query("SELECT rule FROM moderation_cases ORDER BY id").map { try $0.string("rule") } }
        XCTAssertTrue(queue.contains("flood"), "\(queue)")
        XCTAssertTrue(queue.contains("cross_group_duplicate"), "\(queue)")
    }

    func testCursorsAreSavedWithTheEventsAndUpdatesStoreTheConnectorsPosition() throws {
        let cursor = IngestCursor(path: "/feeds/a.jsonl", device: 1, inode: UInt64.max - 1, offset: 4_096, line: 12)
        try postgres.append([event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")], cursor: cursor, now: now)
        XCTAssertEqual(try postgres.cursor(forPath: cursor.path), cursor)
        XCTAssertNil(try postgres.cursor(forPath: "/feeds/b.jsonl"))

        try postgres.storeUpdates(
            [event("t1", .message, "u2", "2026-11-23T08:01:00+08:00", text: "hello")], cursor: ConnectorCursor(connector: "tg", nextOffset: 77),
            now: now)
        let offset = try postgres.read { s in
            try s.scalar("SELECT next_offset FROM connector_cursors WHERE connector = 'tg'", as: Int64.self)
        }
        XCTAssertEqual(offset, 77)
        XCTAssertEqual(try postgres.eventCount(), 2)
    }

    /// A chunk that fails takes its whole transaction with it: no event, no derived row, no cursor.
    func testAFailingChunkStoresNothing() throws {
        struct Interrupted: Error {}
        var handed = 0
        XCTAssertThrowsError(try postgres.append(pulling: {
            handed += 1
            if handed == 1 {
                return AppendChunk(
                    events: [event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "早安")],
                    cursor: IngestCursor(path: "/f", device: 1, inode: 1, offset: 10, line: 1))
            }
            throw Interrupted()
        }, now: now))
        XCTAssertEqual(try postgres.eventCount(), 0)
        XCTAssertNil(try postgres.cursor(forPath: "/f"))
        XCTAssertTrue(try postgres.isEmpty)
    }

    func testEventsReadBackAsStoredWithTheirGroupAndStaffRole() throws {
        let stream = [
            event("j", .join, "boss", "2026-11-01T08:00:00+08:00", role: .owner, groupName: "金水花园1群"),
            event("m", .message, "boss", "2026-11-23T08:00:00+08:00", text: "欢迎"),
            event("o", .order, "u1", "2026-11-23T09:00:00+08:00", amount: Money(fen: 1990), group: "g2", source: "other"),
        ]
        try sqlite.append(stream, now: now)
        try postgres.append(stream, now: now)
        var fromSQLite: [Event] = []
        var fromPostgres: [Event] = []
        try sqlite.forEachEvent(groupID: nil, pageSize: 2) { fromSQLite.append($0) }
        try postgres.forEachEvent(groupID: nil, pageSize: 2) { fromPostgres.append($0) }
        XCTAssertEqual(fromPostgres, fromSQLite)
        XCTAssertEqual(fromPostgres.first?.memberRole, .owner)
        var g2: [Event] = []
        try postgres.forEachEvent(groupID: "g2", pageSize: 10) { g2.append($0) }
        XCTAssertEqual(g2.map(\.externalID), ["o"])
        XCTAssertEqual(try postgres.foreignSources(besides: ["test"]), ["other"])
        XCTAssertEqual(try postgres.groups(), try sqlite.groups())
        XCTAssertEqual(try postgres.group(id: "g1")?.name, "金水花园1群")
        XCTAssertEqual(try postgres.groupZones().keys.sorted(), ["g1", "g2"])
    }

    // MARK: helpers

    private func event(
        _ id: String, _ kind: EventKind, _ member: String, _ time: String, name: String? = nil, text: String? = nil, amount: Money? = nil,
        campaign: String? = nil, role: MemberRole? = nil, groupName: String? = nil, group: String = "g1", source: String = "test"
    ) -> Event {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return Event(
            source: source, externalID: id, groupID: group, timestamp: formatter.date(from: time)!, kind: kind, memberID: member,
            groupName: groupName, memberName: name, memberRole: role, text: text, amount: amount, campaignID: campaign)
    }

    private func chunks(of events: [Event], size: Int) -> () -> AppendChunk? {
        var offset = 0
        return {
            guard offset < events.count else { return nil }
            defer { offset += size }
            return AppendChunk(events: Array(events[offset..<min(offset + size, events.count)]))
        }
    }

    /// A value as either store returns it.
    private enum Cell: Hashable, CustomStringConvertible {
        case null, text(String), int(Int64), double(Double)

        var description: String {
            switch self {
            case .null: "∅"
            case let .text(s): s
            case let .int(n): String(n)
            case let .double(x): String(x)
            }
        }
    }

    private enum Kind { case text, int, double }

    /// The tables ingest writes, their columns and an order both stores can give; row numbers a sequence hands
    /// out (events.seq) are left out, the ledger names its event by key instead.
    private let tables: [(name: String, sql: String, columns: [(String, Kind)])] = [
        ("events", "SELECT * FROM events ORDER BY source, external_id", [
            ("source", .text), ("external_id", .text), ("group_id", .text), ("ts", .double), ("kind", .text), ("member_id", .text),
            ("member_name", .text), ("text", .text), ("actor_id", .text), ("via", .text), ("reply_to", .text), ("amount_fen", .int),
            ("campaign_id", .text), ("raw", .text), ("ingested_at", .double),
        ]),
        ("groups", "SELECT * FROM groups ORDER BY id", [
            ("id", .text), ("platform", .text), ("name", .text), ("timezone", .text), ("owner_id", .text), ("nickname_format", .text),
            ("created_at", .double), ("checkin_keywords", .text), ("name_at", .double),
        ]),
        ("members", "SELECT * FROM members ORDER BY group_id, member_id", [
            ("group_id", .text), ("member_id", .text), ("display_name", .text), ("nickname", .text), ("name_at", .double), ("role", .text),
            ("status", .text), ("status_at", .double), ("muted_until", .double), ("tags", .text), ("inviter_id", .text),
            ("join_source", .text), ("joined_at", .double), ("first_seen", .double), ("last_seen", .double), ("message_count", .int),
            ("checkin_streak", .int), ("longest_streak", .int), ("last_checkin_day", .int), ("last_message_at", .double),
            ("checkin_count", .int), ("order_count", .int), ("order_fen", .int), ("claim_count", .int),
        ]),
        ("checkins", "SELECT * FROM checkins ORDER BY group_id, member_id, day", [
            ("group_id", .text), ("member_id", .text), ("day", .int), ("ts", .double), ("makeup", .int),
        ]),
        ("moderation_cases", "SELECT * FROM moderation_cases ORDER BY id", [
            ("id", .int), ("kind", .text), ("status", .text), ("group_id", .text), ("member_id", .text), ("event_source", .text),
            ("event_external_id", .text), ("rule", .text), ("reason", .text), ("evidence", .text), ("severity", .int),
            ("created_at", .double), ("claimed_by", .text), ("resolution", .text), ("resolved_at", .double), ("reason_zh", .text),
        ]),
        ("activity_hourly", "SELECT * FROM activity_hourly ORDER BY group_id, hour", [
            ("group_id", .text), ("hour", .int), ("local_day", .int), ("local_hour", .int), ("messages", .int), ("joins", .int),
            ("leaves", .int), ("removes", .int), ("bans", .int), ("checkins", .int), ("claims", .int), ("orders", .int), ("order_fen", .int),
        ]),
        ("ledger", """
            SELECT l.*, e.source AS event_source, e.external_id AS event_external_id
            FROM ledger l LEFT JOIN events e ON e.seq = l.event_seq ORDER BY l.id
            """, [
            ("id", .int), ("campaign_id", .text), ("kind", .text), ("amount_fen", .int), ("member_id", .text), ("group_id", .text),
            ("note", .text), ("recorded_at", .double), ("dedupe_key", .text), ("event_source", .text), ("event_external_id", .text),
        ]),
        ("campaign_stats", "SELECT * FROM campaign_stats ORDER BY campaign_id", [
            ("campaign_id", .text), ("claims", .int), ("orders", .int), ("joins", .int), ("checkins", .int), ("messages", .int),
        ]),
        ("audit_log (rules)", "SELECT * FROM audit_log WHERE actor = 'rules' ORDER BY id", [
            ("at", .double), ("actor", .text), ("action", .text), ("group_id", .text), ("member_id", .text), ("case_id", .int),
            ("campaign_id", .text), ("reason", .text), ("rule", .text), ("evidence", .text), ("before", .text), ("undoes", .int),
        ]),
    ]

    private func assertSameRows(file: StaticString = #filePath, line: UInt = #line) throws {
        for table in tables {
            let fromSQLite: [[Cell]] = try sqlite.pool.read { db in
                try Row.fetchAll(db, sql: table.sql).map { row in
                    table.columns.map { name, kind in
                        switch kind {
                        case .text: (row[name] as String?).map(Cell.text) ?? .null
                        case .int: (row[name] as Int64?).map(Cell.int) ?? .null
                        case .double: (row[name] as Double?).map(Cell.double) ?? .null
                        }
                    }
                }
            }
            let fromPostgres: [[Cell]] = try postgres.read { s in
                try s.query(table.sql).map { row in
                    try table.columns.map { name, kind in
                        switch kind {
                        case .text: try row.optionalString(name).map(Cell.text) ?? .null
                        case .int: try row.optionalInt64(name).map(Cell.int) ?? .null
                        case .double: try row.optionalDouble(name).map(Cell.double) ?? .null
                        }
                    }
                }
            }
            XCTAssertEqual(fromPostgres.count, fromSQLite.count, "\(table.name): row count", file: file, line: line)
            for (p, q) in zip(fromPostgres, fromSQLite) where p != q {
                XCTFail("\(table.name) differs:\n  postgres \(p)\n  sqlite   \(q)", file: file, line: line)
                break
            }
        }
    }
}
