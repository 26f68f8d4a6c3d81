import Foundation
import GRDB
import QunCore

/// A result row read by column name, whatever the backend: what `StoreDecoding` builds domain values from,
/// so the SQLite and PostgreSQL stores decode every row the same way. `Failure` is the backend's error:
/// GRDB's rows never throw (`Never`), so SQLite callers decode without `try`; PostgreSQL's rows report a
/// missing or mistyped column.
public protocol StoredRow {
    associatedtype Failure: Error
    func string(_ column: String) throws(Failure) -> String
    func optionalString(_ column: String) throws(Failure) -> String?
    func int64(_ column: String) throws(Failure) -> Int64
    func optionalInt64(_ column: String) throws(Failure) -> Int64?
    func double(_ column: String) throws(Failure) -> Double
    func optionalDouble(_ column: String) throws(Failure) -> Double?
}

extension StoredRow {
    public func int(_ column: String) throws(Failure) -> Int { Int(try int64(column)) }
    public func optionalInt(_ column: String) throws(Failure) -> Int? { try optionalInt64(column).map { Int($0) } }
    /// A REAL / double precision column of epoch seconds.
    public func date(_ column: String) throws(Failure) -> Date { Date(timeIntervalSince1970: try double(column)) }
    public func optionalDate(_ column: String) throws(Failure) -> Date? {
        try optionalDouble(column).map { Date(timeIntervalSince1970: $0) }
    }
}

extension Row: StoredRow {
    public typealias Failure = Never
    public func string(_ column: String) -> String { self[column] }
    public func optionalString(_ column: String) -> String? { self[column] }
    public func int64(_ column: String) -> Int64 { self[column] }
    public func optionalInt64(_ column: String) -> Int64? { self[column] }
    public func double(_ column: String) -> Double { self[column] }
    public func optionalDouble(_ column: String) -> Double? { self[column] }
}

extension ModerationCase {
    /// A `moderation_cases` row.
    public init(stored row: some StoredRow) throws {
        self = try StoreDecoding.moderationCase(row)
    }
}

extension AuditEntry {
    /// An `audit_log` row.
    public init(stored row: some StoredRow) throws {
        self.init(
            id: try row.int64("id"), at: try row.date("at"), actor: try row.string("actor"), action: try row.string("action"),
            groupID: try row.optionalString("group_id"), memberID: try row.optionalString("member_id"), caseID: try row.optionalInt64("case_id"),
            campaignID: try row.optionalString("campaign_id"), reason: try row.optionalString("reason"), rule: try row.optionalString("rule"),
            evidence: try row.optionalString("evidence"), before: try row.optionalString("before"), undoes: try row.optionalInt64("undoes"))
    }
}

extension OutboxItem {
    /// An `outbox` row; its command is the JSON `OutboxCommand.json` wrote.
    public init(stored row: some StoredRow) throws {
        let id = try row.int64("id")
        let command: OutboxCommand
        do {
            command = try OutboxCommand(json: try row.string("command"))
        } catch {
            throw StoreError.invalid("outbox item \(id): field command: \(error)")
        }
        self.init(
            id: id, idempotencyKey: try row.string("idempotency_key"), groupID: try row.string("group_id"), command: command,
            state: OutboxState(rawValue: try row.string("state")) ?? .pending, attempts: Int(try row.int64("attempts")),
            lastError: try row.optionalString("last_error"), response: try row.optionalString("response"), claimedBy: try row.optionalString("claimed_by"),
            leaseUntil: try row.optionalDate("lease_until"), nextAttemptAt: try row.optionalDate("next_attempt_at"),
            auditID: try row.optionalInt64("audit_id"), campaignID: try row.optionalString("campaign_id"), purpose: try row.optionalString("purpose"),
            createdAt: try row.date("created_at"), dueAt: try row.date("due_at"), updatedAt: try row.date("updated_at"))
    }
}
