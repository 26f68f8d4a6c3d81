import Foundation
import GRDB
import XCTest

import QunCore
@testable import QunStore
import StoreTestSupport

/// A join resolves the member's pending request. The roles read only open cases (the queue), so how the
/// resolved case was recorded is read from SQLite's table directly.
final class ResolvedCaseTests: XCTestCase {
    func testJoinResolvesThePendingRequest() throws {
        let (store, _) = try makeSQLiteStore()
        try Community.fill(store)
        let cases = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM moderation_cases ORDER BY id").map(StoreDecoding.moderationCase)
        }
        let dave = try XCTUnwrap(cases.first { $0.memberID == "dave" })
        XCTAssertEqual(dave.kind, .joinRequest)
        XCTAssertEqual(dave.status, .resolved)
        XCTAssertEqual(dave.resolution, "joined")
        XCTAssertEqual(dave.resolvedAt, at("2026-11-23T07:30:00+08:00"))
        XCTAssertEqual(dave.reason, "join request via request")
        XCTAssertEqual(dave.evidence, "我是3号楼的", "the request's message is kept as evidence")
    }
}
