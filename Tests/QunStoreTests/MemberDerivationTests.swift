import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The members table as ingest derives it from joins, requests, leaves, renames and messages.
class MemberDerivationTests: StoreContractTestCase {
    func members(_ store: any QundeckStore) throws -> [String: Member] {
        Dictionary(uniqueKeysWithValues: try store.members(groupID: "g1").map { ($0.memberID, $0) })
    }

    func testMessageCountsPerMember() throws {
        let members = try members(makeCommunityStore())
        XCTAssertEqual(members["alice"]?.messageCount, 3)
        XCTAssertEqual(members["bob"]?.messageCount, 2)
        XCTAssertEqual(members["carol"]?.messageCount, 2)
        XCTAssertEqual(members["dave"]?.messageCount, 0)
        XCTAssertEqual(members.count, 9, "owner alice carol bob dave erin frank gina hank")
    }

    func testStatusTransitions() throws {
        let members = try members(makeCommunityStore())
        XCTAssertEqual(members["alice"]?.status, .active)
        XCTAssertEqual(members["frank"]?.status, .left)
        XCTAssertEqual(members["gina"]?.status, .removed)
        XCTAssertEqual(members["hank"]?.status, .banned)
        XCTAssertEqual(members["frank"]?.joinedAt, at("2026-11-23T10:00:00+08:00"))
        XCTAssertEqual(members["frank"]?.firstSeen, at("2026-11-23T10:00:00+08:00"))
        XCTAssertEqual(members["frank"]?.lastSeen, at("2026-11-23T10:30:00+08:00"))
    }

    func testJoinRequestIsPendingUntilTheJoin() throws {
        let members = try members(makeCommunityStore())
        // erin only asked; dave asked and was let in.
        XCTAssertEqual(members["erin"]?.role, .pending)
        XCTAssertEqual(members["erin"]?.status, .active)
        XCTAssertEqual(members["erin"]?.joinSource, .request)
        XCTAssertNil(members["erin"]?.joinedAt)
        XCTAssertEqual(members["dave"]?.role, .member)
        XCTAssertEqual(members["dave"]?.status, .active)
        XCTAssertEqual(members["dave"]?.joinedAt, at("2026-11-23T07:30:00+08:00"))
        XCTAssertEqual(members["dave"]?.inviterID, "owner", "approved by the owner")
    }

    func testPendingMembersAreNotCountedAsMembers() throws {
        let store = try makeCommunityStore()
        // In the group: owner, alice, carol, bob, dave. Not: erin (pending), frank, gina, hank (gone).
        XCTAssertEqual(try store.stats(groupID: "g1", now: Community.now).first?.members, 5)
    }

    func testInviterAndJoinSource() throws {
        let members = try members(makeCommunityStore())
        XCTAssertEqual(members["alice"]?.inviterID, "owner")
        XCTAssertEqual(members["alice"]?.joinSource, .inviteLink)
        // Added by alice with no `via`: counts as added, with alice credited.
        XCTAssertEqual(members["carol"]?.inviterID, "alice")
        XCTAssertEqual(members["carol"]?.joinSource, .added)
        XCTAssertEqual(members["bob"]?.joinSource, .qr)
        XCTAssertNil(members["bob"]?.inviterID)
    }

    func testRenameUpdatesTheNicknameAndKeepsTheDisplayName() throws {
        let members = try members(makeCommunityStore())
        let bob = try XCTUnwrap(members["bob"])
        XCTAssertEqual(bob.displayName, "Bob")
        XCTAssertEqual(bob.nickname, "郑州+金水+小波")
        XCTAssertEqual(bob.shownName, "郑州+金水+小波")
    }

    func testOlderRenameDoesNotOverwriteANewerName() throws {
        let store = try makeStore()
        try store.append([
            event("j", .join, "u1", "2026-11-23T07:00:00+08:00", name: "小李"),
            event("r2", .rename, "u1", "2026-11-23T09:00:00+08:00", name: "郑州+金水+小李"),
            event("r1", .rename, "u1", "2026-11-23T08:00:00+08:00", name: "金水小李"),
        ])
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.nickname, "郑州+金水+小李")
    }

    func testOwnerRoleFromTheFeedMarksTheGroupOwner() throws {
        let store = try makeCommunityStore()
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "owner")?.role, .owner)
        XCTAssertEqual(try store.group(id: "g1")?.ownerID, "owner")
    }

    func testMembersAreListedMostRecentlySeenFirst() throws {
        let store = try makeCommunityStore()
        let ids = try store.members(groupID: "g1").map(\.memberID)
        XCTAssertEqual(ids.first, "alice", "alice spoke last, at 21:10")
        XCTAssertEqual(try store.members(groupID: "g1", limit: 2, offset: 1).count, 2)
        XCTAssertEqual(try store.members(groupID: "g1", limit: 2, offset: 1).map(\.memberID), Array(ids[1...2]))
    }

    func testGroupsAreCreatedFromTheirFirstEvent() throws {
        let store = try makeCommunityStore()
        let g1 = try XCTUnwrap(store.group(id: "g1"))
        XCTAssertEqual(g1.name, Community.groupName)
        XCTAssertEqual(g1.platform, .wechat)
        XCTAssertEqual(g1.timeZoneID, "Asia/Shanghai")
        let g2 = try XCTUnwrap(store.group(id: "g2"))
        XCTAssertEqual(g2.name, "Berlin 华人群")
        XCTAssertEqual(g2.platform, .telegram)
        XCTAssertEqual(g2.timeZoneID, "Europe/Berlin")
    }

    func testGroupWithoutAnyNameIsNamedByItsID() throws {
        let store = try makeStore()
        try store.append([event("e", .message, "u1", "2026-11-23T08:00:00+08:00", group: "g9", text: "hi")])
        XCTAssertEqual(try store.group(id: "g9")?.name, "g9")
        XCTAssertEqual(try store.group(id: "g9")?.timeZoneID, Group.defaultTimeZoneID)
    }

    func testEmptyGroupNameFallsBackToTheGroupID() throws {
        // The feed allows "group_name": "" (optional strings may be empty). Renames ignore empty names
        // (EventWriter.ensureGroup), so a new group must not be created with an empty, invisible name either.
        let store = try makeStore()
        try store.append([event("e", .message, "u1", "2026-11-23T08:00:00+08:00", group: "g9", text: "hi", groupName: "")])
        XCTAssertEqual(try store.group(id: "g9")?.name, "g9")
    }

    func testLaterGroupNameRenamesTheGroup() throws {
        let store = try makeStore()
        try store.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "a", groupName: "旧名")])
        try store.append([event("e2", .message, "u1", "2026-11-23T09:00:00+08:00", text: "b", groupName: "新名")])
        XCTAssertEqual(try store.group(id: "g1")?.name, "新名")
    }
}

extension MemberDerivationTests {
    func testAnOlderEventDoesNotBringBackAnOldGroupName() throws {
        let store = try makeStore()
        try store.append([event("n2", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi", groupName: "金水花园1群（新）")])
        try store.append([event("n1", .message, "u1", "2026-11-01T08:00:00+08:00", text: "hi", groupName: "金水花园1群")])
        XCTAssertEqual(try store.group(id: "g1")?.name, "金水花园1群（新）")
        try store.append([event("n3", .message, "u1", "2026-11-24T08:00:00+08:00", text: "hi", groupName: "金水花园一群")])
        XCTAssertEqual(try store.group(id: "g1")?.name, "金水花园一群")
    }
}
