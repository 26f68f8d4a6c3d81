import Foundation

/// Something a campaign puts in the outbox: a message or a red packet, under an idempotency key.
public struct CampaignPost: Codable, Hashable, Sendable {
    /// Outbox verbs: a text post, or a red packet (connectors that cannot send one — WeChat packets are
    /// sent by a person — show it to an admin as a task).
    public static let sendMessage = "send_message"
    public static let sendRedPacket = "send_red_packet"

    public var campaignID: String
    public var groupID: String
    public var idempotencyKey: String
    public var dueAt: Date
    /// The slot's wall-clock reading in the group ("2026-11-11T10:00").
    public var local: LocalDateTime
    public var action: String
    public var purpose: MessagePurpose
    public var text: String
    /// Member to @-mention (welcome, winners), if any.
    public var mention: String?
    /// Red packet amount and slots (action `send_red_packet`).
    public var packetAmount: Money?
    public var packetSlots: Int?
    /// Placeholders the template used that had no value (left in `text`); the dashboard should warn.
    public var unknownPlaceholders: [String]

    /// What posting this commits against the budget: its red packet.
    public var spend: Money { packetAmount ?? .zero }
}

/// What a slot of a campaign type does when it falls due.
public enum SlotWork: String, Codable, Hashable, Sendable {
    /// Queue `posts(for:group:)`.
    case post
    /// Run the lottery draw (`LotteryDraw.draw` with a new recorded seed), book the prizes and queue `winnerPosts`.
    case lotteryDraw = "lottery_draw"
}

extension CampaignPlan {
    public var slotWork: SlotWork { type == .lottery ? .lotteryDraw : .post }

    /// The posts of one slot in `group` (its name and nickname format fill `{group}` and `{format}`).
    /// Flash sale: the hour's red packet (key `<slot key>:red_packet`) then the push (the slot key).
    /// Red-packet drop: the packet (the slot key). Preview: tomorrow's product. Challenge, referral,
    /// first order, holiday, live: the reminder. Lottery (`slotWork == .lotteryDraw`): the announcement
    /// (the lead runs the draw and adds `winnerPosts`). Welcome: none (see `welcomePosts`).
    public func posts(for slot: ScheduledSlot, group: Group? = nil) -> [CampaignPost] {
        var values = baseValues(group: group)
        values["time"] = slot.local.time.description
        func post(_ purpose: MessagePurpose, key: String, action: String = CampaignPost.sendMessage, amount: Money? = nil, slots: Int? = nil)
            -> CampaignPost?
        {
            guard let rendered = render(purpose, values: values) else { return nil }
            return CampaignPost(
                campaignID: id, groupID: slot.groupID, idempotencyKey: key, dueAt: slot.dueAt, local: slot.local, action: action,
                purpose: purpose, text: rendered.text, mention: nil, packetAmount: amount, packetSlots: slots,
                unknownPlaceholders: rendered.unknownPlaceholders)
        }
        switch rules {
        case let .redPacket(r):
            values["product"] = r.product
            values["prize"] = r.prize
            return [post(.redPacket, key: slot.idempotencyKey, action: CampaignPost.sendRedPacket, amount: r.amount, slots: r.slots)].compactMap { $0 }
        case let .flashSale(r):
            guard case let .hourly(window, _) = schedule.recurrence, let product = r.product(at: slot.local.time, window: window)
                ?? r.products.first
            else { return [] }
            values["product"] = product.name
            values["price"] = product.price.yuanString
            var out: [CampaignPost?] = []
            if let amount = r.packetAmount, amount.fen > 0 {
                out.append(post(.redPacket, key: slot.idempotencyKey + ":red_packet", action: CampaignPost.sendRedPacket, amount: amount, slots: r.packetSlots))
            }
            out.append(post(.push, key: slot.idempotencyKey))
            return out.compactMap { $0 }
        case let .preview(r):
            let zone = group?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!
            let firstDay = LocalDay(schedule.startsAt ?? createdAt, in: zone)
            guard let product = r.product(announcedOn: slot.local.day, firstDay: firstDay) else { return [] }
            values["product"] = product.name
            values["price"] = product.price.yuanString
            values["time"] = r.saleTime.description
            return [post(.preview, key: slot.idempotencyKey)].compactMap { $0 }
        case let .checkinChallenge(r):
            let zone = group?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!
            let firstDay = LocalDay(schedule.startsAt ?? createdAt, in: zone)
            values["day"] = String(slot.local.day.number - firstDay.number + 1)
            values["days"] = String(r.requiredDays)
            values["reward"] = r.rewardName
            return [post(.reminder, key: slot.idempotencyKey)].compactMap { $0 }
        case let .referral(r):
            values["count"] = String(r.requiredInvites)
            values["days"] = String(r.qualifyingDays)
            values["reward"] = r.rewardName
            return [post(.reminder, key: slot.idempotencyKey)].compactMap { $0 }
        case let .lottery(r):
            values["prize"] = r.prize
            values["count"] = String(r.winners)
            return [post(.announcement, key: slot.idempotencyKey)].compactMap { $0 }
        case let .firstOrder(r):
            values["days"] = String(r.newMemberDays)
            values["reward"] = r.reward.yuanString
            return [post(.reminder, key: slot.idempotencyKey)].compactMap { $0 }
        case .gathering:
            return [post(.reminder, key: slot.idempotencyKey)].compactMap { $0 }
        case .welcome:
            return []
        }
    }

