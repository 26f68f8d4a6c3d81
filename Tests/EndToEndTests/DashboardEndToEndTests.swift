import Foundation
import XCTest

/// The real `qundeck` dashboard in a real (tmux) terminal: keys go in through `send-keys`, the screen comes
/// back through `capture-pane`. Every wait polls the screen for the text it expects — no fixed sleeps — so
/// the tests are as fast as the app and tolerant of a slow CI box.
final class DashboardEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!
    private var dashboard: TmuxDashboard!
    private var store: String!

    static let paneTitles = ["1 Activity", "2 Check-ins", "3 Moderation", "4 Campaigns"]
    static let chinesePaneTitles = ["1 群活跃", "2 签到", "3 待审核", "4 活动"]

    override func setUpWithError() throws {
        _ = try TmuxDashboard.requireTmux()
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "tui")
        dashboard = try TmuxDashboard(scratch: scratch)
        store = try DemoStoreTemplate.shared.copy(into: scratch)
    }

    override func tearDown() {
        dashboard?.kill()
        scratch?.remove()
        super.tearDown()
    }

    /// True when all four panes are drawn as boxes (the 2×2 grid), not just named in the tab bar.
    private static func showsFourPanes(_ screen: Screen, titles: [String] = paneTitles) -> Bool {
        let boxes = screen.boxTopRows.joined(separator: "\n")
        return titles.allSatisfy { boxes.contains($0) }
    }

    func testDashboardShowsPanesOpensDetailHelpFilterPaletteAndQuitsWithStatus0() throws {
        // No subcommand and no --store: the default subcommand opens the dashboard on $QUNDECK_STORE.
        try dashboard.start([], environment: ["QUNDECK_STORE": store])

        let first = try dashboard.waitForScreen("the four panes at 140×45") {
            Self.showsFourPanes($0) && $0.contains(DemoFixture.jinshuiGroupName)
        }
        XCTAssertTrue(first.lines.first?.contains("qundeck") ?? false, "header row: \(first.lines.first ?? "")")
        XCTAssertTrue(first.tabBar.contains("1 Activity"), "tab bar: \(first.tabBar)")
        XCTAssertNotNil(first.eventCount, "the tab bar shows the event count: \(first.tabBar)")
        XCTAssertTrue(first.topLeftPane.joined().contains(DemoFixture.chessGroupName), "all demo groups are listed before filtering")

        // 3 focuses Moderation; Enter opens the selected case with the chat around it.
        try dashboard.press("3")
        try dashboard.press("Enter")
        let detail = try dashboard.waitForText("Context")
        XCTAssertTrue(detail.contains("Esc  n/p"), "the detail overlay's title names its keys:\n\(detail.text)")
        try dashboard.press("Escape")
        try dashboard.waitForScreen("the detail view to close") { !$0.contains("Context") && Self.showsFourPanes($0) }

        try dashboard.press("?")
        let help = try dashboard.waitForText("? Help")
        XCTAssertTrue(help.contains("next pane"), "help lists the keys:\n\(help.text)")
        XCTAssertTrue(help.contains("open the detail view"), "help lists the keys:\n\(help.text)")
        try dashboard.press("Escape")
        try dashboard.waitForScreen("the help to close") { !$0.contains("? Help") && Self.showsFourPanes($0) }

        // Back to Activity, then filter as you type: only the 金水 groups stay in that pane.
        try dashboard.press("1")
        try dashboard.press("/")
        try dashboard.type("金水")
        let filtered = try dashboard.waitForScreen("the Activity pane filtered by 金水") {
            $0.topLeftPane.first?.contains("/金水") ?? false
        }
        let activity = filtered.topLeftPane.joined(separator: "\n")
        XCTAssertTrue(activity.contains(DemoFixture.jinshuiGroupName), "matching group stays:\n\(activity)")
        XCTAssertTrue(activity.contains("郑州·金水花园2群"), "matching group stays:\n\(activity)")
        XCTAssertFalse(activity.contains(DemoFixture.chessGroupName), "non-matching group is filtered out:\n\(activity)")

        // Esc while typing the filter drops it.
        try dashboard.press("Escape")
        try dashboard.waitForScreen("the filter to be cleared") {
            let pane = $0.topLeftPane
            return !(pane.first?.contains("/金水") ?? true) && pane.joined().contains(DemoFixture.chessGroupName)
        }

        // The command palette switches the whole screen to Chinese.
        try dashboard.press(":")
        try dashboard.type("lang zh")
        try dashboard.press("Enter")
        try dashboard.waitForScreen("Chinese pane titles") { Self.showsFourPanes($0, titles: Self.chinesePaneTitles) }

        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0, "q quits with exit status 0")
    }

    func testLayoutReflowsToOnePaneAtMinimumSizeWarnsWhenTooSmallAndRestoresGrid() throws {
        try dashboard.start(["tui", "--store", store])
        try dashboard.waitForScreen("the four panes at 140×45") { Self.showsFourPanes($0) }

        // 80×24 is the minimum: the focused pane alone, with the tab bar naming all four.
        try dashboard.resize(width: 80, height: 24)
        let small = try dashboard.waitForScreen("a single pane at 80×24") { screen in
            screen.lines.count <= 24 && screen.boxTopRows.count == 1 && (screen.boxTopRows.first?.contains("1 Activity") ?? false)
        }
        XCTAssertTrue(small.tabBar.contains("1 Activity"), "tab bar: \(small.tabBar)")
        XCTAssertTrue(small.tabBar.contains("2 Check-ins"), "tab bar: \(small.tabBar)")
        XCTAssertLessThanOrEqual(small.widestLine, 80, "no line is wider than the terminal:\n\(small.text)")
        // The pane's box spans the full width: its top-right corner is the last thing on its row.
        XCTAssertEqual(small.boxTopRows.first.map { displayWidth($0) }, 80, "the pane fills the width:\n\(small.text)")
        XCTAssertTrue(small.boxTopRows.first?.hasSuffix("┐") ?? false)

        // Below 80×24 there is no layout, only a message saying so.
        try dashboard.resize(width: 60, height: 20)
        let tiny = try dashboard.waitForText("Terminal too small")
        XCTAssertTrue(tiny.contains("60×20"), "the message shows the current size:\n\(tiny.text)")
        XCTAssertTrue(tiny.boxTopRows.isEmpty, "no panes are drawn when too small:\n\(tiny.text)")

        try dashboard.resize(width: 140, height: 45)
        let big = try dashboard.waitForScreen("the four panes again at 140×45") { Self.showsFourPanes($0) }
        XCTAssertFalse(big.contains("Terminal too small"))

        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0)
    }

    func testDashboardShowsEventsWrittenByOtherProcessesWithoutAKeyPress() throws {
        try dashboard.start(["tui", "--store", store])
        let before = try dashboard.waitForScreen("the dashboard") { Self.showsFourPanes($0) && $0.eventCount != nil }
        let initialCount = try XCTUnwrap(before.eventCount)

        // A brand-new group arrives through `qundeck ingest` in another process, stamped with the real time.
        let now = Date()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        let feed = (1...3).map { i in
            let ts = formatter.string(from: now.addingTimeInterval(Double(i - 3)))
            return #"{"v":1,"id":"e2e-\#(i)","source":"e2e","group":"e2e-group","group_name":"端到端测试群","ts":"\#(ts)","kind":"message","member":"u\#(i)","member_name":"测试员\#(i)","text":"hello \#(i)"}"#
        }.joined(separator: "\n") + "\n"
        let feedPath = try scratch.write("feed.jsonl", feed)
        let ingest = try CLI.run(["ingest", feedPath, "--store", store, "--quiet"], in: scratch)
        XCTAssertEqual(ingest.status, 0, "ingest failed: \(ingest.stderr)")

        let updated = try dashboard.waitForScreen("the new group on screen", timeout: 5) {
            $0.topLeftPane.joined().contains("端到端测试群") && $0.eventCount == initialCount + 3
        }
        XCTAssertEqual(updated.eventCount, initialCount + 3)

        // The simulator writes while the dashboard reads; the count must move while it is still running.
        let simulate = try CLI.start(["simulate", "--duration", "3", "--rate", "20", "--store", store, "--quiet"], in: scratch)
        let during = try dashboard.waitForScreen("the event count to grow during simulate", timeout: 10) {
            ($0.eventCount ?? 0) > initialCount + 3
        }
        XCTAssertGreaterThan(during.eventCount ?? 0, initialCount + 3)
        let simulated = simulate.finish(timeout: 20)
        XCTAssertFalse(simulated.timedOut, "simulate --duration 3 did not stop")
        XCTAssertEqual(simulated.status, 0, "simulate failed: \(simulated.stderr)")

        // Once the writer is done, the screen settles on exactly what the store holds.
        let stats = try CLI.run(["stats", "--json", "--store", store], in: scratch)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let stored = try XCTUnwrap(((try CLI.json(stats)) as? [String: Any])?["totals"] as? [String: Any])["events"] as? Int
        XCTAssertGreaterThan(stored ?? 0, initialCount + 3, "simulate appended events")
        try dashboard.waitForScreen("the tab bar to show the stored count \(stored ?? -1)", timeout: 5) { $0.eventCount == stored }

        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0)
    }

    func testRebuildingTheDemoUnderARunningDashboardShowsTheNewStore() throws {
        try dashboard.start(["tui", "--store", store])
        let before = try dashboard.waitForScreen("the dashboard") { Self.showsFourPanes($0) && $0.eventCount != nil }
        let initialCount = try XCTUnwrap(before.eventCount)
        // Another seed builds a different community into the same file while the dashboard has it open.
        let rebuild = try CLI.run(["demo", "--no-tui", "--quiet", "--seed", "9", "--now", "2026-11-23T12:00:00+08:00", "--store", store], in: scratch)
        XCTAssertEqual(rebuild.status, 0, rebuild.stderr)
        let stats = try CLI.run(["stats", "--json", "--store", store], in: scratch)
        let stored = try XCTUnwrap(((try CLI.json(stats)) as? [String: Any])?["totals"] as? [String: Any])["events"] as? Int
        XCTAssertNotEqual(stored, initialCount, "seed 9 gives a different community")
        try dashboard.waitForScreen("the rebuilt store's count \(stored ?? -1)", timeout: 5) { $0.eventCount == stored }
        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0)
    }

    /// Open queue items as `mod list --json` reports them: id → status.
    private func queue() throws -> [(id: Int, kind: String)] {
        let result = try CLI.run(["mod", "list", "--json", "--store", store], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap((try CLI.json(result)) as? [[String: Any]])
        return rows.compactMap { row in (row["id"] as? Int).map { ($0, row["kind"] as? String ?? "") } }
    }

    private func auditActions() throws -> [String] {
        let result = try CLI.run(["audit", "--json", "--store", store], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap((try CLI.json(result)) as? [[String: Any]]).compactMap { $0["action"] as? String }
    }

    func testModerationKeysActOnTheQueueAndUndoRestoresIt() throws {
        try dashboard.start(["tui", "--store", store])
        try dashboard.waitForScreen("the dashboard") { Self.showsFourPanes($0) }
        let before = try queue()
        let first = try XCTUnwrap(before.first)
        try dashboard.press("3")
        try dashboard.waitForText("a approve")

        // a: the first item leaves the queue and the audit log says who approved it.
        try dashboard.press("a")
        try dashboard.waitForText("approve #\(first.id)")
        XCTAssertFalse(try queue().contains { $0.id == first.id })
        XCTAssertEqual(try auditActions().first, "approve")

        // u: it comes back.
        try dashboard.press("u")
        try dashboard.waitForText("undo approve")
        XCTAssertTrue(try queue().contains { $0.id == first.id })

        // Space selects two; B asks first, Enter does not confirm, y bans both; u restores both.
        try dashboard.press("g")
        try dashboard.press("Space")
        try dashboard.press("Space")
        try dashboard.waitForText("2 selected")
        try dashboard.press("B")
        try dashboard.waitForText("Ban 2 items?")
        try dashboard.press("Enter")
        try dashboard.waitForText("press y to confirm")
        XCTAssertEqual(try queue().count, before.count, "Enter banned no one")
        try dashboard.press("y")
        try dashboard.waitForText("ban 2 items")
        let afterBan = try queue()
        XCTAssertEqual(afterBan.count, before.count - 2)
        XCTAssertEqual(try auditActions().prefix(2), ["ban", "ban"])
        try dashboard.press("u")
        try dashboard.waitForText("undo ban ×2")
        XCTAssertEqual(try queue().count, before.count)

        // m asks how long; 30m mutes the current item's member.
        try dashboard.press("m")
        try dashboard.waitForText("mute for")
        for _ in 0..<2 { try dashboard.press("BSpace") }
        try dashboard.type("30m")
        try dashboard.press("Enter")
        try dashboard.waitForText("mute #")
        XCTAssertEqual(try auditActions().first, "mute")
        let outbox = try CLI.run(["outbox", "--json", "--store", store], in: scratch)
        XCTAssertTrue(outbox.stdout.contains("restrict_member"), "the mute is queued for the platform:\n\(outbox.stdout)")

        try dashboard.press("q")
        XCTAssertEqual(dashboard.waitForExitStatus(), 0)
    }
}

extension DashboardEndToEndTests {
    /// Holds the store's write lock from another process (the sqlite3 shell) for `seconds`, as a bulk
    /// import would.
    private func holdWriteLock(seconds: Int) throws -> RunningCommand {
        let sqlite = try XCTUnwrap(["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "the sqlite3 shell is needed to hold the store's lock")
        // The shell touches a file once it has the lock (it may first wait for the dashboard's scheduler).
        let held = scratch.path("lock-held-\(UUID().uuidString.prefix(8))")
        let holder = try RunningCommand(
            sqlite, [store, ".timeout 10000", "BEGIN IMMEDIATE;", ".shell touch \(held)", ".shell sleep \(seconds)", "COMMIT;"], in: scratch,
            environment: CLI.environment(home: scratch.url))
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: held), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: held), "sqlite3 never got the store's lock")
        return holder
    }

    func testAWriteWaitingForTheStoreKeepsTheScreenAliveAndQueuesKeysOnTheSameItem() throws {
        try dashboard.start(["tui", "--store", store], width: 80, height: 24)
        try dashboard.waitForText("3 Moderation")
        try dashboard.press("3")
        let before = try queue()
        let total = before.count
        try dashboard.waitForText("1/\(total)")

        // a on item 1 waits for the lock; the screen says so, and j still moves at once.
        let lock = try holdWriteLock(seconds: 3)
        try dashboard.press("a")
        try dashboard.waitForText("waiting for the store…", timeout: 2)
        try dashboard.press("j")
        try dashboard.waitForText("2/\(total)", timeout: 1)
        XCTAssertEqual(try queue().count, total, "nothing written while the lock is held")
        _ = lock.finish(timeout: 10)
        try dashboard.waitForText("approve #\(before[0].id)")
        try dashboard.waitForScreen("the notice to go") { !$0.contains("waiting for the store") }

        // Two a's on one item while it waits: the second is held, then acts on the item the cursor moved to.
        let second = try holdWriteLock(seconds: 2)
        try dashboard.press("a")
        try dashboard.press("a")
        _ = second.finish(timeout: 10)
        try dashboard.waitForText("\(total - 3)", timeout: 10)
        let after = try queue().map(\.id)
        XCTAssertEqual(after.count, total - 3, "both keys acted, none was lost")
        for gone in before.prefix(3).map(\.id) { XCTAssertFalse(after.contains(gone), "#\(gone) was approved") }
        XCTAssertEqual(try auditActions().prefix(3), ["approve", "approve", "approve"])
    }
}

