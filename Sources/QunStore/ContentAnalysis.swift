import Foundation
import GRDB
import QunCore

/// The text-only half of applying messages: is this a check-in, and what do the rules find in the text.
/// It needs the store's settings but nothing about the sender, so it can be worked out before the write
/// transaction — a bulk ingest does it on its parsing thread, leaving the writer only the judging.
///
/// The analysis remembers the settings it was made with; the writer uses it only while they still hold
/// (another process may change the rules or a group's check-in keywords meanwhile) and works the text
/// out itself otherwise.
public struct ContentAnalyzer: Sendable {
    let settings: ContentSettings

    /// One entry per event, in order.
    public func analyze(_ events: [Event]) -> ContentAnalysis {
        ContentAnalysis(settings: settings, messages: events.map(settings.analyze))
    }
}

/// What `ContentAnalyzer.analyze` found for a chunk of events, for `AppendChunk`.
public struct ContentAnalysis: Sendable {
    let settings: ContentSettings
    /// Parallel to the chunk's events; nil for events that are not messages with text.
    let messages: [MessageAnalysis?]
}

struct MessageAnalysis: Sendable {
    let isCheckin: Bool
    let findings: TextFindings
    /// The spam classifier's view, when the group's classifier is on.
    var assessment: SpamAssessment? = nil
}

/// The settings the text analysis depends on.
struct ContentSettings: Sendable, Equatable {
    let rules: RuleEngine
    /// Groups with check-in keywords of their own; the others use `defaultCheckins`.
    let groupCheckins: [String: CheckinDetector]
    let defaultCheckins: CheckinDetector
    /// The shared classifier and which stored samples it holds.
    var classifier = SpamClassifier.seeded()
    var classifierStamp = ClassifierStamp()
    /// The store's window of recent posts per member (not part of the settings' identity).
    var recentPosts = RecentPostsWindow()

    static func == (a: ContentSettings, b: ContentSettings) -> Bool {
        a.rules.ruleSet == b.rules.ruleSet && a.groupCheckins == b.groupCheckins && a.defaultCheckins == b.defaultCheckins
            && a.classifierStamp == b.classifierStamp
    }

    func detector(for groupID: String) -> CheckinDetector { groupCheckins[groupID] ?? defaultCheckins }

    func analyze(_ event: Event) -> MessageAnalysis? {
        guard event.kind == .message, let text = event.text else { return nil }
        return MessageAnalysis(
            isCheckin: detector(for: event.groupID).isCheckin(text), findings: rules.findings(in: text, groupID: event.groupID),
            assessment: rules.rules(for: event.groupID).classifier.enabled ? classifier.assess(text) : nil)
    }
}

extension SQLiteStore {
    /// The analyzer for the store's current settings.
    public func contentAnalyzer() throws -> ContentAnalyzer {
        try pool.read { db in ContentAnalyzer(settings: try contentSettings(groups: try StoreDecoding.groups(in: db), in: db)) }
    }

    func contentSettings(groups: [Group], in db: Database) throws -> ContentSettings {
        var groupCheckins: [String: CheckinDetector] = [:]
        for group in groups where group.checkinKeywords != nil {
            groupCheckins[group.id] = group.checkinDetector
        }
        let (classifier, stamp) = try classifierCache.classifierAndStamp(in: db)
        return ContentSettings(
            rules: try engineCache.engine(in: db), groupCheckins: groupCheckins, defaultCheckins: checkins, classifier: classifier,
            classifierStamp: stamp, recentPosts: recentPosts)
    }
}
