import Foundation
import GRDB
import XCTest

import QunCore
@testable import QunStore
import StoreTestSupport

/// A store made before the per-group totals (v14) gets them counted from its rows when it is next opened.
final class GroupTotalsMigrationTests: XCTestCase {
    func testAStoreWithoutTotalsGetsThemCountedOnOpening() throws {
        let (store, url) = try makeSQLiteStore()
        try Community.fill(store)
        let expected = (events: try store.eventCount(), members: try store.memberCounts(),
                        rates: try store.checkinRates(now: Community.now))
        XCTAssertEqual(expected.members["g1"], 5)
        // Take the store back to v14: no totals, no triggers, the migration not yet applied.
        try store.pool.write { db in
            try db.execute(sql: """
                DROP TABLE event_totals; DROP TABLE member_totals; DROP TABLE checkin_totals;
                DELETE FROM grdb_migrations WHERE identifier = 'v15-group-totals';
                """)
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
        }
        try store.pool.close()

        let reopened = try SQLiteStore(url: url)
        XCTAssertEqual(try reopened.eventCount(), expected.events)
        XCTAssertEqual(try reopened.memberCounts(), expected.members)
        XCTAssertEqual(try reopened.checkinRates(now: Community.now), expected.rates)
        // And the triggers are back: a new member counts.
        try reopened.append([Event(
            source: "t", externalID: "late-join", groupID: "g1", timestamp: Community.now, kind: .join, memberID: "ivy")])
        XCTAssertEqual(try reopened.memberCounts()["g1"], 6)
    }

    func testAStoreWithoutTheQueueOrderGetsItsCountsOnOpening() throws {
        let (store, url) = try makeSQLiteStore()
        try Community.fill(store)
        let expected = try store.moderationQueue()
        XCTAssertFalse(expected.isEmpty)
        try store.pool.write { db in
            try db.execute(sql: """
                DROP INDEX moderation_queue_order;
                DROP TRIGGER moderation_prior_on_insert; DROP TRIGGER moderation_prior_on_update; DROP TRIGGER moderation_prior_on_delete;
                ALTER TABLE moderation_cases DROP COLUMN prior_cases;
                DELETE FROM grdb_migrations WHERE identifier = 'v16-queue-order';
                """)
        }
        try store.pool.close()
        XCTAssertEqual(try SQLiteStore(url: url).moderationQueue(), expected)
    }
}
