import Foundation
import QunCore
import QunStore

/// The stored content rules, as SQLite's `RuleSetStorage`: one row, JSON with sorted keys, audited on change.
extension PostgresStore {
    public func ruleSet() throws -> RuleSet {
        try read { s in try s.scalar("SELECT json FROM rule_set WHERE id = 1", as: String.self).map(StoredRuleSet.decode) ?? .standard }
    }

    public func ruleEngine() throws -> RuleEngine {
        try read { s in try ruleEngine(in: s) }
    }

    /// The compiled engine for the stored rules, recompiled only when their `updated_at` moved.
    func ruleEngine(in s: PostgresSession) throws -> RuleEngine {
        let row = try s.queryOne("SELECT json, updated_at FROM rule_set WHERE id = 1")
        return try engineCache.engine(json: try row?.string("json"), updatedAt: try row?.double("updated_at") ?? 0)
    }

    public func saveRuleSet(_ ruleSet: RuleSet, actor: String, now: Date) throws {
        let json = try StoredRuleSet.encode(ruleSet)
        try write { s in
            // FOR UPDATE: two admins saving at once are ordered, each auditing the set it replaced.
            let previous = try s.scalar("SELECT json FROM rule_set WHERE id = 1 FOR UPDATE", as: String.self)
            guard previous != json else { return }
            try s.execute(
                """
                INSERT INTO rule_set (id, json, updated_at) VALUES (1, $1, $2)
                ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
                """, [.text(json), .double(now.timeIntervalSince1970)])
            try PostgresAuditWrites.record(
                AuditDraft(at: now, actor: actor, action: "rules", reason: "content rules changed", before: previous), in: s)
        }
    }
}

extension PostgresStore: RuleStorage {
    /// The analyser a bulk ingest runs ahead of the write, with the settings as stored now; the writer checks
    /// they still hold inside its transaction.
    public func contentAnalyzer() throws -> ContentAnalyzer {
        try read { s in ContentAnalyzer(settings: try contentSettings(groups: try Self.groups(in: s), in: s)) }
    }
}
