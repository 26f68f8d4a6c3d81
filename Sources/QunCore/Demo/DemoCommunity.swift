import Foundation

/// Builds the demo community: groups of several kinds and time zones, members whose nicknames mostly
/// follow 城市+社区+名字, and 30 days of history in the daily rhythm of DOMAIN.md (07:00 check-ins,
/// lunch and evening peaks, joins and leaves, spam the rules catch, red packets, orders, join requests).
/// Same seed and same `now` → the same events, byte for byte.
public struct DemoCommunity: Sendable {
    public struct GroupPlan: Sendable {
        public var group: Group
        var kind: GroupKind
        var city: String
        var community: String
        var size: Int
        /// Messages per day at full activity.
        var dailyMessages: Int
        var checkinShare: Double
        var fading: Bool
    }

    enum GroupKind: Sendable { case community, cars, fitness, cycling, chess, berlin }

    struct Person: Sendable {
        var id: String
        var name: String
        var nickname: String
        var role: MemberRole
        /// Relative chattiness (heavy-tailed: a few members do most of the talking).
        var weight: Double
        /// Chance of checking in on a given morning.
        var checkinHabit: Double
        var joinedDaysAgo: Int
    }

    public let seed: UInt64
    public let now: Date
    public let days: Int
    public let groups: [GroupPlan]
    let people: [String: [Person]]
    public static let source = "demo"

    public init(seed: UInt64, now: Date, days: Int = 30) {
        self.seed = seed
        self.now = now
        self.days = days
        var rng = SeededGenerator(seed: seed)
        let start = now.addingTimeInterval(-Double(days + 120) * 86_400)
        let plans: [GroupPlan] = [
            GroupPlan(group: Group(id: "zz-jinshui-1", platform: .wechat, name: "郑州·金水花园1群", nicknameFormat: "城市+社区+名字", createdAt: start),
                      kind: .community, city: "郑州", community: "金水", size: 420, dailyMessages: 420, checkinShare: 0.30, fading: false),
            GroupPlan(group: Group(id: "zz-jinshui-2", platform: .wechat, name: "郑州·金水花园2群", nicknameFormat: "城市+社区+名字", createdAt: start),
                      kind: .community, city: "郑州", community: "金水", size: 310, dailyMessages: 260, checkinShare: 0.25, fading: true),
            GroupPlan(group: Group(id: "hz-binjiang", platform: .wecom, name: "杭州·滨江花苑业主群", nicknameFormat: "城市+社区+名字", createdAt: start),
                      kind: .community, city: "杭州", community: "滨江", size: 190, dailyMessages: 300, checkinShare: 0.35, fading: false),
            GroupPlan(group: Group(id: "car-club", platform: .wechat, name: "车友会·周末自驾 🚗", nicknameFormat: "城市+名字+车型", createdAt: start),
                      kind: .cars, city: "郑州", community: "", size: 230, dailyMessages: 160, checkinShare: 0.10, fading: false),
            GroupPlan(group: Group(id: "fit-camp", platform: .wecom, name: "健身打卡营", createdAt: start),
                      kind: .fitness, city: "杭州", community: "", size: 160, dailyMessages: 150, checkinShare: 0.55, fading: false),
            GroupPlan(group: Group(id: "sh-riders", platform: .telegram, name: "Shanghai Riders 骑行", createdAt: start),
                      kind: .cycling, city: "上海", community: "", size: 140, dailyMessages: 110, checkinShare: 0.15, fading: false),
            GroupPlan(group: Group(id: "chess-club", platform: .wechat, name: "棋友群", createdAt: start),
                      kind: .chess, city: "郑州", community: "", size: 90, dailyMessages: 60, checkinShare: 0.20, fading: true),
            GroupPlan(group: Group(id: "berlin-foodies", platform: .telegram, name: "Berlin 华人 Foodies", timeZoneID: "Europe/Berlin", createdAt: start),
                      kind: .berlin, city: "Berlin", community: "", size: 120, dailyMessages: 90, checkinShare: 0.12, fading: false),
        ]
        var people: [String: [Person]] = [:]
        // Some people belong to several groups (same id, their own nickname per group).
        var shared: [Person] = []
        for plan in plans {
            var members: [Person] = []
            for index in 0..<plan.size {
                if index > 3, !shared.isEmpty, plan.kind != .berlin, Double.random(in: 0..<1, using: &rng) < 0.06 {
                    var p = shared.randomElement(using: &rng)!
                    if members.contains(where: { $0.id == p.id }) { continue }
                    p.role = .member
                    p.nickname = DemoCommunity.nickname(for: p.name, plan: plan, rng: &rng)
                    members.append(p)
                    continue
                }
                let name = DemoCommunity.personName(plan: plan, rng: &rng)
                let role: MemberRole = index == 0 ? .owner : index <= 2 ? .admin : index == 3 ? .agent : .member
                let id = "\(plan.group.platform.rawValue)-\(String(rng.next() % 1_000_000_000, radix: 36))"
                let weight = pow(Double.random(in: 0.001..<1, using: &rng), 2.2) * (role == .member ? 1 : 2)
                let person = Person(
                    id: id, name: name, nickname: role == .owner && plan.kind == .community ? "\(plan.city)+\(plan.community)+群主\(name.prefix(1))" : DemoCommunity.nickname(for: name, plan: plan, rng: &rng),
                    role: role, weight: weight,
                    checkinHabit: min(0.97, Double.random(in: 0..<1, using: &rng) < plan.checkinShare * 1.6 ? Double.random(in: 0.55..<1, using: &rng) : Double.random(in: 0..<0.15, using: &rng)),
                    joinedDaysAgo: index < 4 ? days + 100 : Int.random(in: days + 1...(days + 110), using: &rng))
                members.append(person)
                if plan.kind != .berlin, Double.random(in: 0..<1, using: &rng) < 0.05 { shared.append(person) }
            }
            people[plan.group.id] = members
        }
        self.groups = plans
        self.people = people
    }

