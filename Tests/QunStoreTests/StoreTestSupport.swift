import Foundation
import XCTest

import QunCore
@testable import QunStore

/// Shared helpers for the store tests: instants written the way admins read them (local time with an
/// offset), a compact event builder, and stores in temporary directories that are removed afterwards.

/// An instant from an RFC 3339 string with an explicit offset, e.g. "2026-11-23T07:00:00+08:00".
func at(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else {
        XCTFail("bad test timestamp \(text)", file: file, line: line)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

/// One feed event with only the fields a test cares about spelled out.
func event(
    _ id: String, _ kind: EventKind, _ member: String, _ time: String, group: String = "g1", source: String = "test",
    name: String? = nil, text: String? = nil, actor: String? = nil, via: JoinSource? = nil, amount: Money? = nil,
    campaign: String? = nil, groupName: String? = nil, platform: Platform? = nil, timeZone: String? = nil,
    role: MemberRole? = nil
) -> Event {
    Event(
        source: source, externalID: id, groupID: group, timestamp: at(time), kind: kind, memberID: member,
        groupName: groupName, groupPlatform: platform, groupTimeZoneID: timeZone, memberName: name, memberRole: role,
        text: text, actorID: actor, via: via, amount: amount, campaignID: campaign)
}

extension XCTestCase {
    /// A fresh directory under the system temp dir, deleted when the test ends.
    func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("qundeck-storetests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A new store in its own temporary directory; returns the store and its file URL.
    func makeStore() throws -> (store: SQLiteStore, url: URL) {
        let url = try makeTemporaryDirectory().appendingPathComponent("store.sqlite")
        return (try SQLiteStore(url: url), url)
    }

    /// A new store whose rules call `messages` messages within `seconds` a flood (the standard action: mute).
    func makeStore(floodAt messages: Int, within seconds: Int, now: Date) throws -> SQLiteStore {
        let (store, _) = try makeStore()
        var settings = RuleSettings()
        settings.flood = FloodSettings(messages: messages, seconds: seconds)
        try store.saveRuleSet(RuleSet(defaults: settings), actor: "owner", now: now)
        return store
    }
}

/// Runs `body` on a thread of its own (not the test thread) and waits for it, up to `timeout` seconds.
/// Returns false when the thread did not finish in time.
func runConcurrently(_ bodies: [@Sendable () -> Void], timeout: TimeInterval = 60) -> Bool {
    let done = DispatchGroup()
    for body in bodies {
        done.enter()
        let thread = Thread {
            body()
            done.leave()
        }
        thread.start()
    }
    return done.wait(timeout: .now() + timeout) == .success
}

/// A value shared between the test thread and worker threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
}

/// A small community day used by several files: group g1 (Asia/Shanghai, WeChat) on 2026-11-22 and
/// 2026-11-23, plus a Europe/Berlin group g2. "now" is 2026-11-23 21:30 Shanghai time.
enum Community {
    static let now = at("2026-11-23T21:30:00+08:00")
    static let groupName = "金水花园1群"

    static let events: [Event] = [
        // Yesterday, 2026-11-22.
        event("s01", .join, "owner", "2026-11-22T06:50:00+08:00", name: "群主", groupName: groupName, platform: .wechat,
              timeZone: "Asia/Shanghai", role: .owner),
        event("s02", .join, "alice", "2026-11-22T07:00:00+08:00", name: "Alice", actor: "owner", via: .inviteLink),
        event("s03", .join, "carol", "2026-11-22T07:05:00+08:00", name: "Carol", actor: "alice"),
        event("s04", .message, "alice", "2026-11-22T07:10:00+08:00", text: "早安"),
        event("s05", .message, "carol", "2026-11-22T07:12:00+08:00", text: "早安☀️"),
        // Today, 2026-11-23.
        event("s06", .join, "bob", "2026-11-23T07:00:00+08:00", name: "Bob", via: .qr),
        event("s07", .message, "alice", "2026-11-23T07:02:00+08:00", text: "早安"),
        event("s08", .joinRequest, "dave", "2026-11-23T07:05:00+08:00", name: "Dave", text: "我是3号楼的", via: .request),
        event("s09", .joinRequest, "erin", "2026-11-23T07:06:00+08:00", name: "Erin"),
        event("s10", .join, "dave", "2026-11-23T07:30:00+08:00", actor: "owner", via: .request),
        event("s11", .message, "bob", "2026-11-23T08:00:00+08:00", text: "大家好"),
        event("s12", .message, "bob", "2026-11-23T09:00:00+08:00", text: "加微信领红包"),
        event("s13", .message, "carol", "2026-11-23T09:10:00+08:00", text: "看这个 https://t.cn/A6xYz"),
        event("s14", .rename, "bob", "2026-11-23T09:20:00+08:00", name: "郑州+金水+小波"),
        event("s15", .join, "frank", "2026-11-23T10:00:00+08:00", name: "Frank"),
        event("s16", .leave, "frank", "2026-11-23T10:30:00+08:00"),
        event("s17", .join, "gina", "2026-11-23T11:00:00+08:00", name: "Gina"),
        event("s18", .remove, "gina", "2026-11-23T11:05:00+08:00", actor: "owner"),
        event("s19", .join, "hank", "2026-11-23T12:00:00+08:00", name: "Hank"),
        event("s20", .ban, "hank", "2026-11-23T12:01:00+08:00", actor: "owner"),
        event("s21", .redpacketClaim, "alice", "2026-11-23T20:00:00+08:00", amount: Money(fen: 125), campaign: "rp1"),
        event("s22", .redpacketClaim, "carol", "2026-11-23T20:00:30+08:00", amount: Money(fen: 75), campaign: "rp1"),
        event("s23", .order, "bob", "2026-11-23T20:10:00+08:00", amount: Money(fen: 3990), campaign: "ff1"),
        event("s24", .message, "alice", "2026-11-23T21:10:00+08:00", text: "抢到了"),
        // Group g2 in Berlin (CET, UTC+1 in November). 01:15Z is 09:15 in Shanghai, right after s13:
        // context around s13 must not pick it up.
        event("b01", .message, "klaus", "2026-11-23T01:15:00Z", group: "g2", name: "Klaus", text: "Guten Morgen allerseits",
              groupName: "Berlin 华人群", platform: .telegram, timeZone: "Europe/Berlin"),
        event("b02", .message, "klaus", "2026-11-23T12:30:00Z", group: "g2", text: "Mittag"),
    ]

    /// g1's events in time order (the order `context(of:)` walks).
    static var g1Events: [Event] { events.filter { $0.groupID == "g1" }.sorted { $0.timestamp < $1.timestamp } }

    static let redPacketCampaign = Campaign(
        id: "rp1", name: "双11红包雨", type: .redPacket, status: .running, groupIDs: ["g1"], goalMetric: "claims",
        goalTarget: 20, budget: Money(fen: 5_000), createdAt: at("2026-11-20T10:00:00+08:00"))
    static let flashSaleCampaign = Campaign(
        id: "ff1", name: "爆品秒杀", type: .flashSale, status: .running, groupIDs: ["g1", "g2"], goalMetric: "orders",
        goalTarget: 10, budget: Money(fen: 20_000), createdAt: at("2026-11-21T10:00:00+08:00"))

    /// A store holding the whole community, with both campaigns saved after the events.
    static func makeStore(in testCase: XCTestCase) throws -> SQLiteStore {
        let (store, _) = try testCase.makeStore()
        try store.append(events, now: now)
        try store.saveCampaign(redPacketCampaign)
        try store.saveCampaign(flashSaleCampaign)
        return store
    }
}

/// Plays a connector that gets "done" for every due item of every platform, as Telegram answers a
/// successful call: what undo and campaign tests need to tell sent items from unsent ones.
func deliverAll(_ store: SQLiteStore, now: Date) throws {
    for platform in Platform.allCases {
        for item in try store.claimDue(worker: "test-connector", platform: platform, lease: 60, limit: 1000, now: now) {
            XCTAssertTrue(try store.beginAttempt(id: item.id, worker: "test-connector", now: now))
            try store.complete(id: item.id, worker: "test-connector", response: nil, now: now)
        }
    }
}
