import Foundation
import QunCore

/// `c` in Campaigns: everything a new campaign's plan needs, as fields an admin edits and the form checks
/// before anything is saved — name, target groups, budget, start (in the first group's zone), and the
/// template's own numbers (a red packet's amount and slots, a flash sale's products…).
public struct CampaignForm: Equatable, Sendable {
    public enum FieldKind: String, Equatable, Sendable {
        case name, groups, budget, start, packetAmount, packetSlots, products, days, reward, winners, prize
    }

    public struct Field: Equatable, Sendable {
        public var kind: FieldKind
        public var text: String
        public var error: String?
    }

    public var template: Int
    public var fields: [Field]
    public var focus = 0
    /// Problems of the plan as a whole (`CampaignPlan.problems()`), shown under the fields.
    public var planErrors: [String] = []

    public var templateValue: CampaignTemplate { CampaignTemplate.all[template] }

    /// A form filled with the template's defaults for the group in view (or every group).
    public init(template: Int, scope: String?, groups: [Group], now: Date) {
        self.template = template
        let tpl = CampaignTemplate.all[template]
        let targets = scope.map { [$0] } ?? groups.map(\.id)
        let zone = groups.first { targets.contains($0.id) }?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!
        let plan = tpl.defaultPlan(name: tpl.title, groups: targets, now: now, zone: zone)
        var fields = [
            Field(kind: .name, text: tpl.title), Field(kind: .groups, text: scope ?? "all"),
            Field(kind: .budget, text: plan.budget.yuanString), Field(kind: .start, text: ""),
        ]
        switch plan.rules {
        case let .redPacket(r):
            fields += [Field(kind: .packetAmount, text: r.amount.yuanString), Field(kind: .packetSlots, text: String(r.slots))]
        case let .flashSale(r):
            fields += [
                Field(kind: .products, text: r.products.map { "\($0.name) ¥\($0.price.yuanString)" }.joined(separator: "; ")),
                Field(kind: .packetAmount, text: r.packetAmount?.yuanString ?? ""), Field(kind: .packetSlots, text: String(r.packetSlots)),
            ]
        case let .checkinChallenge(r):
            fields += [Field(kind: .days, text: String(r.requiredDays)), Field(kind: .reward, text: r.reward.yuanString)]
        case let .lottery(r):
            fields += [Field(kind: .winners, text: String(r.winners)), Field(kind: .prize, text: r.prize)]
        default:
            break
        }
        self.fields = fields
    }

    public subscript(kind: FieldKind) -> String? { fields.first { $0.kind == kind }?.text }

    // MARK: editing

    public mutating func type(_ character: Character) {
        fields[focus].text.append(character)
        fields[focus].error = nil
    }

    public mutating func deleteBackward() {
        if !fields[focus].text.isEmpty { fields[focus].text.removeLast() }
        fields[focus].error = nil
    }

    public mutating func clearField() {
        fields[focus].text = ""
        fields[focus].error = nil
    }

    public mutating func moveFocus(by delta: Int) {
        focus = (focus + delta + fields.count) % fields.count
    }

    // MARK: checking