    static func personName(plan: GroupPlan, rng: inout SeededGenerator) -> String {
        if plan.kind == .berlin, Double.random(in: 0..<1, using: &rng) < 0.4 { return DemoNames.englishNames.randomElement(using: &rng)! }
        let surname = DemoNames.surnames.randomElement(using: &rng)!
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<3: return "小" + surname
        case 3: return "老" + surname
        case 4: return surname + "姐"
        case 5..<8: return surname + DemoNames.givenNames.randomElement(using: &rng)!
        default: return surname + DemoNames.givenNames.randomElement(using: &rng)! + DemoNames.givenNames.randomElement(using: &rng)!
        }
    }

    /// Most follow the group's format; about one in seven does not (the admins' nickname chores).
    static func nickname(for name: String, plan: GroupPlan, rng: inout SeededGenerator) -> String {
        if Double.random(in: 0..<1, using: &rng) < 0.14 { return DemoNames.freeStyleNicknames.randomElement(using: &rng)! }
        switch plan.group.nicknameFormat {
        case "城市+社区+名字": return "\(plan.city)+\(plan.community)+\(name)"
        case "城市+名字+车型": return "\(plan.city)+\(name)+\(["比亚迪", "特斯拉", "大众", "丰田", "理想", "本田"].randomElement(using: &rng)!)"
        default: return name
        }
    }

    // MARK: campaigns

    public func campaigns() -> [Campaign] {
        let today = LocalDay(now, in: TimeZone(identifier: Group.defaultTimeZoneID)!)
        let zone = TimeZone(identifier: Group.defaultTimeZoneID)!
        let dayStart = today.start(in: zone)
        let nextHour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 3600)
        let nextHourInWindow = localHour(of: nextHour, in: zone) >= 10 && localHour(of: nextHour, in: zone) <= 20
            ? nextHour : (localHour(of: nextHour, in: zone) < 10 ? dayStart.addingTimeInterval(10 * 3600) : dayStart.addingTimeInterval(34 * 3600))
        let eveningPreview = now < dayStart.addingTimeInterval(20 * 3600) ? dayStart.addingTimeInterval(20 * 3600) : dayStart.addingTimeInterval(44 * 3600)
        let created = now.addingTimeInterval(-8 * 86_400)
        return [
            Campaign(id: "flash-1111", name: "爆品秒杀·红包雨", type: .flashSale, status: .running,
                     groupIDs: ["zz-jinshui-1", "hz-binjiang"], theme: "每小时一款爆品", hook: "🧧 红包里藏着今天的爆品名字",
                     product: "五常大米 5kg", goalMetric: "claims", goalTarget: 3000, budget: Money(fen: 60_000),
                     startsAt: now.addingTimeInterval(-7 * 86_400), endsAt: now.addingTimeInterval(3 * 86_400), nextRunAt: nextHourInWindow, createdAt: created),
            Campaign(id: "preview-daily", name: "明日预告", type: .preview, status: .scheduled,
                     groupIDs: ["zz-jinshui-1", "zz-jinshui-2", "hz-binjiang"], theme: "明天的爆品和价格", hook: "明天 10 点，{product} 只要 ¥{price}",
                     product: "赣南脐橙 10斤", goalMetric: "messages", goalTarget: 30, budget: .zero,
                     startsAt: created, nextRunAt: eveningPreview, createdAt: created),
            Campaign(id: "checkin-21", name: "21天打卡挑战", type: .checkinChallenge, status: .running,
                     groupIDs: ["fit-camp"], theme: "连续打卡21天送体脂秤", hook: "坚持就是胜利💪",
                     goalMetric: "checkins", goalTarget: 1800, budget: Money(fen: 40_000),
                     startsAt: now.addingTimeInterval(-14 * 86_400), endsAt: now.addingTimeInterval(7 * 86_400), createdAt: created),
            Campaign(id: "referral-nov", name: "拉新有礼·邀20人送油", type: .referral, status: .running,
                     groupIDs: ["zz-jinshui-1", "zz-jinshui-2", "car-club"], theme: "邀请邻居进群", hook: "邀请20位邻居，送5L花生油",
                     goalMetric: "invites", goalTarget: 200, budget: Money(fen: 50_000),
                     startsAt: now.addingTimeInterval(-20 * 86_400), endsAt: now.addingTimeInterval(10 * 86_400), createdAt: created),
            Campaign(id: "lottery-1212", name: "双12抽奖", type: .lottery, status: .scheduled,
                     groupIDs: ["zz-jinshui-1", "hz-binjiang", "berlin-foodies"], theme: "双12感恩抽奖", hook: "🎁 抽3位送空气炸锅",
                     goalMetric: "messages", goalTarget: 500, budget: Money(fen: 120_000),
                     startsAt: now.addingTimeInterval(19 * 86_400), nextRunAt: now.addingTimeInterval(19 * 86_400), createdAt: created),
            Campaign(id: "first-order", name: "新人首单立减", type: .firstOrder, status: .completed,
                     groupIDs: ["zz-jinshui-2", "sh-riders"], goalMetric: "orders", goalTarget: 60, budget: Money(fen: 30_000),
                     startsAt: now.addingTimeInterval(-29 * 86_400), endsAt: now.addingTimeInterval(-15 * 86_400), createdAt: now.addingTimeInterval(-30 * 86_400)),
        ]
    }

    // MARK: history

    /// Calls `body` with each day's events, oldest day first (the members' joins before the window
    /// come first), so the caller can store and report progress day by day.
    public func forEachDay(_ body: (_ dayIndex: Int, _ dayCount: Int, _ events: [Event]) throws -> Void) rethrows {
        var rng = SeededGenerator(seed: seed ^ 0xD3A1_0C0F_FEE0)
        try body(0, days + 1, initialMemberships())
        for back in stride(from: days - 1, through: 0, by: -1) {
            var events: [Event] = []
            for plan in groups { events += dayEvents(plan, daysBack: back, rng: &rng) }
            events.sort { $0.timestamp < $1.timestamp }
            try body(days - back, days + 1, events.filter { $0.timestamp <= now })
        }
    }

    func initialMemberships() -> [Event] {
        var events: [Event] = []
        for plan in groups {
            for (index, person) in (people[plan.group.id] ?? []).enumerated() where person.joinedDaysAgo > days {
                let at = now.addingTimeInterval(-Double(person.joinedDaysAgo) * 86_400 + Double(index * 37 % 86_400))
                // Referral is heavy-tailed: a few seed members bring in many, most bring none; some came by QR poster.
                let members = people[plan.group.id] ?? []
                let inviterIndex = index > 4 && index % 5 != 0 ? Int(Double(index) * pow(Double((index * 7_919) % 1_000) / 1_000, 3)) : nil
                let inviter = inviterIndex.map { members[$0].id }
                events.append(Event(
                    source: Self.source, externalID: "\(plan.group.id)-join0-\(index)", groupID: plan.group.id,
                    timestamp: at, kind: .join, memberID: person.id, groupName: plan.group.name,
                    groupPlatform: plan.group.platform, groupTimeZoneID: plan.group.timeZoneID, memberName: person.nickname,
                    memberRole: person.role, actorID: inviter, via: inviter == nil ? nil : (index % 3 == 0 ? .qr : .inviteLink)))
            }
        }
        return events.sorted { $0.timestamp < $1.timestamp }
    }

    /// Relative message volume by local hour: 07:00 greetings, 11–12 lunch, 17:30–20 evening peak.
    static let hourWeights: [Double] = [0.2, 0.1, 0.05, 0.05, 0.05, 0.2, 1.0, 4.0, 2.5, 1.6, 1.8, 3.2, 3.4, 1.8, 1.3, 1.3, 1.6, 2.4, 3.6, 4.0, 3.6, 2.2, 1.2, 0.6]

    func dayEvents(_ plan: GroupPlan, daysBack: Int, rng: inout SeededGenerator) -> [Event] {
        let zone = plan.group.timeZone
        let day = LocalDay(now, in: zone).adding(days: -daysBack)
        let dayStart = day.start(in: zone)
        let members = people[plan.group.id] ?? []
        let present = members.filter { $0.joinedDaysAgo > daysBack }
        guard !present.isEmpty else { return [] }
        var events: [Event] = []
        var serial = 0
        func add(_ kind: EventKind, _ person: Person, at seconds: Double, text: String? = nil, actor: String? = nil,
                 via: JoinSource? = nil, amount: Money? = nil, campaign: String? = nil, name: String? = nil)
        {
            serial += 1
            events.append(Event(
                source: Self.source, externalID: "\(plan.group.id)-\(day)-\(serial)", groupID: plan.group.id,
                timestamp: dayStart.addingTimeInterval(seconds), kind: kind, memberID: person.id,
                groupName: plan.group.name, groupPlatform: plan.group.platform, groupTimeZoneID: plan.group.timeZoneID,
                memberName: name ?? person.nickname, text: text, actorID: actor, via: via, replyTo: nil, amount: amount,
                campaignID: campaign))
        }
        // A fading group loses activity over the month, and today it is well below its own baseline.
        let fade = plan.fading ? (daysBack == 0 ? 0.25 : 0.55 + 0.45 * Double(daysBack) / Double(days)) : 1.0
        let dayFactor = [1.0, 0.9, 1.05, 0.95, 1.1, 1.25, 1.2][(day.number % 7 + 7) % 7]
        let owner = present.first { $0.role == .owner } ?? present[0]

        // 07:00 greeting, then check-ins.
        if plan.kind != .berlin || Double.random(in: 0..<1, using: &rng) < 0.5 {
            add(.message, owner, at: 7 * 3600 + Double.random(in: 0..<240, using: &rng), text: DemoNames.ownerGreetings.randomElement(using: &rng)!)
        }
        let usesCheckinEvents = plan.group.id == "fit-camp"
        for person in present where Double.random(in: 0..<1, using: &rng) < person.checkinHabit * (plan.fading ? fade : 1) {
            let minute = 7 * 60 + Int(abs(Self.gaussian(&rng)) * 55) + (Double.random(in: 0..<1, using: &rng) < 0.1 ? 300 : 0)
            let seconds = Double(min(minute, 23 * 60 + 58) * 60) + Double.random(in: 0..<60, using: &rng)
            if usesCheckinEvents {
                add(.checkin, person, at: seconds, text: "打卡", campaign: "checkin-21")
            } else {
                let line = plan.kind == .berlin || plan.kind == .cycling && Double.random(in: 0..<1, using: &rng) < 0.5
                    ? DemoNames.englishCheckinLines.randomElement(using: &rng)!
                    : DemoNames.checkinLines.randomElement(using: &rng)!
                add(.message, person, at: seconds, text: line.contains("%d") ? String(format: line, Int.random(in: 2...60, using: &rng)) : line)
            }
        }

        // Chat through the day, weighted by hour and by member chattiness.
        let chat: [String] = {
            switch plan.kind {
            case .community: return DemoNames.communityChat
            case .cars: return DemoNames.carChat
            case .fitness: return DemoNames.fitnessChat
            case .cycling: return DemoNames.cyclingChat
            case .chess: return DemoNames.chessChat
            case .berlin: return DemoNames.berlinChat
            }
        }()
        let totalWeight = present.reduce(0) { $0 + $1.weight }
        let messageCount = Int(Double(plan.dailyMessages) * fade * dayFactor * Double.random(in: 0.85..<1.15, using: &rng))
        let hourTotal = Self.hourWeights.reduce(0, +)
        for _ in 0..<messageCount {
            var pick = Double.random(in: 0..<hourTotal, using: &rng)
            var hour = 0
            while hour < 23, pick >= Self.hourWeights[hour] { pick -= Self.hourWeights[hour]; hour += 1 }
            var w = Double.random(in: 0..<totalWeight, using: &rng)
            var speaker = present[0]
            for p in present { w -= p.weight; if w <= 0 { speaker = p; break } }
            let spam = speaker.role == .member && Double.random(in: 0..<1, using: &rng) < 0.006
            let text = spam ? DemoNames.spamLines.randomElement(using: &rng)! : chat.randomElement(using: &rng)!
            add(.message, speaker, at: Double(hour * 3600) + Double.random(in: 0..<3600, using: &rng), text: text)
        }

        // Joins (by invite link, QR poster or added by a member), join requests, leaves and removals.
        let joinsToday = Int.random(in: 0...(plan.fading ? 2 : 5), using: &rng)
        for j in 0..<joinsToday {
            let name = Self.personName(plan: plan, rng: &rng)
            let inviter = present.randomElement(using: &rng)!
            let person = Person(
                id: "\(plan.group.platform.rawValue)-n\(String(rng.next() % 1_000_000_000, radix: 36))", name: name,
                nickname: Self.nickname(for: name, plan: plan, rng: &rng), role: .member, weight: 0.01, checkinHabit: 0, joinedDaysAgo: daysBack)
            let at = Double(Int.random(in: 8...21, using: &rng) * 3600) + Double.random(in: 0..<3600, using: &rng)
            let referral = plan.kind == .community || plan.kind == .cars
            let via: JoinSource = j % 3 == 0 ? .qr : j % 3 == 1 ? .inviteLink : .added
            if j % 4 == 3 {
                // Real-name groups review requests; most are approved within hours, today's still wait.
                add(.joinRequest, person, at: at, text: DemoNames.joinRequestNotes.randomElement(using: &rng)!, actor: inviter.id, via: .request)
                if daysBack > 0 { add(.join, person, at: at + Double.random(in: 600..<14_400, using: &rng), actor: owner.id, via: .request) }
            } else {
                add(.join, person, at: at, actor: via == .qr ? nil : inviter.id, via: via, campaign: referral && via != .qr ? "referral-nov" : nil)
                if Double.random(in: 0..<1, using: &rng) < 0.3 {
                    add(.message, person, at: at + 300, text: ["大家好，我是新来的🙋", "新人报到", "Hello 大家好", "谢谢邀请"].randomElement(using: &rng)!)
                }
            }
        }
        if daysBack <= 1 {
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let name = Self.personName(plan: plan, rng: &rng)
                let person = Person(id: "\(plan.group.platform.rawValue)-r\(String(rng.next() % 1_000_000_000, radix: 36))", name: name,
                                    nickname: Self.nickname(for: name, plan: plan, rng: &rng), role: .pending, weight: 0, checkinHabit: 0, joinedDaysAgo: 0)
                add(.joinRequest, person, at: Double(Int.random(in: 6...11, using: &rng) * 3600), text: DemoNames.joinRequestNotes.randomElement(using: &rng)!, via: .request)
            }
        }
        let departures = Int.random(in: 0...(plan.fading ? 3 : 1), using: &rng)
        for _ in 0..<departures {
            let person = present.randomElement(using: &rng)!
            guard person.role == .member else { continue }
            let kick = Double.random(in: 0..<1, using: &rng) < 0.2
            add(kick ? .remove : .leave, person, at: Double(Int.random(in: 9...22, using: &rng) * 3600), actor: kick ? owner.id : nil)
        }
        if Double.random(in: 0..<1, using: &rng) < 0.08, let spammer = present.last(where: { $0.role == .member }) {
            add(.ban, spammer, at: 15 * 3600, actor: owner.id)
        }
        if Double.random(in: 0..<1, using: &rng) < 0.3, let renamer = present.randomElement(using: &rng), renamer.role == .member {
            add(.rename, renamer, at: 13 * 3600, name: Self.nickname(for: renamer.name, plan: plan, rng: &rng))
        }

        // Red-packet drops: hourly 10:00–20:00 in the flash-sale groups over the last week.
        if ["zz-jinshui-1", "hz-binjiang"].contains(plan.group.id), daysBack < 7 {
            for hour in 10...20 {
                let slots = 20
                let total = Int.random(in: 200...300, using: &rng)  // fen: ¥2–3
                let shares = Self.splitRedPacket(totalFen: total, slots: slots, rng: &rng)
                add(.message, owner, at: Double(hour * 3600), text: "🧧 红包：\(["五常大米", "赣南脐橙", "土鸡蛋", "洗衣液"].randomElement(using: &rng)!)，手气最佳包邮送！", campaign: "flash-1111")
                var t = Double(hour * 3600) + 2
                for share in shares {
                    t += Double.random(in: 0.5..<(plan.fading ? 40 : 12), using: &rng)
                    let claimer = present.randomElement(using: &rng)!
                    add(.redpacketClaim, claimer, at: t, amount: Money(fen: Int64(share)), campaign: "flash-1111")
                }
            }
        }
        // Orders: a few a day, some from the flash sale or the first-order offer.
        for _ in 0..<Int.random(in: 2...8, using: &rng) {
            let buyer = present.randomElement(using: &rng)!
            let price = [990, 1990, 2990, 3990, 5990, 9900, 19900].randomElement(using: &rng)!
            let campaign: String? = ["zz-jinshui-1", "hz-binjiang"].contains(plan.group.id) && daysBack < 7 ? "flash-1111" : nil
            add(.order, buyer, at: Double(Int.random(in: 9...22, using: &rng) * 3600), amount: Money(fen: Int64(price)), campaign: campaign)
        }
        return events
    }

    /// WeChat-style "拼手气" split: every slot gets at least one fen, and shares vary widely.
    static func splitRedPacket(totalFen: Int, slots: Int, rng: inout SeededGenerator) -> [Int] {
        var remaining = totalFen
        var shares: [Int] = []
        for slot in 0..<slots {
            let left = slots - slot
            if left == 1 { shares.append(remaining); break }
            let maxShare = max(1, (remaining / left) * 2)
            let share = max(1, min(remaining - (left - 1), Int.random(in: 1...maxShare, using: &rng)))
            shares.append(share)
            remaining -= share
        }
        return shares
    }

    static func gaussian(_ rng: inout SeededGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }
}
