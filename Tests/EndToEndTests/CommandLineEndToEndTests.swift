import Foundation
import XCTest

/// The scriptable side of qundeck, run as a real binary: demo, groups, members, stats, ingest, export,
/// and what happens on misuse. Output is checked through the `--json` commands scripts would use.
final class CommandLineEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "cli")
    }

    override func tearDown() {
        scratch?.remove()
        super.tearDown()
    }

    // MARK: helpers

    @discardableResult
    private func runOK(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        let result = try CLI.run(arguments, in: scratch)
        XCTAssertFalse(result.timedOut, "qundeck \(arguments.joined(separator: " ")) timed out", file: file, line: line)
        XCTAssertEqual(result.status, 0, "qundeck \(arguments.joined(separator: " ")) failed: \(result.stderr)", file: file, line: line)
        return result
    }

    private func stats(_ store: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try runOK(["stats", "--json", "--store", store], file: file, line: line)
        return try XCTUnwrap(try CLI.json(result, file: file, line: line) as? [String: Any], file: file, line: line)
    }

    private func totalEvents(_ store: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let report = try stats(store, file: file, line: line)
        let totals = try XCTUnwrap(report["totals"] as? [String: Any], "stats --json has totals", file: file, line: line)
        return try XCTUnwrap(totals["events"] as? Int, "totals.events is a number", file: file, line: line)
    }

    /// One valid feed line for a small test group.
    private func feedLine(_ n: Int, group: String = "cli-group") -> String {
        let ts = String(format: "2026-11-20T09:%02d:00+08:00", n % 60)
        return #"{"v":1,"id":"cli-\#(n)","source":"e2e","group":"\#(group)","group_name":"命令行测试群","ts":"\#(ts)","kind":"message","member":"m\#(n % 3)","member_name":"成员\#(n % 3)","text":"第\#(n)条"}"#
    }

    // MARK: demo and listings

    func testDemoWithTheSameSeedAndClockBuildsTheSameStore() throws {
        // The shared template was built with exactly these arguments; build a second store from scratch.
        let first = try DemoStoreTemplate.shared.copy(into: scratch, name: "first.sqlite")
        let second = scratch.path("second.sqlite")
        let build = try CLI.run(
            ["demo", "--no-tui", "--seed", DemoFixture.seed, "--now", DemoFixture.now, "--store", second, "--quiet"], in: scratch,
            timeout: 120)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "", "--quiet prints nothing")

        let a = try stats(first)
        let b = try stats(second)
        XCTAssertEqual(a["store"] as? String, first)
        XCTAssertEqual(b["store"] as? String, second)
        // Everything but the store path must match: per-group numbers and the totals.
        let groupsA = try XCTUnwrap(a["groups"] as? [Any])
        let groupsB = try XCTUnwrap(b["groups"] as? [Any])
        XCTAssertFalse(groupsA.isEmpty)
        XCTAssertEqual(groupsA as NSArray, groupsB as NSArray, "stats groups differ between two builds of the same demo")
        XCTAssertEqual(a["totals"] as? NSDictionary, b["totals"] as? NSDictionary)
    }

    func testGroupsJSONListsTheDemoGroups() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let groups = try XCTUnwrap(try CLI.json(try runOK(["groups", "--json", "--store", store])) as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(groups.count, 6)
        for group in groups {
            for key in ["id", "name", "platform", "timezone", "members"] {
                XCTAssertNotNil(group[key], "group \(group["id"] ?? "?") has \(key)")
            }
        }
        let jinshui = try XCTUnwrap(groups.first { $0["id"] as? String == DemoFixture.jinshuiGroupID })
        XCTAssertEqual(jinshui["name"] as? String, DemoFixture.jinshuiGroupName)
        XCTAssertGreaterThan(jinshui["members"] as? Int ?? 0, 0)
    }

    func testMembersJSONHasTheDocumentedFields() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let result = try runOK(["members", "--group", DemoFixture.jinshuiGroupID, "--limit", "50", "--json", "--store", store])
        let members = try XCTUnwrap(try CLI.json(result) as? [[String: Any]])
        XCTAssertFalse(members.isEmpty)
        XCTAssertLessThanOrEqual(members.count, 50, "--limit is respected")
        for member in members {
            XCTAssertNotNil(member["id"] as? String, "\(member)")
            XCTAssertNotNil(member["name"] as? String, "\(member)")
            XCTAssertNotNil(member["role"] as? String, "\(member)")
            XCTAssertNotNil(member["status"] as? String, "\(member)")
            XCTAssertNotNil(member["messages"] as? Int, "\(member)")
            XCTAssertNotNil(member["checkin_streak"] as? Int, "\(member)")
            let lastSeen = try XCTUnwrap(member["last_seen"] as? String, "\(member)")
            XCTAssertNotNil(ISO8601DateFormatter().date(from: lastSeen), "last_seen is an ISO 8601 time: \(lastSeen)")
        }
    }

    // MARK: ingest and export

    func testIngestReportsABadLineAsFileColonLineAndExits2() throws {
        let store = scratch.path("store.sqlite")
        let feed = try scratch.write("feed.jsonl", [feedLine(1), "{not json", feedLine(3)].joined(separator: "\n") + "\n")
        let result = try CLI.run(["ingest", feed, "--store", store], in: scratch)
        XCTAssertEqual(result.status, 2, "a rejected line makes the exit status 2; stderr: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("\(feed):2: "), "the bad line is reported as FILE:LINE: reason; stderr: \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("\(feed):1:"), "good lines are not reported; stderr: \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("\(feed):3:"), "good lines are not reported; stderr: \(result.stderr)")
        XCTAssertEqual(try totalEvents(store), 2, "the good lines still go in")
    }

    func testIngestingTheSameFileTwiceAddsNothingTheSecondTime() throws {
        let store = scratch.path("store.sqlite")
        let feed = try scratch.write("feed.jsonl", (1...5).map { feedLine($0) }.joined(separator: "\n") + "\n")

        let first = try runOK(["ingest", feed, "--store", store])
        XCTAssertTrue(first.stderr.contains("5 new events"), "summary: \(first.stderr)")
        XCTAssertEqual(try totalEvents(store), 5)

        let second = try runOK(["ingest", feed, "--store", store])
        XCTAssertTrue(second.stderr.contains("0 new events"), "summary: \(second.stderr)")
        XCTAssertTrue(second.stderr.contains("5 already stored"), "summary: \(second.stderr)")
        XCTAssertEqual(try totalEvents(store), 5, "re-ingesting is idempotent")
    }

    func testExportedJSONLinesReingestIntoAFreshStoreWithTheSameEventCount() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let exported = scratch.path("export.jsonl")
        try runOK(["export", "--format", "jsonl", "--output", exported, "--store", store, "--quiet"])
        let original = try totalEvents(store)
        XCTAssertGreaterThan(original, 0)

        let copy = scratch.path("reingested.sqlite")
        let ingest = try CLI.run(["ingest", exported, "--store", copy, "--quiet"], in: scratch, timeout: 120)
        XCTAssertEqual(ingest.status, 0, "every exported line is valid feed: \(ingest.stderr.prefix(2000))")
        XCTAssertEqual(try totalEvents(copy), original)
    }

    // MARK: misuse

    func testMembersWithoutGroupFailsWithAnErrorMessage() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let result = try CLI.run(["members", "--store", store], in: scratch)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--group"), "the error names the missing option: \(result.stderr)")
        XCTAssertEqual(result.stdout, "", "nothing on stdout for a script to mistake for data")
    }

    func testMembersOfAnUnknownGroupFailsWithAnErrorMessage() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let result = try CLI.run(["members", "--group", "no-such-group", "--json", "--store", store], in: scratch)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("no-such-group"), "stderr: \(result.stderr)")
    }

    func testUnknownSubcommandFailsWithAnErrorMessage() throws {
        let result = try CLI.run(["frobnicate", "--store", scratch.path("store.sqlite")], in: scratch)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("frobnicate"), "the error names what was not understood: \(result.stderr)")
    }

    func testListingAMissingStoreFailsWithoutCreatingIt() throws {
        let missing = scratch.path("missing.sqlite")
        for command in [["groups"], ["stats"], ["members", "--group", "x"], ["export"]] {
            let result = try CLI.run(command + ["--store", missing], in: scratch)
            XCTAssertNotEqual(result.status, 0, "\(command[0]) on a missing store")
            XCTAssertTrue(result.stderr.contains("no store at"), "\(command[0]): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "listing commands never create a store")
    }

    func testIngestOfAMissingFileFailsWithoutCreatingAStore() throws {
        let store = scratch.path("never.sqlite")
        let result = try CLI.run(["ingest", scratch.path("nonexistent.jsonl"), "--store", store], in: scratch)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nonexistent.jsonl") && result.stderr.contains("no such file"), "stderr: \(result.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: store))
    }

    func testDemoRefusesToReplaceRealDataWithANonZeroStatus() throws {
        let store = scratch.path("real.sqlite")
        let feed = try scratch.write("real.jsonl", feedLine(1) + "\n")
        try runOK(["ingest", feed, "--store", store, "--quiet"])
        let result = try CLI.run(["demo", "--no-tui", "--quiet", "--store", store], in: scratch)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("holds real data"), "stderr: \(result.stderr)")
        XCTAssertEqual(try totalEvents(store), 1, "the real data is untouched")
    }

    func testBadSinceIsReportedAgainstTheStatsCommand() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let result = try CLI.run(["stats", "--since", "bogus", "--store", store], in: scratch)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("\"bogus\" is not a date"), "stderr: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("qundeck stats"), "usage names the stats command: \(result.stderr)")
    }
}

extension CommandLineEndToEndTests {
    func testModListSaysWhenItShowsOnlyPartOfTheQueue() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let all = try runOK(["mod", "list", "--json", "--store", store])
        let total = try XCTUnwrap(try CLI.json(all) as? [Any]).count
        XCTAssertGreaterThan(total, 10)
        XCTAssertFalse(all.stderr.contains(" of "), "the whole queue needs no note: \(all.stderr)")

        let some = try runOK(["mod", "list", "--limit", "10", "--store", store])
        XCTAssertTrue(some.stderr.contains("mod list: 10 of \(total), --limit to see more"), some.stderr)
        XCTAssertEqual(some.stdout.split(separator: "\n").count, 11, "a header and ten rows:\n\(some.stdout)")
    }
}
