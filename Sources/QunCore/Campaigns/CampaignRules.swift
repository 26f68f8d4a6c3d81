import Foundation

/// A product pushed or previewed, with its campaign price.
public struct SaleProduct: Codable, Hashable, Sendable {
    public var name: String
    public var price: Money
    /// Units on offer; nil when not limited.
    public var stock: Int?

    public init(name: String, price: Money, stock: Int? = nil) {
        self.name = name
        self.price = price
        self.stock = stock
    }
}

/// 红包 drop: a small packet split over `slots` (拼手气), carrying the product's name; the 手气最佳 member wins it.
public struct RedPacketRules: Codable, Hashable, Sendable {
    public var amount: Money
    public var slots: Int
    public var product: String
    /// What the best-luck member wins, e.g. "包邮送五常大米 5kg".
    public var prize: String
    /// Booked per drop for the best-luck prize (shipping, the product's cost); zero when not tracked.
    public var prizeValue: Money

    public init(amount: Money, slots: Int, product: String, prize: String, prizeValue: Money = .zero) {
        self.amount = amount
        self.slots = slots
        self.product = product
        self.prize = prize
        self.prizeValue = prizeValue
    }
}

/// 秒杀: one product per hour inside the window, each push preceded by a small red packet when `packetAmount` is set.
public struct FlashSaleRules: Codable, Hashable, Sendable {
    public var products: [SaleProduct]
    public var packetAmount: Money?
    public var packetSlots: Int

    public init(products: [SaleProduct], packetAmount: Money? = nil, packetSlots: Int = 20) {
        self.products = products
        self.packetAmount = packetAmount
        self.packetSlots = packetSlots
    }

    /// The product of the push at `time`: the n-th hourly push of the window (from 0) gets product n mod count,
    /// so every day runs the same line-up in the same order.
    public func product(at time: LocalTime, window: LocalTimeWindow) -> SaleProduct? {
        guard !products.isEmpty else { return nil }
        let index = max(0, (time.minutesOfDay - window.start.minutesOfDay) / 60)
        return products[index % products.count]
    }
}

/// 预告: at a fixed local time, tomorrow's product and price.
public struct PreviewRules: Codable, Hashable, Sendable {
    /// One product per day in turn, starting with the campaign's first day.
    public var products: [SaleProduct]
    /// When tomorrow's sale starts (the `{time}` of the preview).
    public var saleTime: LocalTime

    public init(products: [SaleProduct], saleTime: LocalTime) {
        self.products = products
        self.saleTime = saleTime
    }

    /// The product announced on `day` (it goes on sale the next day): products[(day+1 − firstDay) mod count].
    public func product(announcedOn day: LocalDay, firstDay: LocalDay) -> SaleProduct? {
        guard !products.isEmpty else { return nil }
        let offset = day.adding(days: 1).number - firstDay.number
        return products[((offset % products.count) + products.count) % products.count]
    }
}

/// 签到挑战: `requiredDays` consecutive check-ins earn the reward (once per member).
public struct CheckinChallengeRules: Codable, Hashable, Sendable {
    public var requiredDays: Int
    public var reward: Money
    public var rewardName: String

    public init(requiredDays: Int, reward: Money, rewardName: String) {
        self.requiredDays = requiredDays
        self.reward = reward
        self.rewardName = rewardName
    }
}

/// 拉新: an invite counts once the invitee is still in the group `qualifyingDays` after joining and (when
/// `mustHaveSpoken`) has spoken. `requiredInvites` qualified invites earn the reward once per member;
/// `perInviteReward` (often zero) is paid for every qualified invite on top.
public struct ReferralRules: Codable, Hashable, Sendable {
    public var requiredInvites: Int
    public var reward: Money
    public var rewardName: String
    public var qualifyingDays: Int
    public var mustHaveSpoken: Bool
    public var perInviteReward: Money

    public init(
        requiredInvites: Int, reward: Money, rewardName: String, qualifyingDays: Int = 7, mustHaveSpoken: Bool = true,
        perInviteReward: Money = .zero
    ) {
        self.requiredInvites = requiredInvites
        self.reward = reward
        self.rewardName = rewardName
        self.qualifyingDays = qualifyingDays
        self.mustHaveSpoken = mustHaveSpoken
        self.perInviteReward = perInviteReward
    }
}

/// 抽奖: `winners` prizes of `prizeValue` each, drawn among entrants meeting `eligibility`.
public struct LotteryRules: Codable, Hashable, Sendable {
    public var winners: Int
    public var prize: String
    public var prizeValue: Money
    public var eligibility: LotteryEligibility

    public init(winners: Int, prize: String, prizeValue: Money, eligibility: LotteryEligibility) {
        self.winners = winners
        self.prize = prize
        self.prizeValue = prizeValue
        self.eligibility = eligibility
    }
}

/// 进群欢迎: @name, the rules and the nickname format, for every new member.
public struct WelcomeRules: Codable, Hashable, Sendable {
    /// The rules in one line (群规).
    public var rulesText: String
    /// The nickname format to ask for; nil → the group's own format; empty → do not ask.
    public var nicknameFormat: String?

