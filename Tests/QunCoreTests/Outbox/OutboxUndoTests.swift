import XCTest

@testable import QunCore

/// Undo of an action's platform side: cancel what never left, reverse what reached the group.
final class OutboxUndoTests: XCTestCase {
    let chat = PlatformID.number(-100_1)
    let user = PlatformID.number(9)

    func testUnsentItemsAreOnlyCancelled() {
        let plan = OutboxUndo.plan(
            [(1, .approveJoinRequest(chat: chat, user: user), .pending), (2, .removeMember(chat: chat, user: user), .held)],
            memberStatusBefore: .active)
        XCTAssertEqual(plan.cancel, [1, 2])
        XCTAssertEqual(plan.reverse, [], "an applicant never let in is not removed; a kick never sent is not lifted")
    }

    func testSentOrPossiblySentItemsAreReversed() {
        let plan = OutboxUndo.plan(
            [
                (1, .restrictMember(chat: chat, user: user, permissions: .muted, until: nil), .sent),
                (2, .banMember(chat: chat, user: user, until: nil, revokeMessages: false), .unknown),
                (3, .approveJoinRequest(chat: chat, user: user), .claimed),
            ], memberStatusBefore: .active)
        XCTAssertEqual(plan.cancel, [])
        XCTAssertEqual(plan.reverse, [.liftRestrictions(chat: chat, user: user), .unbanMember(chat: chat, user: user), .removeMember(chat: chat, user: user)])
    }

    func testAMemberBannedBeforeStaysBanned() {
        let plan = OutboxUndo.plan([(1, .banMember(chat: chat, user: user, until: nil, revokeMessages: false), .sent)], memberStatusBefore: .banned)
        XCTAssertEqual(plan.reverse, [])
    }

    func testWhatThePlatformCannotUndoIsSaid() {
        let plan = OutboxUndo.plan(
            [(1, .deleteMessages(chat: chat, ids: [.number(5)]), .sent), (2, .declineJoinRequest(chat: chat, user: user), .sent),
             (3, .deleteMessages(chat: chat, ids: [.number(6)]), .failed)],
            memberStatusBefore: nil)
        XCTAssertEqual(plan.reverse, [])
        XCTAssertEqual(plan.notes.count, 2, "a failed delete changed nothing on the platform")
        XCTAssertTrue(plan.notes[0].contains("deleted message"))
        XCTAssertTrue(plan.notes[1].contains("invite the member again"))
    }
}
