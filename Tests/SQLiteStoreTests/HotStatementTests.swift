import GRDB
import XCTest

@testable import QunStore

/// The C-level binding ingest uses must store exactly what GRDB would: empty text stays text, nil is NULL,
/// CJK and emoji survive, and a failing statement throws instead of being ignored.
final class HotStatementTests: XCTestCase {
    func testValuesRoundTrip() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c INTEGER, d REAL, e TEXT UNIQUE)")
            let insert = try HotStatement(db, sql: "INSERT INTO t (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)")
            try insert.bind(.text(""), .text(nil as String?), .integer(Int64.max), .real(1.5), .text("阿花🌸 e\u{301}")).run()
            let row = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT a, typeof(a) AS ta, b, c, d, e FROM t"))
            XCTAssertEqual(row["ta"] as String, "text")
            XCTAssertEqual(row["a"] as String, "")
            XCTAssertNil(row["b"] as String?)
            XCTAssertEqual(row["c"] as Int64, Int64.max)
            XCTAssertEqual(row["d"] as Double, 1.5)
            XCTAssertEqual(row["e"] as String, "阿花🌸 e\u{301}")

            XCTAssertThrowsError(try insert.bind(.text("x"), .null, .null, .null, .text("阿花🌸 e\u{301}")).run()) { error in
                XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT)
            }
            // After a failure the statement is usable again.
            try insert.bind(.text("y"), .null, .integer(2), .null, .text("other")).run()
            let select = try HotStatement(db, sql: "SELECT d FROM t WHERE a = ?")
            XCTAssertEqual(try select.bind(.text("")).doubles(), [1.5])
            XCTAssertEqual(try select.bind(.text("y")).doubles(), [], "NULLs are skipped")
            XCTAssertEqual(try select.bind(.text("")).firstRow { $0.real(0) }, 1.5)
            XCTAssertNil(try select.bind(.text("none")).firstRow { $0.real(0) })
        }
    }
}
