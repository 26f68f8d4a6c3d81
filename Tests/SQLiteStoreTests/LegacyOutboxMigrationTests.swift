import Foundation
import GRDB
import XCTest

import QunCore
@testable import QunStore

/// A store made before the typed outbox (v10) opens with its items turned into commands.
final class LegacyOutboxMigrationTests: XCTestCase {
    func testV10ItemsBecomeTypedCommandsLinkedToTheirAuditEntries() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("legacy-\(UUID().uuidString)").appendingPathComponent("s.sqlite")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let queue = try DatabaseQueue(path: url.path)
        try StoreSchema.migrator.migrate(queue, upTo: "v10-drop-member-days")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO groups (id, platform, name, timezone, created_at) VALUES ('-1001', 'telegram', '车友会', 'Asia/Shanghai', 0);
                INSERT INTO audit_log (id, at, actor, action, group_id, member_id) VALUES (7, 0, 'admin', 'reject', '-1001', '42');
                INSERT INTO outbox (idempotency_key, group_id, action, payload, status, created_at, due_at, updated_at) VALUES
                  ('audit-7-0-delete_message', '-1001', 'delete_message',
                   '{"member":"42","message_id":"-1001:555","message_source":"telegram-bot"}', 'pending', 0, 0, 0),
                  ('audit-9-0-restrict_member', '-1001', 'restrict_member', '{"member":"42","until":"1800000000"}', 'sent', 0, 0, 0),
                  ('campaign:c:1', '-1001', 'send_red_packet', '{"amount_fen":"300","slots":"20","text":"🧧","purpose":"red_packet"}', 'cancelled', 0, 0, 0);
                """)
        }
        try queue.close()
        let store = try SQLiteStore(url: url)
        let items = try store.outbox().sorted { $0.id < $1.id }
        XCTAssertEqual(items.map(\.command), [
            .deleteMessages(chat: .number(-1001), ids: [.number(555)]),
            .restrictMember(chat: .number(-1001), user: .number(42), permissions: .muted, until: Date(timeIntervalSince1970: 1_800_000_000)),
            .sendRedPacket(chat: .number(-1001), amount: Money(fen: 300), slots: 20, text: "🧧"),
        ])
        XCTAssertEqual(items.map(\.state), [.pending, .sent, .cancelled])
        XCTAssertEqual(items.map(\.auditID), [7, nil, nil], "audit 9 does not exist: no dangling reference")
        XCTAssertEqual(items[2].purpose, "red_packet")
    }
}
