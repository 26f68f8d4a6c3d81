import Foundation
import GRDB
import QunCore

/// Row → domain value conversions, in one place so every query of every backend decodes the same way.
/// Each takes any `StoredRow`: a GRDB row (never throws) or a PostgreSQL row (throws naming the column).
public enum StoreDecoding {
    public static func date<R: StoredRow>(_ row: R, _ column: String) throws(R.Failure) -> Date? {
        try row.optionalDate(column)
    }

    public static func group<R: StoredRow>(_ row: R) throws(R.Failure) -> Group {
        Group(
            id: try row.string("id"), platform: Platform(rawValue: try row.string("platform")) ?? .other, name: try row.string("name"),
            timeZoneID: try row.string("timezone"), ownerID: try row.optionalString("owner_id"),
            nicknameFormat: try row.optionalString("nickname_format"),
            checkinKeywords: try row.optionalString("checkin_keywords").map { $0.split(separator: ",").map(String.init) },
            createdAt: try row.date("created_at"))
    }

    static func groups(in db: Database) throws -> [Group] {
        try Row.fetchAll(db, sql: "SELECT * FROM groups ORDER BY name").map(group)
    }

    public static func member<R: StoredRow>(_ row: R) throws(R.Failure) -> Member {
        let tags = (try row.optionalString("tags") ?? "").split(separator: ",").compactMap { MemberTag(rawValue: String($0)) }
        var member = Member(
            groupID: try row.string("group_id"), memberID: try row.string("member_id"), displayName: try row.string("display_name"),
            nickname: try row.optionalString("nickname"), role: MemberRole(rawValue: try row.string("role")) ?? .member,
            status: MemberStatus(rawValue: try row.string("status")) ?? .active, mutedUntil: try row.optionalDate("muted_until"),
            tags: Set(tags), inviterID: try row.optionalString("inviter_id"),
            joinSource: try row.optionalString("join_source").flatMap(JoinSource.init(rawValue:)),
            joinedAt: try row.optionalDate("joined_at"), firstSeen: try row.date("first_seen"), lastSeen: try row.date("last_seen"),
            messageCount: try row.int("message_count"), checkinStreak: try row.int("checkin_streak"),
            longestStreak: try row.int("longest_streak"),
            lastCheckinDay: try row.optionalInt("last_checkin_day").map(LocalDay.init(number:)))
        member.lastMessageAt = try row.optionalDate("last_message_at")
        member.checkinCount = try row.optionalInt("checkin_count") ?? 0
        member.orderCount = try row.optionalInt("order_count") ?? 0
        member.orderTotal = Money(fen: try row.optionalInt64("order_fen") ?? 0)
        member.claimCount = try row.optionalInt("claim_count") ?? 0
        return member
    }

    /// Tags as `members.tags` stores them: comma-separated, in `MemberTag`'s order.
    public static func tagsText(_ tags: Set<MemberTag>) -> String {
        MemberTag.allCases.filter(tags.contains).map(\.rawValue).joined(separator: ",")
    }

    public static func moderationCase<R: StoredRow>(_ row: R) throws(R.Failure) -> ModerationCase {
        ModerationCase(
            id: try row.int64("id"), kind: ModerationKind(rawValue: try row.string("kind")) ?? .report,
            status: ModerationStatus(rawValue: try row.string("status")) ?? .open, groupID: try row.string("group_id"),
            memberID: try row.string("member_id"), eventSource: try row.optionalString("event_source"),
            eventExternalID: try row.optionalString("event_external_id"),
            rule: try row.optionalString("rule").flatMap { $0.isEmpty ? nil : $0 }, reason: try row.string("reason"),
            evidence: try row.optionalString("evidence"), severity: try row.int("severity"), createdAt: try row.date("created_at"),
            claimedBy: try row.optionalString("claimed_by"), resolution: try row.optionalString("resolution"),
            resolvedAt: try row.optionalDate("resolved_at"), version: try row.int64("version"),
            claimedUntil: try row.optionalDate("claimed_until"))
            .withChineseReason(try row.optionalString("reason_zh"))
    }

    public static func campaign<R: StoredRow>(_ row: R) throws(R.Failure) -> Campaign {
        Campaign(
            id: try row.string("id"), name: try row.string("name"), type: CampaignType(rawValue: try row.string("type")) ?? .holiday,
            status: CampaignStatus(rawValue: try row.string("status")) ?? .draft,
            groupIDs: try row.string("group_ids").split(separator: ",").map(String.init), theme: try row.optionalString("theme"),
            hook: try row.optionalString("hook"), product: try row.optionalString("product"), goalMetric: try row.string("goal_metric"),
            goalTarget: try row.int("goal_target"), budget: Money(fen: try row.int64("budget_fen")),
            startsAt: try row.optionalDate("starts_at"), endsAt: try row.optionalDate("ends_at"),
            nextRunAt: try row.optionalDate("next_run_at"), createdAt: try row.date("created_at"))
    }

    public static func event<R: StoredRow>(_ row: R) throws(R.Failure) -> Event {
        Event(
            source: try row.string("source"), externalID: try row.string("external_id"), groupID: try row.string("group_id"),
            timestamp: try row.date("ts"), kind: EventKind(rawValue: try row.string("kind")) ?? .message,
            memberID: try row.string("member_id"), memberName: try row.optionalString("member_name"), text: try row.optionalString("text"),
            actorID: try row.optionalString("actor_id"), via: try row.optionalString("via").flatMap(JoinSource.init(rawValue:)),
            replyTo: try row.optionalString("reply_to"), amount: try row.optionalInt64("amount_fen").map(Money.init(fen:)),
            campaignID: try row.optionalString("campaign_id"), raw: try row.optionalString("raw"))
    }

    public static func connectorStatus<R: StoredRow>(_ row: R) throws(R.Failure) -> ConnectorStatus {
        ConnectorStatus(
            connector: try row.string("connector"), platform: Platform(rawValue: try row.string("platform")) ?? .other,
            state: ConnectorStatus.State(rawValue: try row.string("state")) ?? .stopped, detail: try row.optionalString("detail"),
            until: try row.optionalDate("until"), pid: try row.optionalInt64("pid").map { Int32(truncatingIfNeeded: $0) },
            heartbeatAt: try row.date("heartbeat_at"))
    }

    public static func learnedSample<R: StoredRow>(_ row: R) throws(R.Failure) -> LearnedSample {
        LearnedSample(
            id: try row.int64("id"), label: SampleLabel(rawValue: try row.string("label")) ?? .ham, source: try row.string("source"),
            text: try row.string("text"), caseID: try row.optionalInt64("case_id"), auditID: try row.optionalInt64("audit_id"),
            file: try row.optionalString("file"), line: try row.optionalInt("line"), addedAt: try row.date("added_at"),
            removedAt: try row.optionalDate("removed_at"))
    }

    public static func memberNote<R: StoredRow>(_ row: R) throws(R.Failure) -> MemberNote {
        MemberNote(at: try row.date("at"), author: try row.string("author"), text: try row.string("text"))
    }
}
