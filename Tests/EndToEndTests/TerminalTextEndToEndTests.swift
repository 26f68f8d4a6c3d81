import Foundation
import XCTest

/// What reaches a real terminal (tmux): every character under any locale, emoji sequences whole and in
/// their columns after scrolling, and the key sequences tmux and xterm send for Home and End.
final class TerminalTextEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!
    private var dashboard: TmuxDashboard!

    override func setUpWithError() throws {
        _ = try TmuxDashboard.requireTmux()
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "text")
        dashboard = try TmuxDashboard(scratch: scratch)
    }

    override func tearDown() {
        dashboard?.kill()
        scratch?.remove()
        super.tearDown()
    }

    // MARK: locale

    func testLangCStillDrawsBordersAndChinese() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        try dashboard.start(["--store", store], environment: ["LANG": "C"])
        let screen = try dashboard.waitForText(DemoFixture.jinshuiGroupName)
        XCTAssertTrue(screen.contains("┌─ 1 Activity"), "box drawing survives LANG=C:\n\(screen.text)")
    }

    func testAMissingUTF8LocaleFallsBackAndLangStillChoosesChinese() throws {
        // zh_CN.UTF-8 is not installed on a fresh server (nor on this test machine): the locale falls back,
        // while the interface language still comes from LANG.
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        try dashboard.start(["--store", store], environment: ["LANG": "zh_CN.UTF-8"])
        let screen = try dashboard.waitForText("1 群活跃")
        XCTAssertTrue(screen.contains("┌─ 1 群活跃"), "borders and Chinese labels are drawn:\n\(screen.text)")
        XCTAssertTrue(screen.contains(DemoFixture.jinshuiGroupName))
    }

    // MARK: grapheme clusters

    /// Names whose clusters ncurses cannot hold in one cell: flags (two spacing code points) and a ZWJ
    /// family. (Not a skin-tone emoji: tmux 3.3 itself draws 👍🏻 four columns wide.)
    static let clusterNames = ["Amy🇨🇳", "👨‍👩‍👧 三口之家", "Jörg🇩🇪", "Bob"]

    private func storeWithClusterNames(count: Int) throws -> String {
        let store = scratch.path("clusters.sqlite")
        var lines: [String] = []
        for i in 0..<count {
            let name = Self.clusterNames[i % Self.clusterNames.count] + "\(i)"
            let ts = 1_763_852_400 + i * 60
            lines.append(
                #"{"v":1,"id":"r\#(i)","source":"e2e","group":"g1","group_name":"旗帜群","ts":\#(ts),"kind":"join_request","member":"u\#(i)","member_name":"\#(name)","text":"hi"}"#
            )
        }
        let feed = try scratch.write("clusters.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try CLI.run(["ingest", feed, "--store", store, "--quiet"], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        return store
    }

    func testFlagsAndZWJSequencesAreDrawnWholeAndLeaveNothingBehindWhenScrolling() throws {
        let store = try storeWithClusterNames(count: 60)
        try dashboard.start(["--store", store], width: 80, height: 24)
        try dashboard.waitForText("3 Moderation (60)")
        try dashboard.press("3")
        var screen = try dashboard.waitForText("1/60")
        assertClustersIntact(screen, width: 80)
        // Down a page at a time to the end and back: every row is drawn over rows that held other clusters.
        for _ in 0..<4 { try dashboard.press("PageDown") }
        screen = try dashboard.waitForText("60/60")
        assertClustersIntact(screen, width: 80)
        for _ in 0..<7 { try dashboard.press("k") }
        screen = try dashboard.waitForText("53/60")
        assertClustersIntact(screen, width: 80)
        try dashboard.press("Home")
        screen = try dashboard.waitForText("1/60")
        assertClustersIntact(screen, width: 80)
    }

    private func assertClustersIntact(_ screen: Screen, width: Int, file: StaticString = #filePath, line: UInt = #line) {
        var names = 0
        for row in screen.lines where row.hasPrefix("│") {
            XCTAssertEqual(clusterWidth(row), width, "a row that does not fill the terminal has a hole or a stale glyph:\n\(row)", file: file, line: line)
            XCTAssertTrue(row.hasSuffix("│"), "the right border is in its column:\n\(row)", file: file, line: line)
            for name in Self.clusterNames where row.contains(name.prefix(3)) {
                XCTAssertTrue(row.contains(name), "\(name) is drawn whole:\n\(row)", file: file, line: line)
                names += 1
            }
        }
        XCTAssertGreaterThan(names, 5, "the names are on screen:\n\(screen.text)", file: file, line: line)
    }

    /// Columns as tmux lays them out: a cluster takes the width of its widest code point (a flag, a ZWJ
    /// family or a skin-tone emoji is 2).
    private func clusterWidth(_ text: String) -> Int {
        text.reduce(0) { sum, cluster in sum + cluster.unicodeScalars.map { displayWidth(String($0)) }.max()! }
    }

    // MARK: keys

    func testHomeAndEndFromTmuxAreDecodedWhateverTERMSays() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        // Inside tmux with TERM=xterm-256color (a common setup), terminfo expects ESC O H / ESC O F, but
        // tmux sends ESC [1~ / ESC [4~ whatever TERM says.
        try dashboard.start(["--store", store], width: 80, height: 24, terminal: "xterm-256color")
        try dashboard.waitForText("3 Moderation")
        try dashboard.press("3")
        try dashboard.waitForScreen("the moderation pane") { $0.lines.contains { $0.contains("─ 1/") } }
        try dashboard.press("End")
        let end = try dashboard.waitForScreen("End to select the last item") { screen in
            screen.lines.contains { row in
                guard let r = row.range(of: #"─ (\d+)/\1 ─"#, options: .regularExpression) else { return false }
                return !row[r].contains("─ 1/")
            }
        }
        XCTAssertTrue(end.contains("┌─ 3 Moderation"), "End stays in Moderation instead of jumping to pane 4:\n\(end.text)")
        try dashboard.press("Home")
        let home = try dashboard.waitForScreen("Home to select the first item") { $0.lines.contains { $0.contains("─ 1/") } }
        XCTAssertTrue(home.contains("┌─ 3 Moderation"), "Home stays in Moderation instead of jumping to pane 1:\n\(home.text)")
    }
}