    /// One welcome per join in `group` (events of kind `join` in that group), due `delayMinutes` after the join,
    /// keyed `campaign:<id>:group:<gid>:welcome:<member>:<local ISO date-time of the join>`.
    public func welcomePosts(for joins: [Event], group: Group) -> [CampaignPost] {
        guard case let .welcome(r) = rules else { return [] }
        let delay: TimeInterval = {
            if case let .onJoin(minutes) = schedule.recurrence { return TimeInterval(max(0, minutes) * 60) }
            return 0
        }()
        var values = baseValues(group: group)
        values["rules"] = r.rulesText
        let format = r.nicknameFormat ?? group.nicknameFormat
        values["format"] = (format?.isEmpty ?? true) ? "群公告里的格式" : format!
        return joins.filter { $0.kind == .join && $0.groupID == group.id && schedule.inBounds($0.timestamp) }.compactMap { join in
            let local = LocalDateTime(join.timestamp, in: group.timeZone)
            var v = values
            v["name"] = join.memberName ?? join.memberID
            v["time"] = local.time.description
            guard let rendered = render(.welcome, values: v) else { return nil }
            return CampaignPost(
                campaignID: id, groupID: group.id, idempotencyKey: "campaign:\(id):group:\(group.id):welcome:\(join.memberID):\(local)",
                dueAt: join.timestamp.addingTimeInterval(delay), local: local, action: CampaignPost.sendMessage, purpose: .welcome,
                text: rendered.text, mention: join.memberID, packetAmount: nil, packetSlots: nil, unknownPlaceholders: rendered.unknownPlaceholders)
        }
    }

    /// The winners' announcement of a draw, one post per group with winners, `names` giving display names.
    /// Keyed `campaign:<id>:group:<gid>:draw:<round>` (a re-draw is a new round, so a new post).
    public func winnerPosts(for draw: LotteryDraw, names: [String: String], groups: [String: Group] = [:], at now: Date) -> [CampaignPost] {
        guard case let .lottery(r) = rules else { return [] }
        let byGroup = Dictionary(grouping: draw.winners, by: \.groupID)
        return byGroup.keys.sorted().compactMap { gid in
            let group = groups[gid]
            let zone = group?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!
            var values = baseValues(group: group)
            let winners = byGroup[gid]!.sorted { $0.position < $1.position }
            values["name"] = winners.map { "@" + (names[$0.memberID] ?? $0.memberID) }.joined(separator: "、")
            values["prize"] = r.prize
            values["count"] = String(r.winners)
            let local = LocalDateTime(now, in: zone)
            values["time"] = local.time.description
            guard let rendered = render(.winners, values: values) else { return nil }
            return CampaignPost(
                campaignID: id, groupID: gid, idempotencyKey: "campaign:\(id):group:\(gid):draw:\(draw.round)", dueAt: now, local: local,
                action: CampaignPost.sendMessage, purpose: .winners, text: rendered.text,
                mention: winners.map(\.memberID).joined(separator: ","), packetAmount: nil, packetSlots: nil,
                unknownPlaceholders: rendered.unknownPlaceholders)
        }
    }

    /// The 手气最佳 announcement for a drop's outcome (red packet and flash sale), keyed `<drop key>:best_luck`.
    public func bestLuckPost(for outcome: RedPacketOutcome, name: String?, product: String? = nil, group: Group? = nil, at now: Date) -> CampaignPost? {
        guard let winner = outcome.bestLuck else { return nil }
        var values = baseValues(group: group)
        values["name"] = name ?? winner.memberID
        values["product"] = product ?? self.product ?? ""
        if case let .redPacket(r) = rules { values["prize"] = r.prize }
        guard let rendered = render(.winners, values: values) else { return nil }
        let zone = group?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!
        let key = (outcome.drop.idempotencyKey ?? "campaign:\(id):group:\(winner.groupID):drop:\(Int(outcome.drop.sentAt.timeIntervalSince1970))") + ":best_luck"
        return CampaignPost(
            campaignID: id, groupID: winner.groupID, idempotencyKey: key, dueAt: now, local: LocalDateTime(now, in: zone),
            action: CampaignPost.sendMessage, purpose: .winners, text: rendered.text, mention: winner.memberID, packetAmount: nil,
            packetSlots: nil, unknownPlaceholders: rendered.unknownPlaceholders)
    }

    private func baseValues(group: Group?) -> [String: String] {
        var values: [String: String] = [:]
        if let group { values["group"] = group.name }
        return values
    }
}

extension CampaignPost {
    /// The members the post @-mentions.
    public var mentionedMemberIDs: [String] { mention.map { $0.split(separator: ",").map(String.init) } ?? [] }

    /// The post as an outbox command, given its group's chat and the mentioned members' platform ids under the names
    /// a template may have written after "@": a red packet, or a text post with mention entities.
    public func command(chat: PlatformID, mentionTargets: [(id: PlatformID, name: String)]) -> OutboxCommand {
        if let drop = redPacketDrop { return .sendRedPacket(chat: chat, amount: drop.amount, slots: drop.slots, text: text) }
        return .sendMessage(chat: chat, text: text, entities: MessageEntity.mentions(in: text, members: mentionTargets), replyTo: nil)
    }

    /// The red packet this post drops, as the budget and the claims see it.
    public var redPacketDrop: RedPacketDrop? {
        guard let amount = packetAmount, action == CampaignPost.sendRedPacket else { return nil }
        return RedPacketDrop(groupID: groupID, sentAt: dueAt, amount: amount, slots: packetSlots ?? 1, idempotencyKey: idempotencyKey)
    }
}
