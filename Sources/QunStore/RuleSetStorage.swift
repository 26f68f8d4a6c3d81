import Foundation
import GRDB
import QunCore

/// Keeps one compiled `RuleEngine` per stored rule set: compiling is far too slow to repeat per batch,
/// and the stored set can change under us when another process saves new rules. Either backend feeds it
/// the stored row.
public final class RuleEngineCache: @unchecked Sendable {
    private let lock = NSLock()
    private var version: Double?
    private var engine = RuleEngine(ruleSet: .standard)

    public init() {}

    func engine(in db: Database) throws -> RuleEngine {
        let row = try Row.fetchOne(db, sql: "SELECT json, updated_at FROM rule_set WHERE id = 1")
        return try engine(json: row?["json"], updatedAt: row?["updated_at"] ?? 0)
    }

    /// The engine for the stored rule set (`json` nil: none stored, the standard set), compiled again only
    /// when `updatedAt` moved.
    public func engine(json: String?, updatedAt: Double) throws -> RuleEngine {
        try lock.withLock {
            if updatedAt != version {
                engine = RuleEngine(ruleSet: try json.map(StoredRuleSet.decode) ?? .standard)
                version = updatedAt
            }
            return engine
        }
    }
}

/// The rule set as the `rule_set` table stores it: sorted-key JSON, so an unchanged set saves as the same text.
public enum StoredRuleSet {
    public static func decode(_ json: String) throws -> RuleSet {
        do {
            return try JSONDecoder().decode(RuleSet.self, from: Data(json.utf8))
        } catch {
            throw StoreError.invalid("the stored rule set cannot be read: \(error)")
        }
    }

    public static func encode(_ ruleSet: RuleSet) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(ruleSet), as: UTF8.self)
    }
}

extension SQLiteStore {
    /// The community's content rules (the standard set until someone saves their own).
    public func ruleSet() throws -> RuleSet {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT json FROM rule_set WHERE id = 1").map(StoredRuleSet.decode) ?? .standard
        }
    }

    /// The engine ingest uses, for `rules check` and `rules replay`.
    public func ruleEngine() throws -> RuleEngine {
        try pool.read { db in try engineCache.engine(in: db) }
    }

    /// Saves the rule set (audited with the previous one); every process's next ingest batch uses it.
    public func saveRuleSet(_ ruleSet: RuleSet, actor: String, now: Date = Date()) throws {
        let json = try StoredRuleSet.encode(ruleSet)
        try pool.write { db in
            let previous = try String.fetchOne(db, sql: "SELECT json FROM rule_set WHERE id = 1")
            guard previous != json else { return }
            try db.execute(
                sql: "INSERT INTO rule_set (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at",
                arguments: [json, now.timeIntervalSince1970])
            try AuditWrites.record(AuditDraft(at: now, actor: actor, action: "rules", reason: "content rules changed", before: previous), in: db)
        }
    }
}
