import Foundation
import XCTest

/// keys.toml in $XDG_CONFIG_HOME/qundeck changes what keys do in the real dashboard, and a bad one stops
/// it with the file, line and a guess.
final class KeyMapEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "keys")
    }

    override func tearDown() {
        scratch?.remove()
        super.tearDown()
    }

    private func writeKeys(_ text: String) throws -> String {
        let dir = scratch.url.appendingPathComponent("xdg-config/qundeck")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("keys.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testAReboundKeyWorksInTheDashboardAndTheHelpShowsIt() throws {
        _ = try TmuxDashboard.requireTmux()
        _ = try writeKeys("[moderation]\nkick = \"ctrl-k\"\n")
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        try dashboard.start(["--store", store], width: 80, height: 24)
        try dashboard.waitForText("3 Moderation")
        try dashboard.press("3")
        try dashboard.waitForText("Ctrl-k kick")
        try dashboard.press("K")
        try dashboard.press("C-k")
        try dashboard.waitForText("Kick 1 item?")
        try dashboard.press("Escape")
        try dashboard.press("?")
        try dashboard.type("kick")
        let help = try dashboard.waitForText("/kick")
        XCTAssertTrue(help.contains("Ctrl-k"), help.text)
    }

    func testABadKeysFileStopsTheDashboardWithFileLineAndAGuess() throws {
        let path = try writeKeys("[moderation]\n# my keys\nkick = \"ctlr-k\"\n")
        let expected = "\(path):3: unknown key \"ctlr-k\" (did you mean ctrl-k?)"
        let result = try CLI.run(["keys"], in: scratch)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(expected), result.stderr)

        _ = try TmuxDashboard.requireTmux()
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        try dashboard.start(["--store", store], width: 200, height: 24, keepPaneAfterExit: true)
        XCTAssertEqual(dashboard.waitForExitStatus(timeout: 15), 1)
        let screen = try dashboard.captureWithHistory()
        XCTAssertTrue(screen.text.replacingOccurrences(of: "\n", with: "").contains("unknown key \"ctlr-k\" (did you mean ctrl-k?)"), screen.text)
    }
}
