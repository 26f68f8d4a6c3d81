import Foundation
import XCTest

@testable import QunConnect

/// Telegram's limits: 30 requests a second, 20 posts a minute per group, and 429's retry_after.
final class DeliveryRateLimiterTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    func testTwentyPostsAMinuteInOneGroup() {
        var limiter = DeliveryRateLimiter()
        for i in 0..<20 {
            let at = t0.addingTimeInterval(Double(i))
            XCTAssertEqual(limiter.wait(chat: 1, isMessage: true, now: at), 0)
            limiter.record(chat: 1, isMessage: true, at: at)
        }
        XCTAssertEqual(limiter.wait(chat: 1, isMessage: true, now: t0.addingTimeInterval(20)), 40, accuracy: 0.001,
                       "the 21st waits until the first is a minute old")
        XCTAssertEqual(limiter.wait(chat: 2, isMessage: true, now: t0.addingTimeInterval(20)), 0, "another group is not held up")
        XCTAssertEqual(limiter.wait(chat: 1, isMessage: false, now: t0.addingTimeInterval(20)), 0, "a ban is not a post")
    }

    func testThirtyRequestsASecondOverall() {
        var limiter = DeliveryRateLimiter()
        for i in 0..<30 { limiter.record(chat: Int64(i), isMessage: false, at: t0.addingTimeInterval(Double(i) * 0.01)) }
        XCTAssertEqual(limiter.wait(chat: 99, isMessage: false, now: t0.addingTimeInterval(0.5)), 0.5, accuracy: 0.001)
        XCTAssertEqual(limiter.wait(chat: 99, isMessage: false, now: t0.addingTimeInterval(0.995)), 0.005, accuracy: 0.0001)
        XCTAssertEqual(limiter.wait(chat: 99, isMessage: false, now: t0.addingTimeInterval(1.0)), 0, "the first request is a second old")
    }

    func testRetryAfterBlocksTheChatOrEverything() {
        var limiter = DeliveryRateLimiter()
        limiter.block(chat: 1, for: 30, now: t0)
        XCTAssertEqual(limiter.wait(chat: 1, isMessage: false, now: t0.addingTimeInterval(10)), 20, accuracy: 0.001)
        XCTAssertEqual(limiter.wait(chat: 2, isMessage: false, now: t0.addingTimeInterval(10)), 0)
        XCTAssertEqual(limiter.blockedUntil(now: t0), t0.addingTimeInterval(30))
        limiter.block(chat: nil, for: 5, now: t0)
        XCTAssertEqual(limiter.wait(chat: 2, isMessage: false, now: t0.addingTimeInterval(1)), 4, accuracy: 0.001)
    }
}
