import Foundation
import XCTest

import QunCore
import QunStore

/// Plays a connector that gets "done" for every due item of every platform, as Telegram answers a successful
/// call: what undo and campaign tests need to tell sent items from unsent ones.
func deliverAll(_ store: any OutboxQueue, now: Date) throws {
    for platform in Platform.allCases {
        for item in try store.claimDue(worker: "test-connector", platform: platform, lease: 60, limit: 1000, now: now) {
            XCTAssertTrue(try store.beginAttempt(id: item.id, worker: "test-connector", lease: nil, now: now))
            try store.complete(id: item.id, worker: "test-connector", response: nil, now: now)
        }
    }
}
