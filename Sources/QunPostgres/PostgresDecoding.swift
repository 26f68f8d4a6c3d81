import Foundation
import QunCore
import QunStore

/// PostgreSQL rows → domain values, in one place so every query decodes the same way (as `StoreDecoding` does for
/// SQLite; the columns are the same).
enum PostgresDecoding {
    static func group(_ row: PGRow) throws -> Group {
        Group(
            id: try row.string("id"), platform: Platform(rawValue: try row.string("platform")) ?? .other, name: try row.string("name"),
            timeZoneID: try row.string("timezone"), ownerID: try row.optionalString("owner_id"),
            nicknameFormat: try row.optionalString("nickname_format"),
            checkinKeywords: try row.optionalString("checkin_keywords").map { $0.split(separator: ",").map(String.init) },
            createdAt: try row.date("created_at"))
    }

    static func campaign(_ row: PGRow) throws -> Campaign {
        Campaign(
            id: try row.string("id"), name: try row.string("name"), type: CampaignType(rawValue: try row.string("type")) ?? .holiday,
            status: CampaignStatus(rawValue: try row.string("status")) ?? .draft,
            groupIDs: try row.string("group_ids").split(separator: ",").map(String.init), theme: try row.optionalString("theme"),
            hook: try row.optionalString("hook"), product: try row.optionalString("product"), goalMetric: try row.string("goal_metric"),
            goalTarget: try row.int("goal_target"), budget: Money(fen: try row.int64("budget_fen")), startsAt: try row.optionalDate("starts_at"),
            endsAt: try row.optionalDate("ends_at"), nextRunAt: try row.optionalDate("next_run_at"), createdAt: try row.date("created_at"))
    }

    static func event(_ row: PGRow) throws -> Event {
        Event(
            source: try row.string("source"), externalID: try row.string("external_id"), groupID: try row.string("group_id"),
            timestamp: try row.date("ts"), kind: EventKind(rawValue: try row.string("kind")) ?? .message, memberID: try row.string("member_id"),
            memberName: try row.optionalString("member_name"), text: try row.optionalString("text"), actorID: try row.optionalString("actor_id"),
            via: try row.optionalString("via").flatMap(JoinSource.init(rawValue:)), replyTo: try row.optionalString("reply_to"),
            amount: try row.optionalInt64("amount_fen").map(Money.init(fen:)), campaignID: try row.optionalString("campaign_id"),
            raw: try row.optionalString("raw"))
    }

    static func outboxItem(_ row: PGRow) throws -> OutboxItem {
        let id = try row.int64("id")
        let command: OutboxCommand
        do {
            command = try OutboxCommand(json: try row.string("command"))
        } catch {
            throw StoreError.invalid("outbox item \(id): field command: \(error)")
        }
        return OutboxItem(
            id: id, idempotencyKey: try row.string("idempotency_key"), groupID: try row.string("group_id"), command: command,
            state: OutboxState(rawValue: try row.string("state")) ?? .pending, attempts: try row.int("attempts"),
            lastError: try row.optionalString("last_error"), response: try row.optionalString("response"),
            claimedBy: try row.optionalString("claimed_by"), leaseUntil: try row.optionalDate("lease_until"),
            nextAttemptAt: try row.optionalDate("next_attempt_at"), auditID: try row.optionalInt64("audit_id"),
            campaignID: try row.optionalString("campaign_id"), purpose: try row.optionalString("purpose"), createdAt: try row.date("created_at"),
            dueAt: try row.date("due_at"), updatedAt: try row.date("updated_at"))
    }

    static func auditEntry(_ row: PGRow) throws -> AuditEntry {
        AuditEntry(
            id: try row.int64("id"), at: try row.date("at"), actor: try row.string("actor"), action: try row.string("action"),
            groupID: try row.optionalString("group_id"), memberID: try row.optionalString("member_id"), caseID: try row.optionalInt64("case_id"),
            campaignID: try row.optionalString("campaign_id"), reason: try row.optionalString("reason"), rule: try row.optionalString("rule"),
            evidence: try row.optionalString("evidence"), before: try row.optionalString("before"), undoes: try row.optionalInt64("undoes"))
    }

    static func ledgerEntry(_ row: PGRow) throws -> LedgerEntry {
        LedgerEntry(
            id: try row.int64("id"), campaignID: try row.string("campaign_id"), kind: LedgerKind(rawValue: try row.string("kind")) ?? .other,
            amount: Money(fen: try row.int64("amount_fen")), memberID: try row.optionalString("member_id"), groupID: try row.optionalString("group_id"),
            note: try row.optionalString("note"), recordedAt: try row.date("recorded_at"))
    }
}
