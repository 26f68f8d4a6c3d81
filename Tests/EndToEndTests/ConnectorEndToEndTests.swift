import Foundation
import GRDB
import TelegramBotDouble
import XCTest

/// `qundeck connect telegram` as a real child process against the loopback Bot API (in this process),
/// with the dashboard in tmux and `qundeck outbox` telling what happened to each item.
final class ConnectorEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!
    private var double: TelegramBotDouble!
    private var store: String!
    private var dashboard: TmuxDashboard?
    private var connectors: [RunningCommand] = []

    static let group = TelegramUpdates.Chat(id: -1_001_234_567_890, title: "端到端群")
    static let applicant = TelegramUpdates.User(id: 501, firstName: "新人小张")
    static let spammer = TelegramUpdates.User(id: 666, firstName: "刷单小王")

    override func setUpWithError() throws {
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "connect")
        double = try blocking { try await TelegramBotDouble() }
        store = scratch.path("store.sqlite")
    }

    override func tearDown() {
        dashboard?.kill()
        for connector in connectors where connector.isRunning { kill(connector.pid, SIGKILL) }
        for connector in connectors { _ = connector.finish(timeout: 5) }
        if let double { blockingStop(double) }
        scratch?.remove()
        super.tearDown()
    }

    // MARK: helpers

    private var connectEnvironment: [String: String] {
        ["QUNDECK_TELEGRAM_TOKEN": double.token, "QUNDECK_TELEGRAM_API_BASE": double.baseURL.absoluteString]
    }

    /// Starts `qundeck connect telegram` on the test store, long-polling for a second at a time.
    private func startConnector(_ extra: [String] = []) throws -> RunningCommand {
        let running = try CLI.start(
            ["connect", "telegram", "--store", store, "--poll-timeout", "1", "--request-timeout", "5"] + extra, in: scratch,
            environment: connectEnvironment)
        connectors.append(running)
        return running
    }

    /// Polls `condition` every 50 ms; fails the test with `what` after `timeout`.
    private func waitFor(
        _ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool
    ) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return }
            if Date() >= deadline {
                XCTFail("timed out after \(timeout) s waiting for \(what)", file: file, line: line)
                throw TimedOut(what: what)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    struct TimedOut: Error { var what: String }

    /// `qundeck outbox --json`: every item, newest first.
    private func outbox() throws -> [[String: Any]] {
        let result = try CLI.run(["outbox", "--json", "--store", store], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap((try CLI.json(result)) as? [[String: Any]])
    }

    private static func type(_ item: [String: Any]) -> String? { (item["command"] as? [String: Any])?["type"] as? String }
    private static func user(_ item: [String: Any]) -> Int64? { ((item["command"] as? [String: Any])?["user"] as? NSNumber)?.int64Value }

    /// `qundeck mod list --json`: the open queue (empty until the connector has created the store).
    private func queue() throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: store) else { return [] }
        let result = try CLI.run(["mod", "list", "--json", "--store", store], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap((try CLI.json(result)) as? [[String: Any]])
    }

    private func queueID(member: Int64, kind: String) throws -> Int? {
        try queue().first { $0["member"] as? String == String(member) && $0["kind"] as? String == kind }?["id"] as? Int
    }

    /// The connector's heartbeat as stored (read straight from the file, as a dashboard would).
    private func heartbeatState() throws -> String? {
        let db = try DatabaseQueue(path: store)
        return try db.read { try String.fetchOne($0, sql: "SELECT state FROM connector_status ORDER BY heartbeat_at DESC LIMIT 1") }
    }

    private static func showsFourPanes(_ screen: Screen) -> Bool {
        let boxes = screen.boxTopRows.joined(separator: "\n")
        return ["1 Activity", "2 Check-ins", "3 Moderation", "4 Campaigns"].allSatisfy { boxes.contains($0) }
    }

    // MARK: tests

    func testJoinRequestApprovedAndSpammerBannedInTheDashboardReachTelegramOnce() throws {
        let tui = try TmuxDashboard(scratch: scratch)
        dashboard = tui
        double.enqueue(update: TelegramUpdates.chatJoinRequest(chat: Self.group, from: Self.applicant, bio: "3号楼业主"))
        let connector = try startConnector()
        try waitFor("the join request in the queue") { try queueID(member: Self.applicant.id, kind: "join_request") != nil }
        let request = try XCTUnwrap(try queueID(member: Self.applicant.id, kind: "join_request"))

        try tui.start(["tui", "--store", store])
        try tui.waitForScreen("the dashboard") { Self.showsFourPanes($0) }
        try tui.press("3")
        try tui.waitForText(Self.applicant.firstName)
        try tui.press("a")
        try tui.waitForText("approve #\(request)")

        let approvals = try blocking { [double] in try await double!.waitForAnswers(to: "approveChatJoinRequest", count: 1, timeout: 10) }
        XCTAssertEqual(approvals.first?.int64("chat_id"), Self.group.id)
        XCTAssertEqual(approvals.first?.int64("user_id"), Self.applicant.id)
        XCTAssertEqual(approvals.first?.status, 200)
        try waitFor("the approval sent") { try outbox().contains { Self.type($0) == "approve_join_request" && $0["state"] as? String == "sent" } }

        // A spam message arrives live; B (and y) bans its sender.
        double.enqueue(update: TelegramUpdates.message(id: 31, chat: Self.group, from: Self.spammer, text: "加微信领红包 日结"))
        try tui.waitForText(Self.spammer.firstName)
        let flagged = try XCTUnwrap(try queueID(member: Self.spammer.id, kind: "flagged_message"))
        try tui.press("B")
        try tui.waitForText("Ban 1 item?")
        try tui.press("y")
        try tui.waitForText("ban #\(flagged)")
        try blocking { [double] in _ = try await double!.waitForAnswers(to: "banChatMember", count: 1, timeout: 10) }
        try waitFor("the ban sent") { try outbox().contains { Self.type($0) == "ban_member" && $0["state"] as? String == "sent" } }
        XCTAssertTrue(double.isBanned(chat: Self.group.id, user: Self.spammer.id))

        // Still exactly once each, after the connector has had time for more drains.
        kill(connector.pid, SIGINT)
        let stopped = connector.finish(timeout: 10)
        XCTAssertEqual(stopped.status, 0, stopped.stderr)
        XCTAssertEqual(double.calls(to: "approveChatJoinRequest").count, 1)
        XCTAssertEqual(double.calls(to: "banChatMember").count, 1)
        XCTAssertEqual(try outbox().map { $0["state"] as? String }, ["sent", "sent"])
        try tui.press("q")
        XCTAssertEqual(tui.waitForExitStatus(), 0)
    }

    func testAConnectorKilledMidRequestLeavesOnlyUnknownItemsToResolve() throws {
        let spammers = (0..<3).map { TelegramUpdates.User(id: 700 + Int64($0), firstName: "广告\($0)") }
        for (i, spammer) in spammers.enumerated() {
            double.enqueue(update: TelegramUpdates.message(id: 40 + Int64(i), chat: Self.group, from: spammer, text: "加微信领红包"))
        }
        // The first ban never gets an answer: the connector is killed while it waits.
        double.respond(to: "banChatMember", with: .hang)
        let first = try startConnector()
        try waitFor("three flagged messages") { try queue().count == 3 }
        let ids = try queue().compactMap { $0["id"] as? Int }
        let act = try CLI.run(["mod", "act"] + ids.map(String.init) + ["--action", "ban", "--store", store], in: scratch)
        XCTAssertEqual(act.status, 0, act.stderr)
        let hung = try blocking { [double] in try await double!.waitForCalls(to: "banChatMember", count: 1, timeout: 10)[0] }
        kill(first.pid, SIGKILL)
        _ = first.finish(timeout: 5)

        let second = try startConnector()
        try waitFor("every ban settled") {
            try outbox().allSatisfy { ["sent", "unknown"].contains($0["state"] as? String) }
        }
        let items = try outbox()
        let unknown = items.filter { $0["state"] as? String == "unknown" }
        XCTAssertEqual(unknown.count, 1)
        XCTAssertEqual(Self.user(unknown[0]), hung.int64("user_id"), "the item whose request was in flight is the unknown one")
        let bans = double.calls(to: "banChatMember").compactMap { $0.int64("user_id") }
        XCTAssertEqual(bans.count, 3, "no ban twice: \(bans)")
        XCTAssertEqual(Set(bans), Set(spammers.map(\.id)))

        let listing = try CLI.run(["outbox", "--store", store], in: scratch)
        XCTAssertTrue(listing.stdout.contains("1 item(s) in state unknown"), listing.stdout)
        let unknownID = try XCTUnwrap(unknown[0]["id"] as? Int)
        let resolve = try CLI.run(["outbox", "resolve", String(unknownID), "--sent", "--store", store], in: scratch)
        XCTAssertEqual(resolve.status, 0, resolve.stderr)
        XCTAssertEqual(try outbox().map { $0["state"] as? String }, ["sent", "sent", "sent"])

        kill(second.pid, SIGINT)
        XCTAssertEqual(second.finish(timeout: 10).status, 0)
        XCTAssertEqual(double.calls(to: "banChatMember").count, 3, "nothing resent after the resolve either")
    }

    func testTwoConnectorProcessesOnOneStoreSendEachItemOnce() throws {
        let spammers = (0..<40).map { TelegramUpdates.User(id: 800 + Int64($0), firstName: "广告\($0)") }
        for (i, spammer) in spammers.enumerated() {
            double.enqueue(update: TelegramUpdates.message(id: 100 + Int64(i), chat: Self.group, from: spammer, text: "加微信领红包"))
        }
        let ingest = try startConnector(["--once"]).finish(timeout: 30)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let ids = try queue().compactMap { $0["id"] as? Int }
        XCTAssertEqual(ids.count, spammers.count)
        let act = try CLI.run(["mod", "act"] + ids.map(String.init) + ["--action", "ban", "--store", store], in: scratch)
        XCTAssertEqual(act.status, 0, act.stderr)

        // Each ban takes a little while, so the two processes' drains overlap. --once polls without
        // waiting, so the two do not end each other's polls.
        double.respond(to: "banChatMember", with: .delay(seconds: 0.08, then: .proceed), times: spammers.count)
        let both = try [startConnector(["--once"]), startConnector(["--once"])].map { $0.finish(timeout: 60) }
        for result in both { XCTAssertEqual(result.status, 0, result.stderr) }

        let bans = double.calls(to: "banChatMember").compactMap { $0.int64("user_id") }
        XCTAssertEqual(bans.count, spammers.count, "every ban called exactly once")
        XCTAssertEqual(Set(bans), Set(spammers.map(\.id)))
        let items = try outbox()
        XCTAssertEqual(Set(items.map { $0["state"] as? String }), ["sent"])
        XCTAssertEqual(Set(items.compactMap { $0["claimed_by"] as? String }).count, 2, "both processes took part")
    }

    func testASecondPollerOnTheSameTokenExitsWithA409() throws {
        let first = try startConnector()
        try blocking { [double] in
            try await double!.waitForAnswers(to: "getUpdates", count: 1, timeout: 10)
            try await double!.waitUntilLongPolling(timeout: 10)
        }
        let second = try startConnector().finish(timeout: 15)
        XCTAssertFalse(second.timedOut, "the second poller must stop, not loop")
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.stderr.contains("409"), second.stderr)
        XCTAssertTrue(second.stderr.contains("another process is polling this bot"), second.stderr)
        XCTAssertTrue(first.isRunning, "the connector that was running carries on")

        kill(first.pid, SIGINT)
        let stopped = first.finish(timeout: 10)
        XCTAssertEqual(stopped.status, 0, stopped.stderr)
    }

    func testARefusedTokenExitsWithAClearMessageThatDoesNotShowIt() throws {
        let token = "987654:revoked-token-never-to-be-printed"
        let result = try CLI.start(
            ["connect", "telegram", "--store", store, "--poll-timeout", "1"], in: scratch,
            environment: ["QUNDECK_TELEGRAM_TOKEN": token, "QUNDECK_TELEGRAM_API_BASE": double.baseURL.absoluteString]
        ).finish(timeout: 15)
        XCTAssertFalse(result.timedOut, "a refused token stops the connector")
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("401") && result.stderr.contains("QUNDECK_TELEGRAM_TOKEN"), result.stderr)
        XCTAssertFalse((result.stdout + result.stderr).contains("revoked-token"), "the token is never printed")
        XCTAssertEqual(double.calls.map(\.method), ["getMe"])
        XCTAssertEqual(try heartbeatState(), "failed")
    }

    func testCtrlCStopsCleanlyAndTheHeartbeatSaysStopped() throws {
        let connector = try startConnector()
        try blocking { [double] in try await double!.waitUntilLongPolling(timeout: 10) }
        try waitFor("a heartbeat") { try heartbeatState() != nil }
        kill(connector.pid, SIGINT)
        let result = connector.finish(timeout: 10)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("stopping after the request in flight"), result.stderr)
        XCTAssertEqual(try heartbeatState(), "stopped")
    }
}

/// Runs async work from a synchronous test and waits for it. The test's thread blocks, not one of the
/// concurrency pool's, so the double keeps serving the binary meanwhile.
func blocking<T>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task.detached {
        do {
            box.result = .success(try await body())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

func blockingStop(_ double: TelegramBotDouble) {
    _ = try? blocking { await double.stop() }
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
