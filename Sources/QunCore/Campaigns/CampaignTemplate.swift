import Foundation

/// A campaign type with sensible defaults, so `c` in the dashboard (or `qundeck campaign new --template TYPE`)
/// needs only a name and the groups. Every default is listed in docs/campaigns.md.
public struct CampaignTemplate: Hashable, Sendable {
    public var type: CampaignType

    public init(_ type: CampaignType) { self.type = type }

    /// Every template, in the order the dashboard's form lists them.
    public static let all: [CampaignTemplate] = [
        .init(.redPacket), .init(.flashSale), .init(.preview), .init(.checkinChallenge), .init(.referral), .init(.lottery),
        .init(.welcome), .init(.firstOrder), .init(.holiday), .init(.live),
    ]

    /// Accepts the raw type ("flash_sale"), a hyphenated form ("flash-sale") or the Chinese title ("秒杀").
    public init?(named text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        if let type = CampaignType(rawValue: key) {
            self.init(type)
            return
        }
        let aliases: [String: CampaignType] = [
            "redpacket": .redPacket, "红包": .redPacket, "flashsale": .flashSale, "秒杀": .flashSale, "预告": .preview,
            "checkin": .checkinChallenge, "challenge": .checkinChallenge, "签到": .checkinChallenge, "打卡": .checkinChallenge,
            "拉新": .referral, "invite": .referral, "抽奖": .lottery, "giveaway": .lottery, "欢迎": .welcome,
            "firstorder": .firstOrder, "首单": .firstOrder, "节日": .holiday, "直播": .live,
        ]
        guard let type = aliases[key] else { return nil }
        self.init(type)
    }

    public var title: String {
        switch type {
        case .redPacket: return "红包 drop"
        case .flashSale: return "秒杀 flash sale"
        case .preview: return "预告 preview"
        case .checkinChallenge: return "签到挑战 check-in challenge"
        case .referral: return "拉新 referral contest"
        case .lottery: return "抽奖 lottery"
        case .welcome: return "进群欢迎 welcome"
        case .firstOrder: return "新人首单 first order"
        case .holiday: return "节日活动 holiday event"
        case .live: return "群直播 live session"
        }
    }

    public var summary: String {
        switch type {
        case .redPacket: return "¥3 over 20 slots with the product's name; 手气最佳 wins it (triggered by hand)"
        case .flashSale: return "hourly pushes 10:00–20:00, one product an hour, each after a ¥2.50 red packet, 3 days"
        case .preview: return "tomorrow's product and price, daily at 20:00"
        case .checkinChallenge: return "21 consecutive check-in days earn a ¥20 reward; 07:00 greeting daily"
        case .referral: return "20 qualified invites (in the group 7 days and spoke) earn a ¥50 reward; 30 days"
        case .lottery: return "3 prizes of ¥199 drawn in 7 days at 20:00 among members who joined before the launch and spoke 3 times"
        case .welcome: return "@name, the rules and the nickname format, 2 minutes after each join"
        case .firstOrder: return "¥5 off a new member's first order within 30 days of joining; 30 days"
        case .holiday: return "a holiday meetup announced for 7 days ahead at 19:00, reminders the day before and 30 min before"
        case .live: return "a live session tomorrow at 20:00, reminders the day before and 30 min before"
        }
    }