    public init(rulesText: String, nicknameFormat: String? = nil) {
        self.rulesText = rulesText
        self.nicknameFormat = nicknameFormat
    }
}

/// 新人首单: a new member's first `ordersRewarded` orders of at least `minimumOrder` earn `reward` each,
/// when the order comes within `newMemberDays` of joining.
public struct FirstOrderRules: Codable, Hashable, Sendable {
    public var reward: Money
    public var newMemberDays: Int
    public var minimumOrder: Money
    public var ordersRewarded: Int

    public init(reward: Money, newMemberDays: Int = 30, minimumOrder: Money = .zero, ordersRewarded: Int = 1) {
        self.reward = reward
        self.newMemberDays = newMemberDays
        self.minimumOrder = minimumOrder
        self.ordersRewarded = ordersRewarded
    }
}

/// 节日活动 / 群直播: a gathering with sign-ups.
public struct GatheringRules: Codable, Hashable, Sendable {
    /// Places; nil when unlimited.
    public var capacity: Int?
    /// Reminders this many minutes before the start (pre-warm).
    public var remindMinutesBefore: [Int]

    public init(capacity: Int? = nil, remindMinutesBefore: [Int] = [24 * 60, 30]) {
        self.capacity = capacity
        self.remindMinutesBefore = remindMinutesBefore
    }
}

/// The template-specific rules and parameters of a campaign. Encoded as
/// `{"template": "<campaign type>", "parameters": {…}}`.
public enum CampaignRules: Hashable, Sendable, Codable {
    case redPacket(RedPacketRules)
    case flashSale(FlashSaleRules)
    case preview(PreviewRules)
    case checkinChallenge(CheckinChallengeRules)
    case referral(ReferralRules)
    case lottery(LotteryRules)
    case welcome(WelcomeRules)
    case firstOrder(FirstOrderRules)
    case gathering(GatheringRules)

    /// The campaign types these rules fit.
    public var fits: Set<CampaignType> {
        switch self {
        case .redPacket: return [.redPacket]
        case .flashSale: return [.flashSale]
        case .preview: return [.preview]
        case .checkinChallenge: return [.checkinChallenge]
        case .referral: return [.referral]
        case .lottery: return [.lottery]
        case .welcome: return [.welcome]
        case .firstOrder: return [.firstOrder]
        case .gathering: return [.holiday, .live]
        }
    }

    private var tag: String {
        switch self {
        case .redPacket: return CampaignType.redPacket.rawValue
        case .flashSale: return CampaignType.flashSale.rawValue
        case .preview: return CampaignType.preview.rawValue
        case .checkinChallenge: return CampaignType.checkinChallenge.rawValue
        case .referral: return CampaignType.referral.rawValue
        case .lottery: return CampaignType.lottery.rawValue
        case .welcome: return CampaignType.welcome.rawValue
        case .firstOrder: return CampaignType.firstOrder.rawValue
        case .gathering: return "gathering"
        }
    }

    private enum CodingKeys: String, CodingKey { case template, parameters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let tag = try c.decode(String.self, forKey: .template)
        switch tag {
        case CampaignType.redPacket.rawValue: self = .redPacket(try c.decode(RedPacketRules.self, forKey: .parameters))
        case CampaignType.flashSale.rawValue: self = .flashSale(try c.decode(FlashSaleRules.self, forKey: .parameters))
        case CampaignType.preview.rawValue: self = .preview(try c.decode(PreviewRules.self, forKey: .parameters))
        case CampaignType.checkinChallenge.rawValue:
            self = .checkinChallenge(try c.decode(CheckinChallengeRules.self, forKey: .parameters))
        case CampaignType.referral.rawValue: self = .referral(try c.decode(ReferralRules.self, forKey: .parameters))
        case CampaignType.lottery.rawValue: self = .lottery(try c.decode(LotteryRules.self, forKey: .parameters))
        case CampaignType.welcome.rawValue: self = .welcome(try c.decode(WelcomeRules.self, forKey: .parameters))
        case CampaignType.firstOrder.rawValue: self = .firstOrder(try c.decode(FirstOrderRules.self, forKey: .parameters))
        case "gathering": self = .gathering(try c.decode(GatheringRules.self, forKey: .parameters))
        default: throw DecodingError.dataCorruptedError(forKey: .template, in: c, debugDescription: "unknown template \(tag)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tag, forKey: .template)
        switch self {
        case let .redPacket(r): try c.encode(r, forKey: .parameters)
        case let .flashSale(r): try c.encode(r, forKey: .parameters)
        case let .preview(r): try c.encode(r, forKey: .parameters)
        case let .checkinChallenge(r): try c.encode(r, forKey: .parameters)
        case let .referral(r): try c.encode(r, forKey: .parameters)
        case let .lottery(r): try c.encode(r, forKey: .parameters)
        case let .welcome(r): try c.encode(r, forKey: .parameters)
        case let .firstOrder(r): try c.encode(r, forKey: .parameters)
        case let .gathering(r): try c.encode(r, forKey: .parameters)
        }
    }
}
