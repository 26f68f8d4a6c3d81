import Foundation
import GRDB
import QunCore

extension SQLiteStore {
    /// The analyzer for the store's current settings.
    public func contentAnalyzer() throws -> ContentAnalyzer {
        try pool.read { db in ContentAnalyzer(settings: try contentSettings(groups: try StoreDecoding.groups(in: db), in: db)) }
    }

    /// The settings messages are analysed with, as stored: the rules, the groups' check-in keywords, the classifier.
    func contentSettings(groups: [Group], in db: Database) throws -> ContentSettings {
        let (classifier, stamp) = try classifierCache.classifierAndStamp(in: db)
        return ContentSettings(
            rules: try engineCache.engine(in: db), groups: groups, defaultCheckins: checkins, classifier: classifier,
            classifierStamp: stamp, recentPosts: recentPosts)
    }
}
