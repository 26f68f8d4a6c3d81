import Foundation
import XCTest

import QunCore
@testable import QunTUI

/// Several admins on one store: rows someone else has claimed, and the status when another admin got to an
/// item first.
extension GoldenFrameTests {
    /// Case 1 claimed by 小王, case 3 by this dashboard's own actor.
    static func claimedQueue(width: Int, height: Int, language: Language = .en) -> AppState {
        var state = SampleDashboard.state(width: width, height: height, language: language)
        state.actor = "老李"
        state.data.queue[0].item.claimedBy = "小王"
        state.data.queue[2].item.claimedBy = "老李"
        return state
    }

    func testAClaimedRowSaysWhoIsOnIt() {
        // A whole-width pane says it in words…
        assertFrame(keyed(Self.claimedQueue(width: 140, height: 45), [.character("3"), .character("z")]), named: "pane-moderation-140x45-claimed")
        // …a narrow one with a lock.
        assertFrame(keyed(Self.claimedQueue(width: 80, height: 24), [.character("3")]), named: "pane-moderation-80x24-claimed")
        assertFrame(keyed(Self.claimedQueue(width: 80, height: 24, language: .zh), [.character("3")]), named: "pane-moderation-80x24-claimed-zh")
    }

    func testAConflictSaysWhoGotThereFirstInTheGroupsZone() {
        var state = keyed(SampleDashboard.state(width: 80, height: 24), [.character("3")])
        // Case 2 is in 车友会, whose clock is the sample's Asia/Shanghai: 12:02 there.
        let at = ISO8601DateFormatter().date(from: "2026-11-23T04:02:00Z")!
        let effects = reduce(&state, .conflict(ModerationConflict(caseID: 2, actor: "小王", reason: .handled(action: "ban", at: at))))
        XCTAssertEqual(effects, [.reload], "the pane reads again what changed")
        XCTAssertEqual(state.status?.text, "#2: handled by 小王 (ban) at 12:02")
        assertFrame(state, named: "conflict-status-80x24")
    }
}
