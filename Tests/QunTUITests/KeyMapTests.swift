import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

final class KeyMapTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 140, height: 45)

    func testTheDefaultsHaveNoCollisionsAndNoUnboundCommands() {
        XCTAssertTrue(KeyMap.standard.collisions.isEmpty, "\(KeyMap.standard.collisions)")
        XCTAssertEqual(KeyMap.standard.unbound, [])
    }

    func testKeyNamesParseInEverySpellingAndPrintCanonically() {
        XCTAssertEqual(KeyName.parse("ctrl-d"), .control("d"))
        XCTAssertEqual(KeyName.parse("^D"), .control("d"))
        XCTAssertEqual(KeyName.parse("shift-tab"), .backTab)
        XCTAssertEqual(KeyName.parse("F1"), .function(1))
        XCTAssertEqual(KeyName.parse("space"), .character(" "))
        XCTAssertEqual(KeyName.parse("K"), .character("K"))
        XCTAssertNil(KeyName.parse("ctlr-d"))
        XCTAssertEqual(KeyName.name(of: .control("d")), "ctrl-d")
        XCTAssertEqual(KeyName.name(of: .pageDown), "pgdn")
    }

    func testAReboundKeyRunsItsCommandAndTheOldKeyNoLonger() throws {
        state.keyMap = try KeyMapFile.parse("[moderation]\nkick = \"ctrl-k\"\n[normal]\ndown = [\"j\", \"ctrl-n\"]\n", source: "keys.toml")
        press(.character("3"))
        XCTAssertEqual(press(.character("K")), [], "K was rebound away")
        XCTAssertNil(state.overlay)
        press(.control("k"))
        XCTAssertEqual(state.overlay, .confirm(caseIDs: [1], action: .kick))
        press(.escape, .control("n"))
        XCTAssertEqual(state.cursor(.moderation), 1)
        press(.down)
        XCTAssertEqual(state.cursor(.moderation), 1, "the arrow is no longer bound to down")
        press(.character("/"))
        press(.character("K"))
        XCTAssertEqual(state.input?.text, "K", "in a text field the old key types")
    }

    func testBadFilesNameTheFileLineAndAGuess() {
        func error(_ text: String) -> String {
            do {
                _ = try KeyMapFile.parse(text, source: "keys.toml")
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertEqual(error("[moderation]\n# kick with ctrl-d\nkick = \"ctlr-d\"\n"), "keys.toml:3: unknown key \"ctlr-d\" (did you mean ctrl-d?)")
        XCTAssertTrue(error("[moderation]\nkik = \"k\"\n").hasPrefix("keys.toml:2: unknown command \"kik\" in [moderation]"))
        XCTAssertTrue(error("[moderation]\nkik = \"k\"\n").contains("(did you mean kick?)"))
        XCTAssertEqual(error("[normal]\nkick = \"k\"\n"), "keys.toml:2: \"kick\" belongs in [moderation], not [normal]")
        XCTAssertTrue(error("[moderaton]\n").hasPrefix("keys.toml:1: unknown section [moderaton] (did you mean [moderation]?)"))
        XCTAssertEqual(error("[moderation]\nkick = \"x\"\n"), "keys.toml:2: \"x\" is bound to both reject and kick in [moderation]")
        XCTAssertEqual(error("[moderation]\nkick = [\n  \"a\",\n  \"ctrl-kk\",\n]\n"), "keys.toml:4: unknown key \"ctrl-kk\" (did you mean ctrl-k?)")
        XCTAssertTrue(error("[moderation\n").hasPrefix("keys.toml:1:"), error("[moderation\n"))
    }

    func testHelpAndFooterShowTheKeysInEffectAndHelpFiltersAsYouType() throws {
        state.keyMap = try KeyMapFile.parse("[moderation]\nkick = \"ctrl-k\"\n", source: "keys.toml")
        press(.character("3"))
        XCTAssertTrue(DashboardView.footerHints(state).contains { $0.0 == "Ctrl-k" && $0.1 == .keyKick })
        press(.character("?"))
        for c in "kick" { press(.character(c)) }
        let lines = HelpOverlay.lines(state).map(\.0)
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines[1].hasPrefix("Ctrl-k"), "\(lines)")
        XCTAssertTrue(lines[1].contains("kick (confirms)"))
        press(.backspace, .backspace, .backspace, .backspace)
        XCTAssertGreaterThan(HelpOverlay.lines(state).count, 50, "the whole help again")
    }

    func testDocsKeysMdHasTheGeneratedTables() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/keys.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let begin = try XCTUnwrap(text.range(of: KeyMapDocs.beginMarker + "\n"))
        let end = try XCTUnwrap(text.range(of: KeyMapDocs.endMarker))
        XCTAssertEqual(String(text[begin.upperBound..<end.lowerBound]), KeyMapDocs.markdown(.standard),
                       "docs/keys.md is out of date: regenerate it with scripts/regenerate-keys-doc.sh")
    }
}