extension TerminalTextEndToEndTests {
    /// 补签 from the Check-ins pane: b offers today for a streak at risk; Enter grants it, audited as the CLI's.
    func testMakeupCheckinFromTheCheckinsPaneIsAudited() throws {
        let store = scratch.path("makeup.sqlite")
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let yesterdayNoon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: Date().addingTimeInterval(-86_400))!
        let dayBefore = yesterdayNoon.addingTimeInterval(-86_400)
        let lines = [dayBefore, yesterdayNoon].enumerated().map { i, date in
            #"{"v":1,"id":"c\#(i)","source":"e2e","group":"g1","group_name":"打卡群","group_tz":"Asia/Shanghai","ts":\#(Int(date.timeIntervalSince1970)),"kind":"message","member":"u1","member_name":"小李","text":"签到"}"#
        }
        let feed = try scratch.write("makeup.jsonl", lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(try CLI.run(["ingest", feed, "--store", store, "--quiet"], in: scratch).status, 0)

        try dashboard.start(["--store", store], width: 80, height: 24)
        try dashboard.waitForText("2 Check-ins")
        try dashboard.press("2")
        try dashboard.waitForText("小李")
        try dashboard.press("b")
        let prompt = try dashboard.waitForText("补签 小李")
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd"
        let today = formatter.string(from: Date())
        XCTAssertTrue(prompt.contains(today), "today is offered for a streak at risk:\n\(prompt.text)")
        try dashboard.press("Enter")
        try dashboard.waitForText("补签 小李 · \(today)")
        let audit = try CLI.run(["audit", "--json", "--store", store], in: scratch)
        XCTAssertTrue(audit.stdout.contains("checkin_makeup"), audit.stdout)
    }
}

extension TerminalTextEndToEndTests {
    /// Shrinking the window scrolls a terminal's lines up when its cursor was below the new height; the
    /// next frame must repaint everything rather than trust what ncurses remembers.
    func testShrinkingTheWindowLeavesNoStaleRows() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        try dashboard.start(["--store", store], width: 200, height: 60)
        try dashboard.waitForText("4 Campaigns")
        try dashboard.press("3")
        try dashboard.waitForText("a approve")
        try dashboard.resize(width: 80, height: 24)
        let small = try dashboard.waitForScreen("the 80×24 layout") { $0.lines.count >= 3 && $0.lines[2].hasPrefix("┌─ 3 Moderation") }
        XCTAssertTrue(small.lines[0].hasPrefix(" qundeck  groups:"), "the header is redrawn in place:\n\(small.text)")
        XCTAssertTrue(small.lines[1].hasPrefix("  1 Activity"), "the tab bar is redrawn in place:\n\(small.text)")
        for row in small.lines { XCTAssertLessThanOrEqual(displayWidth(row.replacingOccurrences(of: "👨‍👩‍👧", with: "xx")), 80, row) }
    }
}
