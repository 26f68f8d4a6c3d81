import Foundation
import QunCore

@testable import QunTUI

/// A hand-made dashboard with the text that breaks naive terminals: Chinese, full-width forms, emoji
/// (ZWJ sequences, flags, skin tones, VS16), combining marks, and a name carrying an escape sequence.
enum SampleDashboard {
    static let now = ISO8601DateFormatter().date(from: "2026-11-23T04:30:00Z")!  // 12:30 in Shanghai
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let today = LocalDay(now, in: zone)

    static func group(_ id: String, _ name: String, platform: Platform = .wechat, zone: String = "Asia/Shanghai", format: String? = nil) -> Group {
        Group(id: id, platform: platform, name: name, timeZoneID: zone, ownerID: "owner-\(id)", nicknameFormat: format, createdAt: now.addingTimeInterval(-90 * 86_400))
    }

    static let groups = [
        group("zz-1", "郑州·金水花园1群", format: "城市+社区+名字"),
        group("car", "车友会·周末自驾 🚗", format: "城市+名字+车型"),
        group("berlin", "Berlin 华人 Foodies 🇩🇪", platform: .telegram, zone: "Europe/Berlin"),
        group("fit", "ＦＩＴ健身打卡营💪🏽"),
        group("evil", "Evil\u{1B}]0;pwned\u{07}群\u{202E}gnp.exe"),
    ]

    static func member(_ id: String, _ group: String, _ name: String, streak: Int, last: Int?, messages: Int = 10) -> Member {
        Member(
            groupID: group, memberID: id, displayName: name, nickname: name, role: .member, status: .active,
            tags: id == "m1" ? [.seed, .vip] : [], inviterID: "owner-\(group)", joinSource: .inviteLink,
            joinedAt: now.addingTimeInterval(-40 * 86_400), firstSeen: now.addingTimeInterval(-40 * 86_400),
            lastSeen: now.addingTimeInterval(-600), messageCount: messages, checkinStreak: streak, longestStreak: streak + 3,
            lastCheckinDay: last.map { today.adding(days: $0) })
    }

