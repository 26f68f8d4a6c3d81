import Foundation
import GRDB
import QunCore

/// Row → domain value conversions, in one place so every query decodes the same way.
enum StoreDecoding {
    static func date(_ row: Row, _ column: String) -> Date? {
        (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
    }

    static func group(_ row: Row) -> Group {
        Group(
            id: row["id"], platform: Platform(rawValue: row["platform"]) ?? .other, name: row["name"],
            timeZoneID: row["timezone"], ownerID: row["owner_id"], nicknameFormat: row["nickname_format"],
            checkinKeywords: (row["checkin_keywords"] as String?).map { $0.split(separator: ",").map(String.init) },
            createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    static func groups(in db: Database) throws -> [Group] {
        try Row.fetchAll(db, sql: "SELECT * FROM groups ORDER BY name").map(group)
    }

    static func member(_ row: Row) -> Member {
        let tags = (row["tags"] as String? ?? "").split(separator: ",").compactMap { MemberTag(rawValue: String($0)) }
        var member = Member(
            groupID: row["group_id"], memberID: row["member_id"], displayName: row["display_name"],
            nickname: row["nickname"], role: MemberRole(rawValue: row["role"]) ?? .member,
            status: MemberStatus(rawValue: row["status"]) ?? .active, mutedUntil: date(row, "muted_until"),
            tags: Set(tags), inviterID: row["inviter_id"],
            joinSource: (row["join_source"] as String?).flatMap(JoinSource.init(rawValue:)),
            joinedAt: date(row, "joined_at"), firstSeen: date(row, "first_seen")!, lastSeen: date(row, "last_seen")!,
            messageCount: row["message_count"], checkinStreak: row["checkin_streak"], longestStreak: row["longest_streak"],
            lastCheckinDay: (row["last_checkin_day"] as Int?).map(LocalDay.init(number:)))
        member.lastMessageAt = date(row, "last_message_at")
        member.checkinCount = row["checkin_count"] ?? 0
        member.orderCount = row["order_count"] ?? 0
        member.orderTotal = Money(fen: row["order_fen"] ?? 0)
        member.claimCount = row["claim_count"] ?? 0
        return member
    }

    static func moderationCase(_ row: Row) throws -> ModerationCase {
        try ModerationCase(stored: row)
    }

    static func campaign(_ row: Row) -> Campaign {
        Campaign(
            id: row["id"], name: row["name"], type: CampaignType(rawValue: row["type"]) ?? .holiday,
            status: CampaignStatus(rawValue: row["status"]) ?? .draft,
            groupIDs: (row["group_ids"] as String).split(separator: ",").map(String.init), theme: row["theme"],
            hook: row["hook"], product: row["product"], goalMetric: row["goal_metric"], goalTarget: row["goal_target"],
            budget: Money(fen: row["budget_fen"]), startsAt: date(row, "starts_at"), endsAt: date(row, "ends_at"),
            nextRunAt: date(row, "next_run_at"), createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    static func event(_ row: Row) -> Event {
        Event(
            source: row["source"], externalID: row["external_id"], groupID: row["group_id"],
            timestamp: Date(timeIntervalSince1970: row["ts"]), kind: EventKind(rawValue: row["kind"]) ?? .message,
            memberID: row["member_id"], memberName: row["member_name"], text: row["text"], actorID: row["actor_id"],
            via: (row["via"] as String?).flatMap(JoinSource.init(rawValue:)), replyTo: row["reply_to"],
            amount: (row["amount_fen"] as Int64?).map(Money.init(fen:)), campaignID: row["campaign_id"], raw: row["raw"])
    }
}
