import Foundation
import XCTest

import QunConnect
import QunCore
@testable import QunStore
import TelegramBotDouble

/// A connector that died (kill -9) leaves claims behind; the next one on the same machine takes them
/// back at once instead of waiting out the lease, and never repeats a request that may have gone out.
final class RestartTests: XCTestCase {
    /// The id of a process that has exited (and been reaped).
    func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    func testARestartTakesBackTheClaimsOfAConnectorThatDied() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let chat = PlatformID.number(People.group.id)
            let ids = try h.enqueue((0..<4).map { .banMember(chat: chat, user: .number(3_000 + Int64($0)), until: nil, revokeMessages: false) })
            let host = ProcessInfo.processInfo.hostName
            let dead = "telegram@\(host):\(try deadPID())"
            let alive = "telegram@\(host):\(getppid())"
            // The dead connector had claimed two items and sent the first one's request when it was killed.
            XCTAssertEqual(try h.store.claimDue(worker: dead, platform: .telegram, lease: 120, limit: 2).map(\.id), Array(ids[0..<2]))
            XCTAssertTrue(try h.store.beginAttempt(id: ids[0], worker: dead))
            // A connector that is still running (another process) keeps its claim.
            XCTAssertEqual(try h.store.claimDue(worker: alive, platform: .telegram, lease: 120, limit: 1).map(\.id), [ids[2]])

            try await h.runOnce()

