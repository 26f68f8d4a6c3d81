import Foundation
import XCTest

@testable import QunTUI

final class SettingsTests: XCTestCase {
    func testParseAndWriteBack() throws {
        let settings = try Settings.parse("theme = \"solarized-dark\"\nmouse = false\n", source: "config.toml")
        XCTAssertEqual(settings, Settings(theme: "solarized-dark", mouse: false, confirm: true))
        XCTAssertEqual(try Settings.parse(settings.toml, source: "config.toml"), settings)
    }

    func testMistakesNameTheLine() {
        XCTAssertThrowsError(try Settings.parse("theme = \"x\"\nmose = true\n", source: "config.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("config.toml:2: unknown setting \"mose\" (did you mean mouse?)"), "\(error)")
        }
        XCTAssertThrowsError(try Settings.parse("confirm = 1\n", source: "config.toml")) { error in
            XCTAssertEqual("\(error)", "config.toml:1: confirm: expected true or false")
        }
    }

    func testSaveReplacesTheFileWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qundeck-settings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("qundeck/config.toml")
        try Settings(theme: "mono").save(to: url)
        try Settings(theme: "light", mouse: false).save(to: url)
        XCTAssertEqual(try Settings.load(from: url), Settings(theme: "light", mouse: false))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["config.toml"], "no temporary left")
    }
}
