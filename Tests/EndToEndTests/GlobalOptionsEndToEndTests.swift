import Foundation
import XCTest

/// Options every command shares work before the subcommand too, as with git or kubectl.
final class GlobalOptionsEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "global")
    }

    override func tearDown() {
        scratch?.remove()
        super.tearDown()
    }

    func testStoreBeforeTheSubcommandBuildsTheDemoThere() throws {
        let store = scratch.path("before.sqlite")
        let result = try CLI.run(
            ["--store", store, "demo", "--no-tui", "--seed", DemoFixture.seed, "--now", DemoFixture.now, "--quiet"], in: scratch, timeout: 120)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store))
    }

    func testStoreAndJSONBeforeANestedSubcommand() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let result = try CLI.run(["--store=\(store)", "--json", "mod", "list", "--limit", "2"], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        let items = try XCTUnwrap(try CLI.json(result) as? [Any])
        XCTAssertEqual(items.count, 2)
    }

    func testAnOptionACommandDoesNotTakeIsStillAnError() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let result = try CLI.run(["--store", store, "--theme", "mono", "groups"], in: scratch)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--theme"), result.stderr)
    }

    func testLangBeforeTheDashboardSubcommand() throws {
        _ = try TmuxDashboard.requireTmux()
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        try dashboard.start(["--lang", "zh", "--store", store, "tui"])
        try dashboard.waitForText("1 群活跃")
    }
}