    static var data: DashboardData {
        let hourly: [[Int]] = [
            [3, 1, 0, 0, 0, 0, 2, 5, 40, 22, 18, 30, 45, 28, 20, 18, 25, 38, 52, 61, 48, 30, 12, 9],
            [0, 0, 0, 0, 0, 1, 3, 9, 12, 8, 6, 10, 14, 9, 7, 6, 8, 12, 15, 17, 11, 6, 2, 1],
            [1, 0, 0, 0, 2, 3, 5, 8, 4, 3, 2, 4, 6, 3, 2, 1, 2, 3, 4, 5, 3, 2, 1, 0],
            [0, 0, 0, 0, 0, 0, 0, 30, 20, 3, 2, 2, 3, 2, 1, 2, 3, 9, 12, 14, 20, 11, 3, 0],
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        ]
        let activity = groups.enumerated().map { i, g in
            var a = GroupActivity(
                group: g, members: [458, 286, 180, 220, 12][i], activeToday: [287, 125, 59, 80, 1][i],
                messagesLastHour: [43, 17, 2, 9, 1][i], messagesToday: [592, 218, 82, 152, 1][i],
                joinsToday: [1, 0, 2, 3, 1][i], leavesToday: [0, 1, 0, 1, 0][i], hourly: hourly[i],
                baselineLast3Hours: [120, 40, 12, 60, 0][i], messagesLast3Hours: [125, 40, 9, 7, 1][i],
                lastMessageAt: now.addingTimeInterval(-Double(i * 60)))
            // The car club's owner has not spoken for four days; the others spoke this morning.
            a.ownerLastMessageAt = g.id == "car" ? now.addingTimeInterval(-4 * 86_400) : now.addingTimeInterval(-5 * 3600)
            return a
        }
        let rates = groups.enumerated().map { i, g in
            GroupCheckinRate(
                group: g, checkedInToday: [178, 40, 31, 111, 0][i], checkedInYesterday: [167, 44, 22, 119, 0][i],
                members: [458, 286, 180, 220, 12][i],
                lastDays: (0..<14).map { d in d == 13 ? [178, 40, 31, 111, 0][i] : max(0, [170, 45, 25, 115, 0][i] + (d * 7 % 11) - 5 - (i == 1 ? d : 0)) })
        }
        let members = [
            member("m1", "zz-1", "郑州+金水+小李🎉", streak: 21, last: -1, messages: 320),
            member("m2", "fit", "👨‍👩‍👧 三口之家", streak: 15, last: -1),
            member("m3", "berlin", "Jörg Müller", streak: 9, last: 0),
            member("m4", "zz-1", "郑州+金水+José\u{301}", streak: 4, last: 0),
            member("m5", "car", "郑州+王芳+比亚迪", streak: 2, last: 0),
        ]
        let checkinRows = members.map { m in
            CheckinMemberRow(member: m, groupName: groups.first { $0.id == m.groupID }!.name, today: today)
        }.sorted { ($0.atRisk ? 0 : 1, -$0.currentStreak) < ($1.atRisk ? 0 : 1, -$1.currentStreak) }
        let queue = [
            ModerationQueueRow(
                item: ModerationCase(id: 1, kind: .flaggedMessage, groupID: "zz-1", memberID: "spam1", eventSource: "demo", eventExternalID: "e1", rule: "ad",
                                     reason: "order-brushing spam (刷单)", evidence: "刷单", severity: 5, createdAt: now.addingTimeInterval(-180))
                    .withChineseReason("刷单诈骗"),
                groupName: "郑州·金水花园1群", memberName: "A00批发零售", priorCases: 2, messageText: "刷单返利，扣扣 123456"),
            ModerationQueueRow(
                item: ModerationCase(id: 2, kind: .flaggedMessage, groupID: "car", memberID: "spam2", eventSource: "demo", eventExternalID: "e2", rule: "link",
                                     reason: "link to t.cn", evidence: "https://t.cn/A6xYz", severity: 3, createdAt: now.addingTimeInterval(-3_600)),
                groupName: "车友会·周末自驾 🚗", memberName: "Lucky🍀", priorCases: 0, messageText: "看这个https://t.cn/A6xYz，赶紧"),
            ModerationQueueRow(
                item: ModerationCase(id: 3, kind: .joinRequest, groupID: "zz-1", memberID: "new1", eventSource: "demo", eventExternalID: "e3",
                                     reason: "join request via request", evidence: "我是3号楼业主", severity: 2, createdAt: now.addingTimeInterval(-7_200)),
                groupName: "郑州·金水花园1群", memberName: "郑州+金水+新人王", priorCases: 0, messageText: "我是3号楼业主"),
            ModerationQueueRow(
                item: ModerationCase(id: 4, kind: .report, groupID: "evil", memberID: "evil1", reason: "reported: \u{1B}[31mred\u{1B}[0m text",
                                     severity: 2, createdAt: now.addingTimeInterval(-90_000)),
                groupName: groups[4].name, memberName: "Bidi\u{202E}olleh", priorCases: 0, messageText: nil),
        ]
        let campaigns = [
            CampaignRow(
                campaign: Campaign(id: "flash", name: "爆品秒杀·红包雨🧧", type: .flashSale, status: .running, groupIDs: ["zz-1", "car"],
                                   theme: "每小时一款爆品", hook: "🧧 红包里藏着今天的爆品名字", product: "五常大米 5kg", goalMetric: "claims", goalTarget: 3000,
                                   budget: Money(fen: 60_000), startsAt: now.addingTimeInterval(-7 * 86_400), endsAt: now.addingTimeInterval(3 * 86_400),
                                   nextRunAt: now.addingTimeInterval(1_800), createdAt: now.addingTimeInterval(-8 * 86_400)),
                progress: CampaignProgress(achieved: 1_840, spent: Money(fen: 37_712)), groupNames: ["郑州·金水花园1群", "车友会·周末自驾 🚗"]),
            CampaignRow(
                campaign: Campaign(id: "ref", name: "拉新有礼·邀20人送油", type: .referral, status: .running, groupIDs: ["zz-1"], goalMetric: "invites",
                                   goalTarget: 200, budget: Money(fen: 50_000), createdAt: now.addingTimeInterval(-20 * 86_400)),
                progress: CampaignProgress(achieved: 131, spent: Money(fen: 52_000)), groupNames: ["郑州·金水花园1群"]),
            CampaignRow(
                campaign: Campaign(id: "lottery", name: "Christmas lottery 🎄", type: .lottery, status: .scheduled, groupIDs: ["berlin"], goalMetric: "messages",
                                   goalTarget: 500, budget: Money(fen: 120_000), nextRunAt: now.addingTimeInterval(19 * 86_400), createdAt: now),
                progress: CampaignProgress(achieved: 0, spent: .zero), groupNames: ["Berlin 华人 Foodies 🇩🇪"]),
        ]
        return DashboardData(
            storeAddress: "/data/qundeck.sqlite", now: now, groups: groups, activity: activity, checkinRates: rates,
            checkinMembers: checkinRows, queue: queue, campaigns: campaigns, eventCount: 1_234_567)
    }