    /// The plan the fields describe, or nil with every field's problem set (and focus on the first one).
    public mutating func plan(groups: [Group], now: Date) -> CampaignPlan? {
        for i in fields.indices { fields[i].error = nil }
        planErrors = []
        func fail(_ kind: FieldKind, _ message: String) { if let i = fields.firstIndex(where: { $0.kind == kind }) { fields[i].error = message } }
        // nil for an empty field where that is allowed, and for a bad amount (its field then says why).
        func money(_ kind: FieldKind, allowEmpty: Bool = false) -> Money? {
            let text = (self[kind] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty, allowEmpty { return nil }
            guard let value = Money(yuanText: text) else {
                fail(kind, "\"\(text)\" is not an amount in yuan (e.g. 500 or 2.50)")
                return nil
            }
            return value
        }
        func count(_ kind: FieldKind, _ range: ClosedRange<Int>) -> Int? {
            let text = (self[kind] ?? "").trimmingCharacters(in: .whitespaces)
            guard let n = Int(text), range.contains(n) else {
                fail(kind, "\"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return n
        }

        let name = (self[.name] ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty { fail(.name, "a campaign needs a name") }
        let targets = Self.groupIDs(self[.groups] ?? "", groups: groups)
        switch targets {
        case let .failure(error): fail(.groups, error.description)
        case .success: break
        }
        let budget = money(.budget)
        let tpl = templateValue
        guard case let .success(ids) = targets, !name.isEmpty, let budget else { return finish(nil) }
        let zone = groups.first { $0.id == ids[0] }?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!
        var plan = tpl.defaultPlan(name: name, groups: ids, now: now, zone: zone)
        plan.budget = budget
        let start = (self[.start] ?? "").trimmingCharacters(in: .whitespaces)
        if !start.isEmpty {
            do {
                plan.schedule = try plan.schedule.applying(at: start, zone: zone, now: now)
            } catch {
                fail(.start, "\(error) (HH:MM or YYYY-MM-DD HH:MM, \(zone.identifier))")
            }
        }
        switch plan.rules {
        case var .redPacket(r):
            if let amount = money(.packetAmount) { r.amount = amount }
            if let slots = count(.packetSlots, 1...200) { r.slots = slots }
            plan.rules = .redPacket(r)
        case var .flashSale(r):
            switch Self.products(self[.products] ?? "") {
            case let .success(products): r.products = products
            case let .failure(error): fail(.products, error.description)
            }
            r.packetAmount = money(.packetAmount, allowEmpty: true)
            if let slots = count(.packetSlots, 1...200) { r.packetSlots = slots }
            plan.rules = .flashSale(r)
        case var .checkinChallenge(r):
            if let days = count(.days, 2...365) { r.requiredDays = days }
            if let reward = money(.reward) { r.reward = reward }
            plan.rules = .checkinChallenge(r)
        case var .lottery(r):
            if let winners = count(.winners, 1...1000) { r.winners = winners }
            let prize = (self[.prize] ?? "").trimmingCharacters(in: .whitespaces)
            if prize.isEmpty { fail(.prize, "name the prize") } else { r.prize = prize }
            plan.rules = .lottery(r)
        default:
            break
        }
        guard fields.allSatisfy({ $0.error == nil }) else { return finish(nil) }
        planErrors = plan.problems().map(\.description)
        return finish(planErrors.isEmpty ? plan : nil)
    }

    private mutating func finish(_ plan: CampaignPlan?) -> CampaignPlan? {
        if plan == nil, let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
        return plan
    }

    /// "all", or group ids / names separated by commas.
    static func groupIDs(_ text: String, groups: [Group]) -> Result<[String], FormError> {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "，" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if parts.isEmpty { return .failure(FormError("name one or more groups (ids or names, comma-separated), or all")) }
        if parts == ["all"] { return groups.isEmpty ? .failure(FormError("there are no groups yet")) : .success(groups.map(\.id)) }
        var ids: [String] = []
        for part in parts {
            guard let group = groups.first(where: { $0.id == part || $0.name == part }) else {
                return .failure(FormError("no group \"\(part)\" (o lists them)"))
            }
            if !ids.contains(group.id) { ids.append(group.id) }
        }
        return .success(ids)
    }

    /// "赣南脐橙 10斤 ¥49.90; 五常大米 5kg ¥59": each product's name, then its price after "¥".
    static func products(_ text: String) -> Result<[SaleProduct], FormError> {
        let items = text.split(whereSeparator: { $0 == ";" || $0 == "；" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { return .failure(FormError("list the products: name ¥price; name ¥price")) }
        var products: [SaleProduct] = []
        for item in items {
            guard let sign = item.lastIndex(where: { $0 == "¥" || $0 == "￥" }),
                let price = Money(yuanText: String(item[item.index(after: sign)...])), price.fen > 0
            else { return .failure(FormError("\"\(item)\" has no price: write it as name ¥49.90")) }
            let name = item[..<sign].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return .failure(FormError("\"\(item)\" has no product name")) }
            products.append(SaleProduct(name: name, price: price))
        }
        return .success(products)
    }

    public struct FormError: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
