import Foundation
import XCTest

import QunCore
@testable import QunTUI

/// Renders views into an in-memory screen and compares the text with files in Golden/.
/// Run with QUNDECK_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
final class GoldenFrameTests: XCTestCase {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func assertFrame(_ state: AppState, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let screen = DashboardView.render(state)
        let text = screen.text()
        // Every row stays within the width, counted in terminal columns.
        for (i, row) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !row.isEmpty {
            XCTAssertLessThanOrEqual(DisplayWidthProbe.columns(String(row)), state.width, "row \(i) of \(name) overflows", file: file, line: line)
        }
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || (0x202A...0x202E).contains($0.value) },
                       "control or bidi characters reached the frame \(name)", file: file, line: line)
        let url = Self.goldenDirectory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["QUNDECK_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(url.path); run with QUNDECK_UPDATE_GOLDEN=1", file: file, line: line)
            return
        }
        if expected != text {
            XCTFail("frame \(name) differs from its golden file\n--- expected\n\(expected)\n--- actual\n\(text)", file: file, line: line)
        }
    }

    func keyed(_ state: AppState, _ keys: [Key]) -> AppState {
        var s = state
        for key in keys { _ = reduce(&s, .key(key)) }
        return s
    }

    // MARK: 140×45: all four panes

    func testGridAt140x45() { assertFrame(SampleDashboard.state(width: 140, height: 45), named: "grid-140x45") }

    func testGridInChinese() { assertFrame(SampleDashboard.state(width: 140, height: 45, language: .zh), named: "grid-140x45-zh") }

    func testGridWithModerationFocusedAndMarked() {
        assertFrame(keyed(SampleDashboard.state(width: 140, height: 45), [.character("3"), .character(" "), .character(" ")]), named: "grid-140x45-moderation-marked")
    }

    /// Platform actions per group (awaiting, failed in red, a group the bot was removed from) and the
    /// connector's heartbeat in the header, backing off after a 429.
    func testDeliveryAndConnectorStatus() {
        var state = SampleDashboard.state(width: 140, height: 45)
        let now = state.data.now
        state.data.delivery = [
            "zz-1": GroupDelivery(awaiting: 3), "car": GroupDelivery(awaiting: 1, failed: 2),
            "berlin": GroupDelivery(awaiting: 4, disconnected: "403 Forbidden: bot was kicked from the supergroup chat"),
        ]
        state.data.connectors = [
            ConnectorStatus(connector: "telegram:@qundeck_bot", platform: .telegram, state: .backingOff, until: now.addingTimeInterval(17 * 60),
                            heartbeatAt: now.addingTimeInterval(-3)),
        ]
        assertFrame(state, named: "grid-140x45-delivery")
        var quiet = SampleDashboard.state(width: 140, height: 45)
        quiet.data.delivery = ["zz-1": GroupDelivery(awaiting: 3)]
        XCTAssertFalse(DashboardView.render(quiet).text().contains(" Out "), "a narrow pane keeps group names readable when nothing failed")
        _ = reduce(&quiet, .key(.character("z")))
        XCTAssertTrue(DashboardView.render(quiet).text().contains(" Out "), "zoomed, the pane has room for the column")
        state.data.connectors[0].heartbeatAt = now.addingTimeInterval(-300)
        _ = reduce(&state, .resized(width: 100, height: 30))
        assertFrame(state, named: "activity-100x30-connector-stale")
    }

    /// The new-campaign form for a flash sale in 车友会, with a bad budget marked.
    func testCampaignForm() {
        var state = keyed(SampleDashboard.state(width: 140, height: 45), [.character("4"), .character("c"), .down, .enter])
        state = keyed(state, [.tab, .tab, .control("u"), .character("l"), .character("o"), .character("t"), .character("s"), .enter])
        assertFrame(state, named: "campaign-form-140x45")
        var zh = keyed(SampleDashboard.state(width: 80, height: 24, language: .zh), [.character("4"), .character("c"), .enter])
        zh = keyed(zh, [.tab])
        assertFrame(zh, named: "campaign-form-80x24-zh")
    }

    // MARK: 80×24: one pane at a time

    func testEachPaneAt80x24() {
        for (i, name) in ["activity", "checkins", "moderation", "campaigns"].enumerated() {
            assertFrame(keyed(SampleDashboard.state(width: 80, height: 24), [.character(Character(String(i + 1)))]), named: "pane-\(name)-80x24")
        }
    }

    func testEachPaneAt80x24InChinese() {
        for (i, name) in ["activity", "checkins", "moderation", "campaigns"].enumerated() {
            assertFrame(keyed(SampleDashboard.state(width: 80, height: 24, language: .zh), [.character(Character(String(i + 1)))]), named: "pane-\(name)-80x24-zh")
        }
    }

    func testTooSmall() { assertFrame(SampleDashboard.state(width: 60, height: 20), named: "too-small-60x20") }

    func testWide250x70() { assertFrame(SampleDashboard.state(width: 250, height: 70), named: "grid-250x70") }

    // MARK: overlays and detail views

    func testHelpOverlay() {
        assertFrame(keyed(SampleDashboard.state(width: 140, height: 45), [.character("?")]), named: "help-140x45")
        assertFrame(keyed(SampleDashboard.state(width: 80, height: 24), [.character("?")]), named: "help-80x24")
    }

    func testGroupSwitcher() {
        assertFrame(keyed(SampleDashboard.state(width: 80, height: 24), [.character("o"), .down, .down]), named: "group-switcher-80x24")
    }

    func testPalette() {
        assertFrame(keyed(SampleDashboard.state(width: 140, height: 45), [.character(":"), .character("t")]), named: "palette-140x45")
    }

    func testFilterInput() {
        assertFrame(keyed(SampleDashboard.state(width: 80, height: 24), [.character("/"), .character("金"), .character("水")]), named: "filter-activity-80x24")
    }

    func testDetailViews() {
        for (i, name) in ["activity", "checkins", "moderation", "campaigns"].enumerated() {
            for (w, h) in [(80, 24), (140, 45)] {
                var state = keyed(SampleDashboard.state(width: w, height: h), [.character(Character(String(i + 1))), .enter])
                if i == 2 { _ = reduce(&state, .contextLoaded(SampleDashboard.context)) }
                if i == 1 { _ = reduce(&state, .memberLoaded(SampleDashboard.profile)) }
                if i == 0 { _ = reduce(&state, .staffLoaded(SampleDashboard.staff)) }
                assertFrame(state, named: "detail-\(name)-\(w)x\(h)")
            }
        }
    }

    func testScopedToOneGroup() {
        var state = SampleDashboard.state(width: 140, height: 45)
        _ = reduce(&state, .key(.character(":")))
        for c in "group car" { _ = reduce(&state, .key(.character(c))) }
        _ = reduce(&state, .key(.enter))
        assertFrame(state, named: "grid-140x45-group-car")
    }
}

