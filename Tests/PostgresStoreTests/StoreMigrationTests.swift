import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

final class StoreMigrationTests: XCTestCase {
    func testEveryTableArrivesWithEqualCountsAndHashes() throws {
        let demo = try MigratedDemo.shared()
        XCTAssertEqual(demo.report.tables.map(\.table).count, 28)
        for table in demo.report.tables {
            XCTAssertEqual(table.sourceRows, table.targetRows, table.table)
            XCTAssertEqual(table.sourceHash, table.targetHash, table.table)
            XCTAssertEqual(table.sourceHash.count, 32, table.table)
        }
        let counts = Dictionary(uniqueKeysWithValues: demo.report.tables.map { ($0.table, $0.sourceRows) })
        for table in ["groups", "events", "members", "activity_hourly", "checkins", "moderation_cases", "campaigns", "audit_log",
                      "member_notes", "warnings", "outbox", "classifier_samples", "rule_set", "connector_status", "platform_chats",
                      "event_totals", "member_totals", "checkin_totals"] {
            XCTAssertGreaterThan(counts[table] ?? 0, 0, "the demo should exercise \(table)")
        }
        XCTAssertGreaterThan(demo.report.rows, 10_000)
    }

    func testIdsAreKeptAndIdentitiesContinueAfterThem() throws {
        let demo = try MigratedDemo.shared()
        let maxSeq = try demo.postgres.read { try $0.scalar("SELECT max(seq) FROM events", as: Int64.self) }
        XCTAssertEqual(maxSeq.map(Int.init), try demo.sqlite.eventCount())
        struct RolledBack: Error {}
        var next: [String: Int64] = [:]
        var last: [String: Int64] = [:]
        // New rows are taken back, so the shared store stays equal to the SQLite one for the other tests.
        XCTAssertThrowsError(
            try demo.postgres.write { s in
                for (table, key, insert) in [
                    ("audit_log", "id", "INSERT INTO audit_log (at, actor, action) VALUES (0, 't', 't') RETURNING id"),
                    ("events", "seq", """
                        INSERT INTO events (source, external_id, group_id, ts, kind, member_id, ingested_at)
                        VALUES ('t', 't', 'g', 0, 'message', 'm', 0) RETURNING seq
                        """),
                    ("member_notes", "id", "INSERT INTO member_notes (group_id, member_id, at, author, text) VALUES ('g', 'm', 0, 'a', 't') RETURNING id"),
                ] {
                    last[table] = try s.scalar("SELECT max(\(key)) FROM \(table)", as: Int64.self)
                    next[table] = try s.scalar(insert, as: Int64.self)
                }
                throw RolledBack()
            })
        for table in ["audit_log", "events", "member_notes"] {
            let previous = try XCTUnwrap(last[table], table)
            XCTAssertEqual(next[table], previous + 1, table)
        }
    }

    func testANonEmptyTargetIsRefusedAndLeftAlone() throws {
        let demo = try MigratedDemo.shared()
        let target = try PostgresStore.temporary(name: "occupied")
        defer { try? target.dropSchema() }
        _ = try target.write { s in try s.execute("INSERT INTO leases (name, holder, expires_at) VALUES ('scheduler', 'x', 1)") }
        XCTAssertThrowsError(try StoreMigration().copy(from: demo.sqlite, to: target)) { error in
            guard case let StoreMigration.Failure.targetNotEmpty(_, tables) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(tables.map(\.0), ["leases"])
            XCTAssertTrue("\(error)".contains("not empty"), "\(error)")
        }
        XCTAssertEqual(try target.read { try $0.scalar("SELECT count(*) FROM groups", as: Int64.self) }, 0)
        XCTAssertEqual(try target.read { try $0.scalar("SELECT count(*) FROM leases", as: Int64.self) }, 1)
    }

    func testAnEmptyStoreMigratesToEmptyTables() throws {
        let source = try SQLiteStore.temporary(name: "empty-source")
        let target = try PostgresStore.temporary(name: "emptytarget")
        defer { try? target.dropSchema() }
        let report = try StoreMigration().copy(from: source, to: target)
        XCTAssertTrue(report.matches)
        XCTAssertEqual(report.rows, 0)
        XCTAssertTrue(try target.isEmpty)
    }
}
