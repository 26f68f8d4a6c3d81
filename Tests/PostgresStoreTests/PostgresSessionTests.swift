import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

final class PostgresSessionTests: XCTestCase {
    var store: PostgresStore!

    override func setUpWithError() throws {
        store = try PostgresStore.temporary(name: "session")
    }

    override func tearDownWithError() throws {
        try store?.dropSchema()
    }

    func testMigrationsCreateEveryTableOnceEvenWhenOpenedTwice() throws {
        let again = try PostgresStore(address: store.postgresAddress)
        let tables = try again.read { s in
            try s.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [.text(store.postgresAddress.schema)])
                .map { try $0.string("table_name") }
        }
        XCTAssertTrue(tables.contains("events"))
        XCTAssertTrue(tables.contains("outbox"))
        XCTAssertTrue(tables.contains("qundeck_migrations"))
        XCTAssertTrue(try store.isEmpty)
    }

    func testBindsRoundTripIncludingNullsInArrays() throws {
        let rows = try store.read { s in
            try s.query(
                "SELECT * FROM unnest($1::text[], $2::bigint[], $3::double precision[]) AS t(a, b, c)",
                [.textArray(["一", nil, "🧧"]), .intArray([1, nil, -3]), .doubleArray([nil, 2.5, 1e10])])
        }
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(try rows[0].optionalString("a"), "一")
        XCTAssertNil(try rows[1].optionalString("a"))
        XCTAssertEqual(try rows[2].string("a"), "🧧")
        XCTAssertEqual(try rows[2].int64("b"), -3)
        XCTAssertNil(try rows[1].optionalInt64("b"))
        XCTAssertNil(try rows[0].optionalDouble("c"))
        XCTAssertEqual(try rows[2].double("c"), 1e10)
    }

    func testFailedWriteRollsBackAndNamesTheProblem() throws {
        XCTAssertThrowsError(
            try store.write { s in
                try s.execute("INSERT INTO leases (name, holder, expires_at) VALUES ('a', 'x', 1)")
                try s.execute("INSERT INTO leases (name, holder, expires_at) VALUES ('a', 'y', 2)")
            }
        ) { error in
            XCTAssertTrue((error as? PostgresStoreError)?.isUniqueViolation ?? false, "\(error)")
            XCTAssertTrue("\(error)".contains("duplicate key"), "\(error)")
        }
        XCTAssertEqual(try store.read { try $0.scalar("SELECT count(*) FROM leases", as: Int64.self) }, 0)
    }

    func testMissingColumnErrorNamesTheColumn() throws {
        let row = try XCTUnwrap(try store.read { try $0.queryOne("SELECT 'x'::text AS one") })
        XCTAssertThrowsError(try row.string("two")) { XCTAssertTrue("\($0)".contains("\"two\"")) }
        XCTAssertThrowsError(try row.int64("one")) { XCTAssertTrue("\($0)".contains("\"one\"")) }
    }

    func testWatcherSeesAnotherStoreObjectsWriteAndNothingElse() throws {
        let other = try PostgresStore(address: store.postgresAddress)
        let watcher = try store.changeWatcher()
        XCTAssertNil(try watcher.poll())
        try other.write { s in _ = try s.execute("INSERT INTO leases (name, holder, expires_at) VALUES ('w', 'x', 1)") }
        let deadline = Date().addingTimeInterval(2)
        var seen: StoreChange?
        while seen == nil, Date() < deadline {
            seen = try watcher.poll()
            if seen == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        XCTAssertEqual(seen, .data)
        XCTAssertNil(try watcher.poll())
        // A store in another schema of the same database does not wake this watcher.
        let stranger = try PostgresStore.temporary(name: "stranger")
        defer { try? stranger.dropSchema() }
        try stranger.write { s in _ = try s.execute("INSERT INTO leases (name, holder, expires_at) VALUES ('w', 'x', 1)") }
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertNil(try watcher.poll())
    }

    func testAddressParsingAndRedaction() throws {
        let address = try PostgresAddress("postgres://wang:s3cret@db.example:6543/team?schema=shop1&sslmode=require", environment: [:])
        XCTAssertEqual(address.host, "db.example")
        XCTAssertEqual(address.port, 6543)
        XCTAssertEqual(address.password, "s3cret")
        XCTAssertEqual(address.schema, "shop1")
        XCTAssertEqual(address.tls, .require)
        XCTAssertEqual(address.description, "postgres://wang@db.example:6543/team?schema=shop1&sslmode=require")
        XCTAssertThrowsError(try PostgresAddress("postgres://u:pw@h/db?schema=Bad-Name", environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("schema"))
            XCTAssertFalse("\(error)".contains("pw"), "the password must not appear in errors")
        }
        XCTAssertThrowsError(try PostgresAddress("postgres://u@h/db?colour=red", environment: [:])) {
            XCTAssertTrue("\($0)".contains("colour"))
        }
        XCTAssertEqual(try PostgresAddress("postgres://u@h/db", environment: ["PGPASSWORD": "envpw"]).password, "envpw")
    }

    func testUnreachableServerSaysWhereWithoutThePassword() {
        XCTAssertThrowsError(try PostgresStore("postgres://u:topsecret@127.0.0.1:1/db?sslmode=disable")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("127.0.0.1:1"), text)
            XCTAssertFalse(text.contains("topsecret"), text)
        }
    }
}