/// Column count of a rendered row, independent of the code under test's own width function.
enum DisplayWidthProbe {
    static func columns(_ row: String) -> Int {
        row.reduce(0) { total, ch in
            let scalars = ch.unicodeScalars
            let first = scalars.first!.value
            let wide = scalars.contains { $0.properties.isEmojiPresentation } || scalars.contains { $0.value == 0xFE0F }
                || (0x1100...0x115F).contains(first) || (0x2E80...0xA4CF).contains(first) || (0xAC00...0xD7A3).contains(first)
                || (0xF900...0xFAFF).contains(first) || (0xFE30...0xFE4F).contains(first) || (0xFF00...0xFF60).contains(first)
                || (0xFFE0...0xFFE6).contains(first) || (0x1F300...0x1F64F).contains(first) || (0x1F900...0x1F9FF).contains(first)
                || (0x20000...0x3FFFD).contains(first) || (0x1F1E6...0x1F1FF).contains(first) && scalars.count == 2
            return total + (wide ? 2 : 1)
        }
    }
}

extension GoldenFrameTests {
    func testBanConfirmationAndMutePrompt() {
        assertFrame(keyed(SampleDashboard.state(width: 80, height: 24), [.character("3"), .character(" "), .character(" "), .character("B")]), named: "confirm-ban-80x24")
        assertFrame(keyed(SampleDashboard.state(width: 80, height: 24), [.character("3"), .character("m")]), named: "mute-prompt-80x24")
    }
}

extension GoldenFrameTests {
    func testCampaignTemplatePickerAndTriggerConfirmation() {
        assertFrame(keyed(SampleDashboard.state(width: 140, height: 45), [.character("4"), .character("c")]), named: "campaign-templates-140x45")
        assertFrame(keyed(SampleDashboard.state(width: 80, height: 24), [.character("4"), .character("t")]), named: "campaign-trigger-80x24")
    }
}
