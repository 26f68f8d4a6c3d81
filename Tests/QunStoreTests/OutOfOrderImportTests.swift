import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Exports and callbacks arrive out of order (WhatsApp exports, lost WeCom callbacks re-fetched later):
/// an older event must never override a newer membership status.
class OutOfOrderImportTests: StoreContractTestCase {
    func testLeaveThenOlderJoinLeavesTheMemberLeft() throws {
        let store = try makeStore()
        try store.append([event("leave", .leave, "u1", "2026-11-23T08:00:00+08:00")])
        try store.append([event("join", .join, "u1", "2026-11-23T07:00:00+08:00", name: "小李", actor: "owner")])
        let m = try XCTUnwrap(store.member(groupID: "g1", memberID: "u1"))
        XCTAssertEqual(m.status, .left)
        // The join still tells us when and how the member came in.
        XCTAssertEqual(m.joinedAt, at("2026-11-23T07:00:00+08:00"))
        XCTAssertEqual(m.inviterID, "owner")
        XCTAssertEqual(m.firstSeen, at("2026-11-23T07:00:00+08:00"))
        XCTAssertEqual(m.lastSeen, at("2026-11-23T08:00:00+08:00"))
    }

    func testLeaveAt200ThenJoinAt150InOneBatch() throws {
        let store = try makeStore()
        let leave = Event(
            source: "t", externalID: "l", groupID: "g1", timestamp: Date(timeIntervalSince1970: 200), kind: .leave,
            memberID: "u1")
        let join = Event(
            source: "t", externalID: "j", groupID: "g1", timestamp: Date(timeIntervalSince1970: 150), kind: .join,
            memberID: "u1")
        try store.append([leave, join])
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.status, .left)
        XCTAssertEqual(try store.stats(groupID: "g1").first?.members, 0)
    }

    func testOlderBanDoesNotOverrideANewerRejoin() throws {
        let store = try makeStore()
        try store.append([event("rejoin", .join, "u1", "2026-11-23T09:00:00+08:00")])
        try store.append([event("ban", .ban, "u1", "2026-11-23T08:00:00+08:00", actor: "owner")])
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.status, .active)
    }

    func testMessagesBeforeTheJoinStillCount() throws {
        // A history export may list a member's messages before the join record that explains them.
        let store = try makeStore()
        try store.append([
            event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi"),
            event("j", .join, "u1", "2026-11-23T07:00:00+08:00", name: "小李"),
        ])
        let m = try XCTUnwrap(store.member(groupID: "g1", memberID: "u1"))
        XCTAssertEqual(m.status, .active)
        XCTAssertEqual(m.messageCount, 1)
        XCTAssertEqual(m.displayName, "小李", "a name learned later replaces the bare id")
        XCTAssertEqual(m.firstSeen, at("2026-11-23T07:00:00+08:00"))
    }
}
