import Foundation
import GRDB
import QunCore
@testable import QunPostgres
@testable import QunStore

/// One small community's review queue written straight into either backend with the same SQL (no ingest
/// needed): a Telegram group, a spammer with four flagged messages, an applicant, a reporter's report.
/// Case ids: 1–4 flagged messages, 5 the join request, 6 a report.
enum ModerationFixture {
    static let createdAt = 1_795_400_000.0  // 2026-11-23 02:13 UTC
    static let now = Date(timeIntervalSince1970: 1_795_430_000)  // 10:33 UTC

    static let statements = [
        "INSERT INTO groups (id, platform, name, timezone, created_at) VALUES ('-1001', 'telegram', '闲聊群', 'Asia/Shanghai', \(createdAt))",
        """
        INSERT INTO members (group_id, member_id, display_name, nickname, name_at, role, status, status_at, first_seen, last_seen)
        VALUES ('-1001', '42', 'A00批发', '小广告', \(createdAt), 'member', 'active', \(createdAt), \(createdAt), \(createdAt)),
               ('-1001', '77', '郑州+金水+新人', NULL, \(createdAt), 'pending', 'active', \(createdAt), \(createdAt), \(createdAt)),
               ('-1001', '55', '老张', NULL, \(createdAt), 'member', 'active', \(createdAt), \(createdAt), \(createdAt))
        """,
        """
        INSERT INTO events (seq, source, external_id, group_id, ts, kind, member_id, member_name, text, ingested_at) VALUES
            (1, 'telegram-bot', '-1001:11', '-1001', \(createdAt + 10), 'message', '42', 'A00批发', '加微信领红包', \(createdAt)),
            (2, 'telegram-bot', '-1001:12', '-1001', \(createdAt + 20), 'message', '55', '老张', '今天几点开会？', \(createdAt)),
            (3, 'telegram-bot', '-1001:13', '-1001', \(createdAt + 30), 'message', '42', 'A00批发', '看这个 t.cn/A6xYz', \(createdAt)),
            (4, 'telegram-bot', '-1001:14', '-1001', \(createdAt + 40), 'message', '42', 'A00批发', '刷单日结', \(createdAt)),
            (5, 'telegram-bot', '-1001:15', '-1001', \(createdAt + 50), 'message', '42', 'A00批发', '私聊有惊喜', \(createdAt)),
            (6, 'telegram-bot', '-1001:16', '-1001', \(createdAt + 60), 'join_request', '77', '郑州+金水+新人', '3号楼业主', \(createdAt))
        """,
        """
        INSERT INTO moderation_cases (id, kind, group_id, member_id, event_source, event_external_id, rule, reason, reason_zh, evidence,
            severity, created_at) VALUES
            (1, 'flagged_message', '-1001', '42', 'telegram-bot', '-1001:11', 'ad', 'asks to add a contact', '招揽添加微信', '加微信', 4, \(createdAt + 10)),
            (2, 'flagged_message', '-1001', '42', 'telegram-bot', '-1001:13', 'link', 'posts a link', '发链接', 't.cn', 3, \(createdAt + 30)),
            (3, 'flagged_message', '-1001', '42', 'telegram-bot', '-1001:14', 'ad', 'paid tasks', '刷单', '刷单', 5, \(createdAt + 40)),
            (4, 'flagged_message', '-1001', '42', 'telegram-bot', '-1001:15', 'ad', 'lures to private chat', NULL, '私聊', 2, \(createdAt + 50)),
            (5, 'join_request', '-1001', '77', 'telegram-bot', '-1001:16', '', 'asks to join', NULL, NULL, 1, \(createdAt + 60)),
            (6, 'report', '-1001', '55', NULL, NULL, 'report', 'reported by a member', NULL, NULL, 2, \(createdAt + 70))
        """,
    ]

    static func seed(_ store: SQLiteStore) throws {
        try store.pool.write { db in for sql in statements { try db.execute(sql: sql) } }
    }

    static func seed(_ store: PostgresStore) throws {
        try store.write { s in
            for sql in statements { try s.execute(sql) }
            // Explicit ids leave identity sequences behind; move them past the seeded rows as SQLite's rowids are.
            try s.execute("SELECT setval(pg_get_serial_sequence('moderation_cases', 'id'), 6)")
            try s.execute("SELECT setval(pg_get_serial_sequence('events', 'seq'), 6)")
        }
    }

    /// The columns an action or undo changes, table by table, as text: what both backends must agree on.
    static let dumps: [(sql: String, columns: [(String, Kind)])] = [
        ("SELECT * FROM moderation_cases ORDER BY id",
         [("id", .int), ("status", .text), ("resolution", .text), ("resolved_at", .real), ("claimed_by", .text), ("claimed_until", .real),
          ("version", .int)]),
        ("SELECT * FROM members ORDER BY member_id", [("member_id", .text), ("role", .text), ("status", .text), ("status_at", .real), ("muted_until", .real)]),
        ("SELECT * FROM warnings ORDER BY id",
         [("id", .int), ("member_id", .text), ("case_id", .int), ("audit_id", .int), ("at", .real), ("expires_at", .real), ("reason", .text),
          ("revoked_at", .real)]),
        ("SELECT * FROM deleted_messages ORDER BY event_external_id", [("event_external_id", .text), ("actor", .text), ("at", .real), ("restored_at", .real)]),
        ("SELECT * FROM classifier_samples ORDER BY id",
         [("id", .int), ("label", .text), ("text", .text), ("case_id", .int), ("audit_id", .int), ("added_at", .real), ("removed_at", .real)]),
        ("SELECT * FROM case_notes ORDER BY id", [("id", .int), ("case_id", .int), ("author", .text), ("text", .text), ("at", .real)]),
    ]

    enum Kind { case text, int, real }

    static func dump(_ store: SQLiteStore) throws -> [[String]] {
        try store.pool.read { db in try dumps.flatMap { table in try Row.fetchAll(db, sql: table.sql).map { try render($0, table.columns) } } }
    }

    static func dump(_ store: PostgresStore) throws -> [[String]] {
        try store.read { s in try dumps.flatMap { table in try s.query(table.sql).map { try render($0, table.columns) } } }
    }

    private static func render(_ row: some StoredRow, _ columns: [(String, Kind)]) throws -> [String] {
        try columns.map { name, kind in
            let value: String?
            switch kind {
            case .text: value = try row.optionalString(name)
            case .int: value = try row.optionalInt64(name).map { "\($0)" }
            case .real: value = try row.optionalDouble(name).map { "\($0)" }
            }
            return "\(name)=\(value ?? "∅")"
        }
    }
}
