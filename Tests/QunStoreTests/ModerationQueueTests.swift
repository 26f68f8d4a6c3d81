import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// The review queue ingest fills: join requests, and messages the content rules flag (ads, links).
class ModerationQueueTests: StoreContractTestCase {
    func testQueueOrderAndContents() throws {
        let store = try makeCommunityStore()
        let queue = try store.moderationQueue()
        // Most severe first: the ad (4), the link (3), then erin's join request (2).
        XCTAssertEqual(queue.map(\.item.kind), [.flaggedMessage, .flaggedMessage, .joinRequest])
        XCTAssertEqual(queue.map(\.item.memberID), ["bob", "carol", "erin"])
        XCTAssertEqual(try store.openCaseCount(), 3)

        let ad = queue[0]
        XCTAssertEqual(ad.item.rule, "ad")
        XCTAssertEqual(ad.item.evidence, "加微信")
        XCTAssertEqual(ad.item.severity, 4)
        XCTAssertEqual(ad.item.status, .open)
        XCTAssertEqual(ad.item.eventSource, "test")
        XCTAssertEqual(ad.item.eventExternalID, "s12")
        XCTAssertEqual(ad.item.createdAt, at("2026-11-23T09:00:00+08:00"))
        XCTAssertEqual(ad.messageText, "加微信领红包")
        XCTAssertEqual(ad.memberName, "郑州+金水+小波", "the queue shows the group nickname")
        XCTAssertEqual(ad.groupName, Community.groupName)

        let link = queue[1]
        XCTAssertEqual(link.item.rule, "link")
        XCTAssertEqual(link.item.evidence, "https://t.cn/A6xYz")
        XCTAssertEqual(link.item.eventExternalID, "s13")
        XCTAssertEqual(link.messageText, "看这个 https://t.cn/A6xYz")

        let request = queue[2]
        XCTAssertNil(request.item.rule)
        XCTAssertEqual(request.item.eventExternalID, "s09")
        XCTAssertEqual(request.memberName, "Erin")
    }

    /// The limit keeps the most urgent rows, each still joined to its member's name and its message.
    func testALimitedQueueKeepsTheMostUrgentRowsWithTheirNamesAndMessages() throws {
        let store = try makeCommunityStore()
        let full = try store.moderationQueue()
        let top = try store.moderationQueue(limit: 2)
        XCTAssertEqual(top.map(\.item.id), full.prefix(2).map(\.item.id))
        XCTAssertEqual(top.map(\.memberName), ["郑州+金水+小波", full[1].memberName])
        XCTAssertEqual(top.map(\.messageText), full.prefix(2).map(\.messageText))
        XCTAssertEqual(try store.moderationQueue(limit: 1).first?.item.id, full.first?.item.id)
    }

    func testOpenedJoinRequestCase() throws {
        let store = try makeStore()
        try store.append([event("r1", .joinRequest, "u9", "2026-11-23T07:05:00+08:00", name: "新人", via: .qr)])
        let queue = try store.moderationQueue()
        XCTAssertEqual(queue.count, 1)
        XCTAssertEqual(queue.first?.item.kind, .joinRequest)
        XCTAssertEqual(queue.first?.item.status, .open)
        XCTAssertEqual(queue.first?.item.reason, "join request via qr")
        XCTAssertEqual(try store.stats(groupID: "g1").first?.pendingRequests, 1)

        try store.append([event("j1", .join, "u9", "2026-11-23T07:10:00+08:00", actor: "owner", via: .qr)])
        XCTAssertEqual(try store.moderationQueue().count, 0)
        XCTAssertEqual(try store.stats(groupID: "g1").first?.pendingRequests, 0)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u9")?.role, .member)
    }

    func testFlaggedCasesAreCountedInTheAppendResult() throws {
        let store = try makeStore()
        let result = try store.append([
            event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "加微信领红包"),
            event("m2", .message, "u2", "2026-11-23T08:01:00+08:00", text: "www.example.com 有优惠"),
            event("m3", .message, "u3", "2026-11-23T08:02:00+08:00", text: "今天天气不错"),
        ])
        XCTAssertEqual(result.flagged, 2)
        XCTAssertEqual(Set(try store.moderationQueue().compactMap(\.item.rule)), ["ad", "link"])
    }

    func testOneMessageWithALinkAndAnAdOpensTwoCases() throws {
        let store = try makeStore()
        let result = try store.append([
            event("m1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "加微信 详情看 https://spam.example.cn/x")
        ])
        XCTAssertEqual(result.flagged, 1, "one flagged message")
        XCTAssertEqual(try store.moderationQueue().compactMap(\.item.rule).sorted(), ["ad", "link"])
    }

    func testRepeatOffenderRisesAboveAnOlderCaseOfTheSameSeverity() throws {
        let store = try makeStore()
        try store.append([
            event("m1", .message, "first", "2026-11-23T08:00:00+08:00", text: "https://a.example.com"),
            event("m2", .message, "repeat", "2026-11-23T08:10:00+08:00", text: "https://b.example.com"),
            event("m3", .message, "repeat", "2026-11-23T08:20:00+08:00", text: "https://c.example.com"),
        ])
        let queue = try store.moderationQueue()
        XCTAssertEqual(queue.map(\.item.memberID), ["repeat", "repeat", "first"])
        XCTAssertEqual(queue.map(\.priorCases), [1, 1, 0])
    }

    func testContextAroundAFlaggedMessage() throws {
        let store = try makeCommunityStore()
        let link = try XCTUnwrap(store.moderationQueue().first { $0.item.rule == "link" })
        let context = try store.context(of: link.item)

        // Six events before s13 and three after, all from g1 (b01 at 09:15 Shanghai is in g2).
        let ordered = Community.g1Events
        let subject = try XCTUnwrap(ordered.firstIndex { $0.externalID == "s13" })
        let expected = Array(ordered[(subject - 6)...(subject + 3)])
        XCTAssertEqual(context.map(\.timestamp), expected.map(\.timestamp))
        XCTAssertEqual(context.map(\.kind), expected.map(\.kind))
        XCTAssertEqual(context.map(\.text), expected.map(\.text))
        XCTAssertEqual(context.filter(\.isSubject).count, 1)
        XCTAssertEqual(context.firstIndex(where: \.isSubject), 6)
        XCTAssertEqual(context[6].text, "看这个 https://t.cn/A6xYz")
        // Names are the members' current shown names: bob's nickname after his rename.
        XCTAssertEqual(context.first { $0.memberID == "bob" }?.memberName, "郑州+金水+小波")

        let shorter = try store.context(of: link.item, before: 1, after: 0)
        XCTAssertEqual(shorter.map(\.text), ["加微信领红包", "看这个 https://t.cn/A6xYz"])
    }

    func testContextOfACaseWithoutAnEventIsEmpty() throws {
        let store = try makeCommunityStore()
        let report = ModerationCase(
            id: 999, kind: .report, groupID: "g1", memberID: "bob", reason: "reported by a member", severity: 2,
            createdAt: Community.now)
        XCTAssertEqual(try store.context(of: report), [])
    }
}
