import Foundation

/// A campaign in full: the creative plan (name, theme, hook) and the execution plan (type, target groups,
/// schedule, goal KPI, budget, template rules, message templates). `Campaign` is its row in the store's
/// `campaigns` table; the plan adds what that row cannot hold (schedule, rules, messages) and is meant to be
/// stored whole as JSON next to it (see docs/campaigns.md, "Integration").
public struct CampaignPlan: Codable, Sendable, Equatable {
    public var id: String
    // Creative plan.
    public var name: String
    public var theme: String?
    public var hook: String?
    // Execution plan.
    public var type: CampaignType
    public var status: CampaignStatus
    public var groupIDs: [String]
    public var schedule: CampaignSchedule
    public var goal: CampaignGoal
    public var budget: Money
    public var rules: CampaignRules
    /// Message templates by purpose, with `{name}`, `{product}`, `{price}`, `{time}` … placeholders.
    public var messages: [MessagePurpose: String]
    public var createdAt: Date

    public init(
        id: String, name: String, theme: String? = nil, hook: String? = nil, type: CampaignType,
        status: CampaignStatus = .draft, groupIDs: [String], schedule: CampaignSchedule, goal: CampaignGoal,
        budget: Money, rules: CampaignRules, messages: [MessagePurpose: String], createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.theme = theme
        self.hook = hook
        self.type = type
        self.status = status
        self.groupIDs = groupIDs
        self.schedule = schedule
        self.goal = goal
        self.budget = budget
        self.rules = rules
        self.messages = messages
        self.createdAt = createdAt
    }

    /// Lifts a stored `Campaign` row into a plan; what the row lacks comes from `schedule`/`rules`/`messages`
    /// or, when nil, from the type's template defaults. The row's start and end win; a once-only schedule runs
    /// at the row's `nextRunAt` (else `startsAt`). An unknown `goalMetric` string falls back to the template's.
    public init(campaign c: Campaign, schedule: CampaignSchedule? = nil, rules: CampaignRules? = nil,
                messages: [MessagePurpose: String]? = nil, zone: TimeZone = TimeZone(identifier: Group.defaultTimeZoneID)!)
    {
        let defaults = CampaignTemplate(c.type).defaultPlan(name: c.name, groups: c.groupIDs, now: c.startsAt ?? c.createdAt, id: c.id, zone: zone)
        // The row is authoritative for the start and end.
        var lifted = schedule ?? defaults.schedule
        lifted.startsAt = c.startsAt
        lifted.endsAt = c.endsAt
        // A once-only campaign (lottery draw, live session) runs at the row's next run when it has one.
        if schedule == nil, case .once = lifted.recurrence, let at = c.nextRunAt ?? c.startsAt { lifted.recurrence = .once(at: at) }
        var rules = rules ?? defaults.rules
        if let product = c.product { rules = rules.withProduct(product) }
        self.init(
            id: c.id, name: c.name, theme: c.theme, hook: c.hook, type: c.type, status: c.status, groupIDs: c.groupIDs,
            schedule: lifted,
            goal: CampaignGoal(CampaignMetric(rawValue: c.goalMetric) ?? defaults.goal.metric, target: c.goalTarget),
            budget: c.budget, rules: rules, messages: messages ?? defaults.messages, createdAt: c.createdAt)
    }

    /// The row for the store's `campaigns` table.
    public func campaign(nextRunAt: Date? = nil) -> Campaign {
        Campaign(
            id: id, name: name, type: type, status: status, groupIDs: groupIDs, theme: theme, hook: hook, product: product,
            goalMetric: goal.metric.rawValue, goalTarget: goal.target, budget: budget, startsAt: schedule.startsAt,
            endsAt: schedule.endsAt, nextRunAt: nextRunAt, createdAt: createdAt)
    }

    /// The headline product (a red packet's, the first of a sale's or preview's line-up).
    public var product: String? {
        switch rules {
        case let .redPacket(r): return r.product
        case let .flashSale(r): return r.products.first?.name
        case let .preview(r): return r.products.first?.name
        default: return nil
        }
    }

    /// Fills `{placeholder}`s; unknown ones are left as-is and reported (see `MessageTemplate`).
    public static func render(template: String, values: [String: String]) -> RenderedMessage {
        MessageTemplate.render(template: template, values: values)
    }

    /// This plan's template for `purpose`, filled with the plan's own values (theme, hook, campaign name …)
    /// overridden by `values`; nil when the plan has no template for that purpose.
    public func render(_ purpose: MessagePurpose, values: [String: String]) -> RenderedMessage? {
        guard let template = messages[purpose] else { return nil }
        var all: [String: String] = ["campaign": name]
        if let theme { all["theme"] = theme }
        if let hook { all["hook"] = hook }
        all.merge(values) { _, new in new }
        return MessageTemplate.render(template: template, values: all)
    }

    // MARK: scheduling across the target groups

    /// The next `limit` slots over all target groups, each computed in its group's zone
    /// (`zones[groupID]`, else Asia/Shanghai), merged in due order.
    public func nextRuns(after: Date, zones: [String: TimeZone], limit: Int) -> [ScheduledSlot] {
        var all: [ScheduledSlot] = []
        for group in groupIDs {
            all += schedule.nextRuns(campaignID: id, groupID: group, after: after, in: Self.zone(group, zones), limit: limit)
        }
        return Array(all.sorted().prefix(limit))
    }

    /// The slots due in `(lastRun, now]` over all target groups after the catch-up policy
    /// (the type's default when nil).
    public func dueSlots(between lastRun: Date, and now: Date, zones: [String: TimeZone], policy: CatchUpPolicy? = nil) -> CatchUpResult {
        let policy = policy ?? CatchUpPolicy.default(for: type)
        var result = CatchUpResult()
        for group in groupIDs {
            result.merge(schedule.dueSlots(
                campaignID: id, groupID: group, between: lastRun, and: now, in: Self.zone(group, zones), policy: policy))
        }
        return result
    }

    static func zone(_ group: String, _ zones: [String: TimeZone]) -> TimeZone {
        zones[group] ?? TimeZone(identifier: Group.defaultTimeZoneID)!
    }

    // MARK: JSON

    /// Stable JSON (sorted keys, dates as Unix seconds) for the store's `campaigns.plan_json` column.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func fromJSON(_ json: String) throws -> CampaignPlan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(CampaignPlan.self, from: Data(json.utf8))
    }
}

extension CampaignRules {
    /// The rules with their headline product replaced (a red packet's product, the first sale/preview item).
    public func withProduct(_ name: String) -> CampaignRules {
        switch self {
        case var .redPacket(r):
            r.product = name
            return .redPacket(r)
        case var .flashSale(r):
            if r.products.isEmpty { r.products = [SaleProduct(name: name, price: .zero)] } else { r.products[0].name = name }
            return .flashSale(r)
        case var .preview(r):
            if r.products.isEmpty { r.products = [SaleProduct(name: name, price: .zero)] } else { r.products[0].name = name }
            return .preview(r)
        default:
            return self
        }
    }
}

extension CampaignPlan {
    /// The plan a store row stands for: its `plan_json` when it has a readable one, else — rows saved without one
    /// (older stores, the demo) — the row lifted with the template's defaults in its first group's zone. The row's
    /// status always wins.
    public init(stored campaign: Campaign, json: String?, zones: [String: TimeZone]) {
        if let json, var plan = try? CampaignPlan.fromJSON(json) {
            plan.status = campaign.status
            self = plan
        } else {
            self.init(campaign: campaign, zone: CampaignPlan.zone(campaign.groupIDs.first ?? "", zones))
        }
    }
}