extension DashboardEndToEndTests {
    func testASecondWarningSaysWhatTheLadderDid() throws {
        // Two flagged messages from one member: the second warning reaches the ladder's first step.
        let now = Int(Date().timeIntervalSince1970)
        let lines = (0..<2).map { i in
            #"{"v":1,"id":"ladder-\#(i)","source":"e2e","group":"\#(DemoFixture.jinshuiGroupID)","ts":\#(now - 120 + i),"kind":"message","member":"ladder-e2e","member_name":"刷单王","text":"加我微信 vx12345 刷单返利 日结\#(i)"}"#
        }
        let feed = try scratch.write("ladder.jsonl", lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(try CLI.run(["ingest", feed, "--store", store, "--quiet"], in: scratch).status, 0)
        XCTAssertEqual(try queue().count { $0.kind == "flagged_message" } >= 2, true)

        try dashboard.start(["tui", "--store", store], width: 100, height: 30)
        try dashboard.waitForText("3 Moderation")
        try dashboard.press("3")
        try dashboard.press("/")
        try dashboard.type("刷单王")
        try dashboard.press("Enter")
        try dashboard.waitForText("(2) · /刷单王")
        try dashboard.press("w")
        try dashboard.waitForText("warn #1 · 刷单王")
        try dashboard.press("w")
        let second = try dashboard.waitForText("warn #2 → muted 1h (ladder) · 刷单王")
        XCTAssertTrue(second.contains("u undo"), second.text)
    }
}
