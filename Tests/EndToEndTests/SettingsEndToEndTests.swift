import Foundation
import XCTest

/// The mouse in a real terminal, and what config.toml remembers between runs (the theme from :theme).
final class SettingsEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!
    private var store: String!

    override func setUpWithError() throws {
        _ = try TmuxDashboard.requireTmux()
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "settings")
        store = try DemoStoreTemplate.shared.copy(into: scratch)
    }

    override func tearDown() {
        scratch?.remove()
        super.tearDown()
    }

    private var configFile: URL { scratch.url.appendingPathComponent("xdg-config/qundeck/config.toml") }

    /// A left click as the terminal reports it (X10 encoding, which tmux's "screen" terminfo names).
    /// tmux reads an argument ending in ";" as a command separator, so y must not be 26.
    private func click(_ dashboard: TmuxDashboard, x: Int, y: Int) throws {
        XCTAssertNotEqual(33 + y, 59)
        let bytes = "\u{1B}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        try dashboard.type(bytes)
    }

    func testAClickFocusesThePaneAndSelectsTheRowUnlessTheMouseIsOff() throws {
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        try dashboard.start(["--store", store])
        let first = try dashboard.waitForText("3 Moderation")
        let body = try XCTUnwrap(first.lines.firstIndex { $0.contains("┌─ 3 Moderation") }) + 4  // third row of the list
        try click(dashboard, x: 10, y: body)
        let clicked = try dashboard.waitForText("a approve")
        XCTAssertTrue(clicked.lines.contains { $0.contains("─ 3/") }, "the third row is selected:\n\(clicked.text)")
        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0)

        try FileManager.default.createDirectory(at: configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "mouse = false\n".write(to: configFile, atomically: true, encoding: .utf8)
        let off = try TmuxDashboard(scratch: scratch)
        defer { off.kill() }
        try off.start(["--store", store])
        try off.waitForText("3 Moderation")
        try click(off, x: 10, y: body)
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertFalse(try off.capture().contains("a approve"), "with mouse = false a click does not focus Moderation")
    }

    func testTheThemeChosenWithThePaletteIsRememberedForTheNextRun() throws {
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        try dashboard.start(["--store", store])
        try dashboard.waitForText("1 Activity")
        try dashboard.press(":")
        try dashboard.type("theme mono")
        try dashboard.press("Enter")
        try dashboard.waitForText("mono")
        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0)
        let saved = try String(contentsOf: configFile, encoding: .utf8)
        XCTAssertTrue(saved.contains("theme = \"mono\""), saved)

        let again = try TmuxDashboard(scratch: scratch)
        defer { again.kill() }
        try again.start(["--store", store])
        try again.waitForText("1 Activity")
        try again.press(":")
        try again.type("theme ")
        let palette = try again.waitForText("mono")
        XCTAssertTrue(palette.lines.contains { $0.contains("mono") && $0.contains("✓") }, "the palette marks the theme in use:\n\(palette.text)")
    }

    func testABadConfigFileStopsWithItsLine() throws {
        try FileManager.default.createDirectory(at: configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "theme = \"mono\"\nmouse = \"no\"\n".write(to: configFile, atomically: true, encoding: .utf8)
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        try dashboard.start(["--store", store], width: 200, height: 20, keepPaneAfterExit: true)
        XCTAssertEqual(dashboard.waitForExitStatus(timeout: 15), 1)
        let screen = try dashboard.captureWithHistory()
        XCTAssertTrue(screen.text.contains("config.toml:2: mouse: expected true or false"), screen.text)
    }
}