    /// The default message templates of this type.
    public var defaultMessages: [MessagePurpose: String] {
        switch type {
        case .redPacket:
            return [.redPacket: "🧧 {product}，手气最佳{prize}！", .winners: "🎉 恭喜 @{name} 手气最佳，{prize}！"]
        case .flashSale:
            return [
                .redPacket: "🧧 {product}",
                .push: "⏰ {time} 秒杀：{product} 只要 ¥{price}！手慢无～",
                .winners: "🎉 恭喜 @{name} 手气最佳，{product}包邮送！",
            ]
        case .preview:
            return [.preview: "📣 明日预告：明天 {time}，{product} 只要 ¥{price}！定好闹钟⏰"]
        case .checkinChallenge:
            return [
                .reminder: "☀️ 早安！{campaign}第{day}天，回复「签到」打卡，连续{days}天送{reward}💪",
                .reward: "🎉 @{name} 已连续签到{days}天，获得{reward}！",
            ]
        case .referral:
            return [
                .reminder: "👫 {campaign}：邀请{count}位好友进群（留群{days}天并发言），送{reward}！",
                .reward: "🎉 @{name} 已有效邀请{count}位好友，获得{reward}！",
            ]
        case .lottery:
            return [
                .announcement: "🎁 {campaign}：{time}开奖，奖品{prize}，共{count}名！",
                .winners: "🎉 {campaign}开奖：恭喜 {name} 获得{prize}！请私聊群主领奖。",
            ]
        case .welcome:
            return [.welcome: "@{name} 欢迎加入{group}！🎉 请先阅读群公告，并把群昵称改为「{format}」。群规：{rules}"]
        case .firstOrder:
            return [
                .reminder: "🛒 新人福利：进群{days}天内首单立减¥{reward}！",
                .reward: "🎉 @{name} 首单立减¥{reward}已到账",
            ]
        case .holiday, .live:
            return [.reminder: "📅 {campaign}：{time}开始，不见不散！"]
        }
    }

