import Foundation
import XCTest

@testable import QunCore

final class MembershipTransitionTests: XCTestCase {
    func event(_ kind: EventKind, at seconds: Double, actor: String? = nil, via: JoinSource? = nil) -> Event {
        Event(source: "t", externalID: UUID().uuidString, groupID: "g", timestamp: Date(timeIntervalSince1970: seconds), kind: kind, memberID: "m", actorID: actor, via: via)
    }

    func testJoinRecordsInviterAndSource() {
        let s = MembershipTransition.apply(event(.join, at: 100, actor: "inviter", via: .inviteLink), to: nil)
        XCTAssertEqual(s.status, .active)
        XCTAssertEqual(s.inviterID, "inviter")
        XCTAssertEqual(s.joinSource, .inviteLink)
        XCTAssertEqual(s.joinedAt, Date(timeIntervalSince1970: 100))
    }

    func testAddedBySomeoneWithoutViaCountsAsAdded() {
        XCTAssertEqual(MembershipTransition.apply(event(.join, at: 1, actor: "a"), to: nil).joinSource, .added)
    }

    func testRequestThenJoinBecomesMember() {
        let pending = MembershipTransition.apply(event(.joinRequest, at: 10), to: nil)
        XCTAssertEqual(pending.role, .pending)
        let joined = MembershipTransition.apply(event(.join, at: 20, actor: "owner", via: .request), to: pending)
        XCTAssertEqual(joined.role, .member)
        XCTAssertEqual(joined.status, .active)
    }

    func testLeaveRemoveBan() {
        let member = MembershipTransition.apply(event(.join, at: 1), to: nil)
        XCTAssertEqual(MembershipTransition.apply(event(.leave, at: 2), to: member).status, .left)
        XCTAssertEqual(MembershipTransition.apply(event(.remove, at: 2), to: member).status, .removed)
        XCTAssertEqual(MembershipTransition.apply(event(.ban, at: 2), to: member).status, .banned)
    }

    func testAnOlderEventNeverOverridesANewerStatus() {
        let joined = MembershipTransition.apply(event(.join, at: 100), to: nil)
        let left = MembershipTransition.apply(event(.leave, at: 200), to: joined)
        // An import replays an older join after the leave.
        let replayed = MembershipTransition.apply(event(.join, at: 150), to: left)
        XCTAssertEqual(replayed.status, .left)
    }

    func testExplicitRoleDoesNotPromoteAPendingMember() {
        let pending = MembershipTransition.apply(event(.joinRequest, at: 10), to: nil)
        XCTAssertEqual(MembershipTransition.apply(event(.message, at: 11), to: pending, explicitRole: .admin).role, .pending)
        let owner = MembershipTransition.apply(event(.join, at: 1), to: nil, explicitRole: .owner)
        XCTAssertEqual(owner.role, .owner)
    }
}

extension MembershipTransitionTests {
    func testAMuteIsOverOnceItsEndHasPassed() {
        var m = Member(groupID: "g", memberID: "m", displayName: "小李", status: .muted, mutedUntil: Date(timeIntervalSince1970: 1_000),
                       firstSeen: Date(timeIntervalSince1970: 0), lastSeen: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(m.status(at: Date(timeIntervalSince1970: 999)), .muted)
        XCTAssertEqual(m.status(at: Date(timeIntervalSince1970: 1_000)), .active)
        m.status = .banned
        XCTAssertEqual(m.status(at: Date(timeIntervalSince1970: 5_000)), .banned)
    }
}
