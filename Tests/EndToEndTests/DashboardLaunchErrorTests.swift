import Foundation
import XCTest

/// The dashboard refuses to start, with a message that says why and what to do, when it has no terminal
/// or no data. Most run the binary as a plain child process; the ones about the demo offer, which is only
/// made at a terminal, use tmux.
final class DashboardLaunchErrorTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "launch")
    }

    override func tearDown() {
        scratch?.remove()
        super.tearDown()
    }

    func testDashboardWithoutATerminalExits1AndSaysItNeedsOne() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        // Pipes on all three streams, as in a script or a CI job: nothing is a TTY.
        let process = Process()
        process.executableURL = try QundeckBinary.require()
        process.arguments = ["tui", "--store", store]
        process.environment = CLI.environment(home: scratch.url, extra: ["TERM": "xterm-256color"])
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try stdin.fileHandleForWriting.close()
        let finished = CLI.waitForExit(process, timeout: 30)
        // The outputs are a line or two: reading after the exit cannot deadlock on a full pipe.
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        XCTAssertTrue(finished, "the dashboard hung without a terminal instead of exiting")
        XCTAssertEqual(process.terminationStatus, 1, "stderr: \(err)")
        XCTAssertTrue(err.contains("needs a terminal"), "stderr: \(err)")
        XCTAssertFalse(out.contains("\u{1B}["), "no escape sequences were written to a non-terminal stdout: \(out.debugDescription)")
    }

    func testDashboardOnAMissingStoreExits1AndPointsAtTheDemo() throws {
        let missing = scratch.path("nothing-here.sqlite")
        let result = try CLI.run(["tui", "--store", missing], in: scratch, timeout: 30)
        XCTAssertEqual(result.status, 1, "stderr: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("qundeck demo"), "the message tells the user how to get data: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("qundeck ingest"), "the message tells the user how to get data: \(result.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "looking at a missing store must not create it")
    }

    func testDashboardOnAnEmptyStoreExits1AndPointsAtTheDemo() throws {
        // A store that exists but holds nothing: what `ingest` leaves after an empty feed file.
        let store = scratch.path("empty.sqlite")
        let emptyFeed = try scratch.write("empty.jsonl", "")
        let ingest = try CLI.run(["ingest", emptyFeed, "--store", store, "--quiet"], in: scratch)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store), "ingest creates the store")

        let result = try CLI.run(["tui", "--store", store], in: scratch, timeout: 30)
        XCTAssertEqual(result.status, 1, "stderr: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("is empty"), "stderr: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("qundeck demo"), "stderr: \(result.stderr)")
    }

    func testDashboardOnAMissingStoreInATerminalExplainsAndExits1WhenTheDemoOfferIsDeclined() throws {
        // At a terminal the app explains, then offers to build the demo; declining leaves everything as it was.
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        let missing = scratch.path("nothing-here.sqlite")
        // The pane stays after the app exits so its last words can still be read.
        try dashboard.start(["tui", "--store", missing], width: 100, height: 20, keepPaneAfterExit: true)
        let prompt = try dashboard.waitForText("[y/N]")
        XCTAssertTrue(prompt.contains("qundeck demo"), "the terminal shows what to do:\n\(prompt.text)")
        try dashboard.type("n")
        try dashboard.press("Enter")
        XCTAssertEqual(dashboard.waitForExitStatus(timeout: 15), 1)
        let screen = try dashboard.captureWithHistory()
        XCTAssertTrue(screen.contains("is empty"), "the terminal shows why:\n\(screen.text)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "declining the offer creates no store")
    }

    func testDashboardOnAMissingStoreInATerminalBuildsTheDemoWhenAccepted() throws {
        let dashboard = try TmuxDashboard(scratch: scratch)
        defer { dashboard.kill() }
        let missing = scratch.path("fresh.sqlite")
        try dashboard.start(["tui", "--store", missing])
        try dashboard.waitForText("[y/N]")
        try dashboard.type("y")
        try dashboard.press("Enter")
        // Building the demo takes several seconds in a debug build on a slow machine.
        try dashboard.waitForScreen("the dashboard on the new demo store", timeout: 60) {
            ["1 Activity", "2 Check-ins", "3 Moderation", "4 Campaigns"].allSatisfy($0.contains) && $0.contains(DemoFixture.jinshuiGroupName)
        }
        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0)
        let groups = try CLI.run(["groups", "--json", "--store", missing], in: scratch)
        XCTAssertEqual(groups.status, 0, groups.stderr)
        XCTAssertGreaterThanOrEqual((try CLI.json(groups) as? [Any])?.count ?? 0, 6, "the accepted demo is in the store")
    }
}