            let states = try ids.map { try h.item($0).state }
            XCTAssertEqual(states, [.unknown, .sent, .claimed, .sent])
            XCTAssertEqual(
                Set(h.double.calls(to: "banChatMember").compactMap { $0.int64("user_id") }), [3_001, 3_003],
                "the request that may have gone out is not repeated; the live connector's claim is left alone")
            XCTAssertTrue(try h.item(ids[0]).lastError?.contains("stopped during the request") == true)
        }
    }

    func testStoppingGivesBackTheClaimsNotYetSent() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let chat = PlatformID.number(People.group.id)
            let ids = try h.enqueue((0..<3).map { .banMember(chat: chat, user: .number(3_100 + Int64($0)), until: nil, revokeMessages: false) })
            // The first request is slow to answer; Ctrl-C comes while it is in flight.
            h.double.respond(to: "banChatMember", with: .delay(seconds: 0.5, then: .proceed))
            let connector = h.connector(once: false)
            let running = h.start(connector)
            try await h.double.waitForCalls(to: "banChatMember", count: 1, timeout: 5)
            let stopped = await h.stop(connector, running)
            XCTAssertNil(stopped.outcome)

            XCTAssertEqual(try ids.map { try h.item($0).state }, [.sent, .pending, .pending], "the request in flight is finished, the rest given back")
            XCTAssertEqual(h.double.calls(to: "banChatMember").count, 1)
            XCTAssertEqual(try h.store.connectorStatuses().first?.state, .stopped)
        }
    }

    func testCtrlCDuringABackoffStopsAtOnceAndSaysStopped() async throws {
        try await ConnectorHarness.with { h in
            // getUpdates fails: the connector waits 2 s before polling again, and is stopped meanwhile.
            h.double.respond(to: "getUpdates", with: .serverError(status: 503))
            let connector = h.connector(once: false)
            let running = h.start(connector)
            try await h.double.waitForAnswers(to: "getUpdates", count: 1, timeout: 5)
            try await h.waitForStore("the backoff in the heartbeat") {
                try h.store.connectorStatuses().first { $0.state == .backingOff }
            }
            let (outcome, took) = await h.stop(connector, running)
            XCTAssertLessThan(took, 1, "a backoff does not hold up a stop")
            XCTAssertNil(outcome, "a stop is not an error: \(String(describing: outcome))")
            XCTAssertEqual(try h.store.connectorStatuses().map(\.state), [.stopped])
            XCTAssertEqual(h.double.calls(to: "getUpdates").count, 1)
        }
    }

    func testCtrlCWhileTelegramIsUnreachableAtStartStopsAtOnce() async throws {
        try await ConnectorHarness.with { h in
            h.double.respond(to: "getMe", with: .serverError(status: 502))
            let connector = h.connector(once: false)
            let running = h.start(connector)
            try await h.double.waitForAnswers(to: "getMe", count: 1, timeout: 5)
            let (outcome, took) = await h.stop(connector, running)
            XCTAssertLessThan(took, 1, "the 2 s wait before the next getMe does not hold up a stop")
            XCTAssertNil(outcome, "a stop is not an error: \(String(describing: outcome))")
            XCTAssertEqual(h.double.calls.map(\.method), ["getMe"])
        }
    }

    func testAConnectorStoppedByAnErrorFinishesThePostInFlight() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let id = try h.enqueue([.sendMessage(chat: .number(People.group.id), text: "今晚八点开播", entities: [], replyTo: nil)])[0]
            h.double.respond(to: "sendMessage", with: .delay(seconds: 2.5, then: .proceed))
            let connector = h.connector(once: false, requestTimeout: 5)
            let running = h.start(connector)
            try await h.double.waitForCalls(to: "sendMessage", count: 1, timeout: 5)
            // Someone sets a webhook: the next getUpdates is refused (409) while the post is still in flight.
            h.double.webhookURL = "https://example.invalid/hook"
            let outcome = await running.value
            guard case let .conflict(text)? = outcome as? ConnectorStop else { return XCTFail("\(String(describing: outcome))") }
            XCTAssertTrue(text.contains("webhook"), text)
            XCTAssertEqual(h.double.calls(to: "getUpdates").last?.status, 409)
            // The post went up; its answer was waited for rather than abandoned (which would leave it unknown).
            XCTAssertEqual(try h.item(id).state, .sent)
            XCTAssertEqual(h.double.calls(to: "sendMessage").count, 1)
        }
    }

    func testAStartThatHadToWaitLeavesOneStatusUnderTheBotsName() async throws {
        try await ConnectorHarness.with { h in
            // Telegram is unreachable at first: the connector says it is backing off before it knows the bot's name.
            h.double.respond(to: "getMe", with: .serverError(status: 502))
            let connector = h.connector(once: false)
            let running = h.start(connector)
            try await h.waitForStore("a backing-off status") { try h.store.connectorStatuses().first { $0.state == .backingOff } }
            try await h.double.waitForAnswers(to: "getMe", count: 2, timeout: 5)
            try await h.double.waitUntilLongPolling(timeout: 5)
            let stopped = await h.stop(connector, running)
            XCTAssertNil(stopped.outcome)
            let statuses = try h.store.connectorStatuses()
            XCTAssertEqual(statuses.map(\.connector), [ConnectorHarness.connectorName], "no status left under a provisional name")
            XCTAssertEqual(statuses.map(\.state), [.stopped])
        }
    }

    func testARequestStartedLateInABatchIsNotTakenForADeadOne() async throws {
        try await ConnectorHarness.with { h in
            try h.makeGroup()
            let chat = PlatformID.number(People.group.id)
            let ids = try h.enqueue((0..<3).map { .banMember(chat: chat, user: .number(3_200 + Int64($0)), until: nil, revokeMessages: false) })
            // Slow answers: the third request of the batch starts after the batch's 1 s claim has run out.
            h.double.respond(to: "banChatMember", with: .delay(seconds: 0.6, then: .proceed), times: 3)
            let connector = h.connector(lease: 1)
            let running = h.start(connector)
            try await h.double.waitForCalls(to: "banChatMember", count: 3, timeout: 5)
            // Another connector looks for due work meanwhile: a live request is not expired under it.
            XCTAssertEqual(try h.store.claimDue(worker: "another", platform: .telegram, lease: 120, limit: 10), [])
            let outcome = await running.value
            XCTAssertNil(outcome, "\(String(describing: outcome))")
            XCTAssertEqual(try ids.map { try h.item($0).state }, [.sent, .sent, .sent])
            XCTAssertEqual(h.double.calls(to: "banChatMember").count, 3)
        }
    }
}