    static func state(width: Int, height: Int, language: Language = .en) -> AppState {
        AppState(data: data, width: width, height: height, language: language, themeName: "default", themeNames: ["default", "light", "mono"])
    }

    static var staff: [Member] {
        var owner = member("owner-zz-1", "zz-1", "郑州+金水+群主王", streak: 0, last: nil)
        owner.role = .owner
        owner.lastMessageAt = now.addingTimeInterval(-4 * 86_400)
        var admin = member("admin-1", "zz-1", "郑州+金水+管理员小刘", streak: 0, last: nil)
        admin.role = .admin
        admin.lastMessageAt = now.addingTimeInterval(-1_200)
        return [owner, admin]
    }

    static var profile: MemberProfile {
        var m = member("m1", "zz-1", "郑州+金水+小李🎉", streak: 21, last: -1, messages: 320)
        m.orderCount = 4
        m.orderTotal = Money(fen: 61_870)
        m.claimCount = 12
        m.checkinCount = 58
        m.lastMessageAt = now.addingTimeInterval(-600)
        let days = (1...21).map { today.adding(days: -$0) } + [today.adding(days: -25), today.adding(days: -27)]
        return MemberProfile(
            member: m, group: groups[0], otherGroups: ["车友会·周末自驾 🚗"], invites: InviteCount(invited: 9, qualified: 6),
            inviterName: "郑州+金水+群主王", recentCheckins: days.sorted(), messagesLast30Days: 140,
            notes: [MemberNote(at: now.addingTimeInterval(-86_400), author: "admin", text: "团购团长，负责3号楼自提点 📦")],
            openCases: 0, today: today)
    }

    static var context: [ContextMessage] {
        [
            ContextMessage(timestamp: now.addingTimeInterval(-400), memberID: "a", memberName: "郑州+金水+小李🎉", kind: .message, text: "早安☀️", isSubject: false),
            ContextMessage(timestamp: now.addingTimeInterval(-300), memberID: "b", memberName: "Lucky🍀", kind: .message, text: "今天的草莓很新鲜🍓", isSubject: false),
            ContextMessage(timestamp: now.addingTimeInterval(-180), memberID: "spam1", memberName: "A00批发零售", kind: .message, text: "刷单返利，扣扣 123456", isSubject: true),
            ContextMessage(timestamp: now.addingTimeInterval(-100), memberID: "c", memberName: "郑州+金水+José\u{301}", kind: .message, text: "请不要发广告", isSubject: false),
        ]
    }
}
