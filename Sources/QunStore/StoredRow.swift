import Foundation
import GRDB
import QunCore

/// A stored row read by column name, whichever backend returned it: the shared decodings below (queue items,
/// audit entries, outbox items) are written once against it, so SQLite and PostgreSQL read the same columns
/// into the same values. Getters throw an error naming the column.
public protocol StoredRow {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int64
    func optionalInteger(_ column: String) throws -> Int64?
    func real(_ column: String) throws -> Double
    func optionalReal(_ column: String) throws -> Double?
}

extension StoredRow {
    func date(_ column: String) throws -> Date { Date(timeIntervalSince1970: try real(column)) }
    func optionalDate(_ column: String) throws -> Date? { try optionalReal(column).map(Date.init(timeIntervalSince1970:)) }
}

extension Row: StoredRow {
    public func text(_ column: String) throws -> String { try decode(String.self, forColumn: column) }
    public func optionalText(_ column: String) throws -> String? { try decode(String?.self, forColumn: column) }
    public func integer(_ column: String) throws -> Int64 { try decode(Int64.self, forColumn: column) }
    public func optionalInteger(_ column: String) throws -> Int64? { try decode(Int64?.self, forColumn: column) }
    public func real(_ column: String) throws -> Double { try decode(Double.self, forColumn: column) }
    public func optionalReal(_ column: String) throws -> Double? { try decode(Double?.self, forColumn: column) }
}

extension ModerationCase {
    /// A `moderation_cases` row.
    public init(stored row: some StoredRow) throws {
        self.init(
            id: try row.integer("id"), kind: ModerationKind(rawValue: try row.text("kind")) ?? .report,
            status: ModerationStatus(rawValue: try row.text("status")) ?? .open, groupID: try row.text("group_id"),
            memberID: try row.text("member_id"), eventSource: try row.optionalText("event_source"),
            eventExternalID: try row.optionalText("event_external_id"), rule: try row.optionalText("rule").flatMap { $0.isEmpty ? nil : $0 },
            reason: try row.text("reason"), evidence: try row.optionalText("evidence"), severity: Int(try row.integer("severity")),
            createdAt: try row.date("created_at"), claimedBy: try row.optionalText("claimed_by"), resolution: try row.optionalText("resolution"),
            resolvedAt: try row.optionalDate("resolved_at"), version: try row.integer("version"), claimedUntil: try row.optionalDate("claimed_until"))
        reasonZh = try row.optionalText("reason_zh")
    }
}

extension AuditEntry {
    /// An `audit_log` row.
    public init(stored row: some StoredRow) throws {
        self.init(
            id: try row.integer("id"), at: try row.date("at"), actor: try row.text("actor"), action: try row.text("action"),
            groupID: try row.optionalText("group_id"), memberID: try row.optionalText("member_id"), caseID: try row.optionalInteger("case_id"),
            campaignID: try row.optionalText("campaign_id"), reason: try row.optionalText("reason"), rule: try row.optionalText("rule"),
            evidence: try row.optionalText("evidence"), before: try row.optionalText("before"), undoes: try row.optionalInteger("undoes"))
    }
}

extension OutboxItem {
    /// An `outbox` row; its command is the JSON `OutboxCommand.json` wrote.
    public init(stored row: some StoredRow) throws {
        let id = try row.integer("id")
        let command: OutboxCommand
        do {
            command = try OutboxCommand(json: try row.text("command"))
        } catch {
            throw StoreError.invalid("outbox item \(id): field command: \(error)")
        }
        self.init(
            id: id, idempotencyKey: try row.text("idempotency_key"), groupID: try row.text("group_id"), command: command,
            state: OutboxState(rawValue: try row.text("state")) ?? .pending, attempts: Int(try row.integer("attempts")),
            lastError: try row.optionalText("last_error"), response: try row.optionalText("response"), claimedBy: try row.optionalText("claimed_by"),
            leaseUntil: try row.optionalDate("lease_until"), nextAttemptAt: try row.optionalDate("next_attempt_at"),
            auditID: try row.optionalInteger("audit_id"), campaignID: try row.optionalText("campaign_id"), purpose: try row.optionalText("purpose"),
            createdAt: try row.date("created_at"), dueAt: try row.date("due_at"), updatedAt: try row.date("updated_at"))
    }
}
