import Foundation
import QunCore

/// The stored rule set and what is built from it.
public protocol RuleStorage: Sendable {
    func ruleSet() throws -> RuleSet
    func ruleEngine() throws -> RuleEngine
    func saveRuleSet(_ ruleSet: RuleSet, actor: String, now: Date) throws
    func contentAnalyzer() throws -> ContentAnalyzer
}

extension RuleStorage {
    public func saveRuleSet(_ ruleSet: RuleSet, actor: String, now: Date = Date()) throws {
        try saveRuleSet(ruleSet, actor: actor, now: now)
    }
}
