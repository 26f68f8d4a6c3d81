import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

/// Destructive and bulk actions ask first, name who and where, and only a deliberate y confirms.
final class ConfirmationTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 80, height: 24)

    func testKickDeleteAndRejectAskFirstAndEnterDoesNotConfirm() {
        press(.character("3"))
        for (key, action) in [("K", ModerationAction.kick), ("d", .delete), ("x", .reject), ("B", .ban)] {
            XCTAssertEqual(press(.character(Character(key))), [], "\(key) does nothing before the dialog")
            XCTAssertEqual(state.overlay, .confirm(caseIDs: [1], action: action))
            XCTAssertEqual(press(.enter), [], "Enter alone never confirms \(action.name)")
            XCTAssertEqual(state.overlay, .confirm(caseIDs: [1], action: action), "the dialog stays after Enter")
            XCTAssertEqual(state.status?.text, "press y to confirm, n or Esc to cancel")
            XCTAssertEqual(press(.escape), [])
            XCTAssertNil(state.overlay)
        }
        press(.character("K"))
        XCTAssertEqual(press(.character("y")), [.moderate(caseIDs: [1], action: .kick)])
    }

    func testSingleReversibleActionsActAtOnce() {
        press(.character("3"))
        XCTAssertEqual(press(.character("w")), [.moderate(caseIDs: [1], action: .warn)])
        XCTAssertEqual(press(.character("a")), [.moderate(caseIDs: [1], action: .approve)])
    }

    func testABulkMuteAsksAfterTheDuration() {
        press(.character("3"), .character(" "), .character(" "), .character("m"))
        XCTAssertEqual(press(.enter), [])
        XCTAssertEqual(state.overlay, .confirm(caseIDs: [1, 2], action: .mute(seconds: 3600)))
        XCTAssertEqual(press(.character("y")), [.moderate(caseIDs: [1, 2], action: .mute(seconds: 3600))])
    }

    func testNoConfirmActsAtOnceExceptBan() {
        state.confirmsActions = false
        press(.character("3"))
        XCTAssertEqual(press(.character("K")), [.moderate(caseIDs: [1], action: .kick)])
        press(.character(" "), .character(" "))
        XCTAssertEqual(press(.character("w")), [.moderate(caseIDs: [1, 2], action: .warn)])
        XCTAssertEqual(press(.character("B")), [], "ban still asks")
    }

    func testCampaignTriggerAndCancelNeedY() {
        press(.character("4"), .character("t"))
        XCTAssertEqual(press(.enter), [])
        XCTAssertEqual(state.overlay, .confirmCampaign(id: "flash", command: .trigger))
        XCTAssertEqual(press(.character("y")), [.campaign(id: "flash", command: .trigger)])
    }

    func testTheFooterCountsTaggedItems() {
        press(.character("3"), .character(" "), .character(" "))
        let footer = DashboardView.render(state).text().split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footer.hasPrefix(" 2 tagged "), footer)
    }

    func testTheDialogNamesMembersGroupsAndTheConsequence() {
        press(.character("3"), .character(" "), .character(" "), .character("K"))
        let text = DashboardView.render(state).text()
        XCTAssertTrue(text.contains("Kick 2 items?"), text)
        XCTAssertTrue(text.contains("A00批发零售 · 郑州·金水花园1群"), text)
        XCTAssertTrue(text.contains("Lucky🍀 · 车友会·周末自驾 🚗"), text)
        XCTAssertTrue(text.contains("removed from the group; they can be invited back"), text)
        XCTAssertTrue(text.contains("2 members in 2 groups"), text)
        XCTAssertFalse(text.contains("Enter ✓"), "the dialog does not offer Enter:\n\(text)")
    }
}

extension ConfirmationTests {
    func testSpaceTagsCampaignsAndPPausesOrResumesEachAfterY() {
        state = SampleDashboard.state(width: 140, height: 45)
        var data = state.data
        data.campaigns[1].campaign.status = .paused
        _ = reduce(&state, .loaded(data))
        press(.character("4"), .character(" "), .character(" "))
        XCTAssertEqual(state.taggedCampaigns, ["flash", "ref"])
        let footer = DashboardView.render(state).text().split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footer.hasPrefix(" 2 tagged "), footer)
        XCTAssertEqual(press(.character("p")), [], "tagged campaigns ask first")
        XCTAssertEqual(state.overlay, .confirmCampaigns(ids: ["flash", "ref"], command: .pause))
        let text = DashboardView.render(state).text()
        XCTAssertTrue(text.contains("爆品秒杀·红包雨🧧 · 郑州·金水花园1群, 车友会·周末自驾 🚗 → pause"), text)
        XCTAssertTrue(text.contains("拉新有礼·邀20人送油 · 郑州·金水花园1群 → resume"), text)
        XCTAssertEqual(press(.enter), [])
        XCTAssertEqual(press(.character("y")), [.campaign(id: "flash", command: .pause), .campaign(id: "ref", command: .resume)])
        XCTAssertTrue(state.taggedCampaigns.isEmpty)
    }

    func testEscClearsCampaignTags() {
        press(.character("4"), .character(" "), .escape)
        XCTAssertTrue(state.taggedCampaigns.isEmpty)
        XCTAssertEqual(press(.character("p")), [.campaign(id: "ref", command: .pause)], "untagged, p acts on the campaign under the cursor (Space moved it down)")
    }
}
