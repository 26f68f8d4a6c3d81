import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

/// The cursor follows the item, not the row number, in every pane: after a reload that re-sorts a list,
/// the next key acts on the item the admin selected.
final class SelectionIdentityTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 140, height: 45)

    func testPausedCampaignReSortedByTheStoreKeepsTheCursor() {
        press(.character("4"), .down)  // on "ref"
        XCTAssertEqual(press(.character("p")), [.campaign(id: "ref", command: .pause)])
        // The store sorts paused campaigns after running and scheduled ones.
        var data = state.data
        data.campaigns[1].campaign.status = .paused
        data.campaigns.append(data.campaigns.remove(at: 1))
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(state.selectedIdentity(.campaigns), .campaign("ref"))
        XCTAssertEqual(press(.character("p")), [.campaign(id: "ref", command: .resume)], "p again acts on the same campaign")
        XCTAssertNil(state.status, "nothing left the list")
    }

    func testNewCampaignInsertedAboveDoesNotMoveTheCursorOffItsCampaign() {
        press(.character("4"), .down, .down)  // on "lottery"
        var data = state.data
        var created = data.campaigns[0]
        created.campaign.id = "new"
        data.campaigns.insert(created, at: 0)
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(state.cursor(.campaigns), 3)
        press(.character("t"))
        XCTAssertEqual(state.overlay, .confirmCampaign(id: "lottery", command: .trigger))
    }

    func testActivityReSortKeepsTheSelectedGroup() {
        press(.down, .down)
        let selected = state.selectedIdentity(.activity)
        press(.character("s"))
        XCTAssertEqual(state.selectedIdentity(.activity), selected)
        XCTAssertNotEqual(state.activitySort, .lastHour)
    }

    func testCheckinMemberKeepsTheCursorWhenRowsReorder() {
        press(.character("2"), .down)
        let selected = state.selectedIdentity(.checkins)
        var data = state.data
        data.checkinMembers.reverse()
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(state.selectedIdentity(.checkins), selected)
    }

    func testItemThatLeavesGoesToItsNeighbourAndTheStatusSaysSo() {
        press(.character("4"), .down)  // on "ref"
        var data = state.data
        data.campaigns.remove(at: 1)  // deleted by another process
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(state.selectedIdentity(.campaigns), .campaign("lottery"), "the next item, not the previous one")
        XCTAssertEqual(state.status?.level, .warn)
        XCTAssertEqual(state.status?.text, "拉新有礼·邀20人送油 left the list · now on Christmas lottery 🎄")
    }

    func testLastItemThatLeavesGoesToThePreviousOne() {
        press(.character("4"), .character("G"))
        var data = state.data
        data.campaigns.removeLast()
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(state.selectedIdentity(.campaigns), .campaign("ref"))
    }

    func testAQueueItemTheAdminResolvedLeavesQuietly() {
        press(.character("3"), .down)
        XCTAssertEqual(press(.character("a")), [.moderate(caseIDs: [2], action: .approve)])
        _ = reduce(&state, .moderated("approve #2"))
        var data = state.data
        data.queue.remove(at: 1)
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(selectedQueueItem(state)?.id, 3)
        XCTAssertEqual(state.status?.text, "approve #2", "the action's own status stays")
    }

    func testAQueueItemResolvedElsewhereIsAnnounced() {
        press(.character("3"), .down)
        var data = state.data
        data.queue.remove(at: 1)
        _ = reduce(&state, .loaded(data))
        XCTAssertEqual(selectedQueueItem(state)?.id, 3)
        XCTAssertEqual(state.status?.text, "#2 left the list · now on #3")
    }
}
