import Foundation

import QunCore
import QunStore

/// A small community day used by several files: group g1 (Asia/Shanghai, WeChat) on 2026-11-22 and
/// 2026-11-23, plus a Europe/Berlin group g2. "now" is 2026-11-23 21:30 Shanghai time.
public enum Community {
    public static let now = at("2026-11-23T21:30:00+08:00")
    public static let groupName = "金水花园1群"

    public static let events: [Event] = [
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
    public static var g1Events: [Event] { events.filter { $0.groupID == "g1" }.sorted { $0.timestamp < $1.timestamp } }

    public static let redPacketCampaign = Campaign(
        id: "rp1", name: "双11红包雨", type: .redPacket, status: .running, groupIDs: ["g1"], goalMetric: "claims",
        goalTarget: 20, budget: Money(fen: 5_000), createdAt: at("2026-11-20T10:00:00+08:00"))
    public static let flashSaleCampaign = Campaign(
        id: "ff1", name: "爆品秒杀", type: .flashSale, status: .running, groupIDs: ["g1", "g2"], goalMetric: "orders",
        goalTarget: 10, budget: Money(fen: 20_000), createdAt: at("2026-11-21T10:00:00+08:00"))

    /// Fills an empty store with the whole community, the campaigns saved after the events.
    public static func fill(_ store: any QundeckStore) throws {
        try store.append(events, now: now)
        try store.saveCampaign(redPacketCampaign)
        try store.saveCampaign(flashSaleCampaign)
    }
}