    /// A complete plan with this type's defaults, starting at `now`; times are read in `zone` (the campaign's
    /// home zone; each group's slots are still computed in its own zone). `id` defaults to
    /// `<type>-<yyyyMMdd-HHmm>` of `now` in `zone` (the store must make it unique).
    public func defaultPlan(
        name: String, groups: [String], now: Date, id: String? = nil, zone: TimeZone = TimeZone(identifier: Group.defaultTimeZoneID)!
    ) -> CampaignPlan {
        let today = LocalDay(now, in: zone)
        let g = max(1, groups.count)
        let at = { (h: Int, m: Int) in LocalTime(hour: h, minute: m)! }
        let dayStart = { (offset: Int) in today.adding(days: offset).start(in: zone) }
        let sampleProducts = CampaignTemplate.sampleProducts

        let schedule: CampaignSchedule
        let goal: CampaignGoal
        let budget: Money
        let rules: CampaignRules
        var hook: String?
        switch type {
        case .redPacket:
            let r = RedPacketRules(amount: Money(fen: 300), slots: 20, product: sampleProducts[0].name, prize: "包邮送到家")
            rules = .redPacket(r)
            schedule = CampaignSchedule(.manual, startsAt: now, endsAt: dayStart(7))
            goal = CampaignGoal(.claims, target: r.slots * 10 * g)
            budget = Money(fen: r.amount.fen * 10 * Int64(g))
            hook = "🧧 红包里藏着今天的爆品名字"
        case .flashSale:
            let window = LocalTimeWindow(start: at(10, 0), end: at(20, 0))!
            let r = FlashSaleRules(products: sampleProducts, packetAmount: Money(fen: 250), packetSlots: 20)
            rules = .flashSale(r)
            schedule = CampaignSchedule(.hourly(window: window, minute: 0), startsAt: now, endsAt: dayStart(3))
            goal = CampaignGoal(.orders, target: 10 * 3 * g)
            budget = Money(fen: 250 * Int64(window.hourlyTimes(atMinute: 0).count) * 3 * Int64(g))
            hook = "每小时一款爆品，红包里藏着产品名"
        case .preview:
            rules = .preview(PreviewRules(products: sampleProducts, saleTime: at(10, 0)))
            schedule = CampaignSchedule(.daily(at: at(20, 0)), startsAt: now)
            goal = CampaignGoal(.messages, target: 30 * g)
            budget = .zero
            hook = "明天 10 点，{product} 只要 ¥{price}"
        case .checkinChallenge:
            let r = CheckinChallengeRules(requiredDays: 21, reward: Money(fen: 2000), rewardName: "小礼品一份")
            rules = .checkinChallenge(r)
            schedule = CampaignSchedule(.daily(at: at(7, 0)), startsAt: dayStart(1), endsAt: dayStart(1 + r.requiredDays))
            goal = CampaignGoal(.completions, target: 10 * g)
            budget = Money(fen: r.reward.fen * 10 * Int64(g))
            hook = "坚持就是胜利💪"
        case .referral:
            let r = ReferralRules(requiredInvites: 20, reward: Money(fen: 5000), rewardName: "5L花生油一桶")
            rules = .referral(r)
            schedule = CampaignSchedule(.everyNDays(n: 3, at: at(19, 0), anchor: today), startsAt: now, endsAt: dayStart(30))
            goal = CampaignGoal(.invites, target: 100 * g)
            budget = Money(fen: r.reward.fen * 5 * Int64(g))
            hook = "邀请\(r.requiredInvites)位邻居，送\(r.rewardName)"
        case .lottery:
            let r = LotteryRules(
                winners: 3, prize: "空气炸锅", prizeValue: Money(fen: 19_900),
                eligibility: LotteryEligibility(joinedBefore: now, minMessages: 3, minCheckinDays: 0, excludeStaff: true))
            rules = .lottery(r)
            let drawAt = LocalClock.instant(of: at(20, 0), on: today.adding(days: 7), in: zone)
            schedule = CampaignSchedule(.once(at: drawAt), startsAt: now)
            goal = CampaignGoal(.entrants, target: 100 * g)
            budget = Money(fen: r.prizeValue.fen * Int64(r.winners))
            hook = "🎁 抽\(r.winners)位送\(r.prize)"
        case .welcome:
            rules = .welcome(WelcomeRules(rulesText: CampaignTemplate.defaultRulesText))
            schedule = CampaignSchedule(.onJoin(delayMinutes: 2), startsAt: now)
            goal = CampaignGoal(.newMembers, target: 50 * g)
            budget = .zero
        case .firstOrder:
            let r = FirstOrderRules(reward: Money(fen: 500), newMemberDays: 30, minimumOrder: Money(fen: 990), ordersRewarded: 1)
            rules = .firstOrder(r)
            schedule = CampaignSchedule(.everyNDays(n: 7, at: at(11, 30), anchor: today), startsAt: now, endsAt: dayStart(30))
            goal = CampaignGoal(.firstOrders, target: 30 * g)
            budget = Money(fen: r.reward.fen * 30 * Int64(g))
            hook = "新人首单立减¥\(r.reward.yuanString)"
        case .holiday, .live:
            rules = .gathering(GatheringRules())
            let start = type == .holiday
                ? LocalClock.instant(of: at(19, 0), on: today.adding(days: 7), in: zone)
                : LocalClock.instant(of: at(20, 0), on: today.adding(days: 1), in: zone)
            schedule = CampaignSchedule(.once(at: start), startsAt: now)
            goal = CampaignGoal(.messages, target: (type == .holiday ? 50 : 100) * g)
            budget = .zero
        }
        return CampaignPlan(
            id: id ?? CampaignTemplate.defaultID(type: type, now: now, zone: zone), name: name, theme: nil, hook: hook, type: type,
            status: .draft, groupIDs: groups, schedule: schedule, goal: goal, budget: budget, rules: rules,
            messages: defaultMessages, createdAt: now)
    }

    /// `flash_sale-20261111-1000`: the type and the local minute of creation.
    public static func defaultID(type: CampaignType, now: Date, zone: TimeZone) -> String {
        let local = LocalDateTime(now, in: zone)
        let (y, m, d) = local.day.civil
        return type.rawValue + String(format: "-%04d%02d%02d-%02d%02d", y, m, d, local.time.hour, local.time.minute)
    }

    /// Sample line-up for sales and previews until the admin enters the real products.
    public static let sampleProducts: [SaleProduct] = [
        SaleProduct(name: "五常大米 5kg", price: Money(fen: 3990), stock: 200),
        SaleProduct(name: "赣南脐橙 10斤", price: Money(fen: 4990), stock: 150),
        SaleProduct(name: "土鸡蛋 30枚", price: Money(fen: 2990), stock: 300),
        SaleProduct(name: "洗衣液 3kg", price: Money(fen: 1990), stock: 200),
    ]

    /// The default 群规 line of the welcome message.
    public static let defaultRulesText = "不发链接、不发广告、不发违法内容，违者按群规处理（警告→禁言→移出→拉黑）。"
}
