import Foundation
import QunCore
import QunIngest
import XCTest

@testable import QunConnect

/// Bot API answers, worded as Telegram words them, and what each means for an outbox item.
final class DeliveryVerdictTests: XCTestCase {
    let ban = OutboxCommand.banMember(chat: .number(-100_1), user: .number(2), until: nil, revokeMessages: false)
    let post = OutboxCommand.sendMessage(chat: .number(-100_1), text: "hi", entities: [], replyTo: nil)
    let delete = OutboxCommand.deleteMessages(chat: .number(-100_1), ids: [.number(3)])

    func answer(_ status: Int, _ body: String) -> TelegramAnswer { TelegramError.parse(status: status, body: Data(body.utf8)) }

    func testRateLimitWaitsRetryAfterForTheChat() {
        let verdict = DeliveryVerdict.judge(
            answer(429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}"#),
            command: post, attempt: 1)
        XCTAssertEqual(verdict, .retry(after: 17, reason: "429 Too Many Requests: retry after 17", chatWide: true))
    }

    func testServerErrorsAndProxyPagesRetryWithCappedBackoff() {
        let html = DeliveryVerdict.judge(answer(502, "<html><body>Bad Gateway</body></html>"), command: ban, attempt: 3)
        guard case let .retry(after, _, chatWide) = html else { return XCTFail("\(html)") }
        XCTAssertEqual(after, 8)
        XCTAssertFalse(chatWide)
        XCTAssertEqual(DeliveryVerdict.backoff(attempt: 20), 300)
        let last = DeliveryVerdict.judge(answer(500, #"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#), command: ban,
                                         attempt: DeliveryVerdict.maxAttempts)
        XCTAssertEqual(last, .failed("gave up after 8 attempts: 500 Internal Server Error"))
    }

    func testDeletingAMessageAlreadyGoneIsDone() {
        let gone = answer(400, #"{"ok":false,"error_code":400,"description":"Bad Request: message to delete not found"}"#)
        XCTAssertEqual(DeliveryVerdict.judge(gone, command: delete, attempt: 1), .done(response: nil))
        let old = answer(400, #"{"ok":false,"error_code":400,"description":"Bad Request: message can't be deleted"}"#)
        guard case let .failed(reason) = DeliveryVerdict.judge(old, command: delete, attempt: 1) else { return XCTFail() }
        XCTAssertTrue(reason.contains("48 hours"), reason)
    }

    func testAnUpgradedGroupMovesTheChat() {
        let migrated = answer(400, #"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009876}}"#)
        XCTAssertEqual(
            DeliveryVerdict.judge(migrated, command: ban, attempt: 1),
            .moveChat(to: -1_009_876, reason: "400 Bad Request: group chat was upgraded to a supergroup chat"))
    }

    func testAKickedBotLosesTheGroupAndABadTokenStopsTheConnector() {
        let kicked = answer(403, #"{"ok":false,"error_code":403,"description":"Forbidden: bot was kicked from the supergroup chat"}"#)
        XCTAssertEqual(DeliveryVerdict.judge(kicked, command: ban, attempt: 1), .chatGone("403 Forbidden: bot was kicked from the supergroup chat"))
        let token = answer(401, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#)
        guard case .stopConnector = DeliveryVerdict.judge(token, command: ban, attempt: 1) else { return XCTFail() }
    }

    func testAPostWithoutAnAnswerIsUnknownButABanIsRetried() {
        guard case .unknown = DeliveryVerdict.judge(.noAnswer("timed out"), command: post, attempt: 1) else { return XCTFail() }
        guard case .retry = DeliveryVerdict.judge(.noAnswer("timed out"), command: ban, attempt: 1) else { return XCTFail() }
        guard case .retry = DeliveryVerdict.judge(.notSent("connection refused"), command: post, attempt: 1) else { return XCTFail() }
    }

    func testTheSentMessageIsKeptAsTheResponse() {
        let sent = answer(200, #"{"ok":true,"result":{"message_id":77,"chat":{"id":-1001,"type":"supergroup"},"date":1,"text":"hi"}}"#)
        guard case let .done(response) = DeliveryVerdict.judge(sent, command: post, attempt: 1) else { return XCTFail() }
        XCTAssertTrue(response?.contains(#""message_id":77"#) == true, response ?? "nil")
        XCTAssertEqual(DeliveryVerdict.judge(answer(200, #"{"ok":true,"result":true}"#), command: ban, attempt: 1), .done(response: nil))
    }
}
