import Foundation
import QunCore
import QunStore

extension PostgresStore {
    /// The settings messages are analysed with, as stored: the rules, the groups' check-in keywords, the
    /// classifier (the same caches as SQLite's, fed from this schema's tables).
    func contentSettings(groups: [Group], in session: PostgresSession) throws -> ContentSettings {
        let ruleRow = try session.queryOne("SELECT json, updated_at FROM rule_set WHERE id = 1")
        let rules = try engineCache.engine(json: try ruleRow?.string("json"), updatedAt: try ruleRow?.double("updated_at") ?? 0)
        let stampRow = try session.queryOne(
            "SELECT coalesce(max(id), 0) AS last, count(removed_at) AS removed FROM classifier_samples")
        let stamp = ClassifierStamp(lastSample: try stampRow?.int64("last") ?? 0, removed: try stampRow?.int("removed") ?? 0)
        let (classifier, _) = try classifierCache.classifierAndStamp(stamp) { after, classifier in
            let rows = try session.query(
                "SELECT id, label, text FROM classifier_samples WHERE id > $1 AND removed_at IS NULL ORDER BY id", [.int(after)])
            for row in rows {
                guard let label = SampleLabel(rawValue: try row.string("label")) else { continue }
                classifier.learn(try row.string("text"), as: label, id: try row.int64("id"))
            }
        }
        return ContentSettings(
            rules: rules, groups: groups, defaultCheckins: checkins, classifier: classifier, classifierStamp: stamp, recentPosts: recentPosts)
    }
}
