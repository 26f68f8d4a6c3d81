import Foundation

/// The settings the text of a message is analysed with: the rules, the check-in keywords and the classifier.
/// A store builds them from what it holds, in the transaction that applies the events.
public struct ContentSettings: Sendable, Equatable {
    public let rules: RuleEngine
    /// Groups with check-in keywords of their own; the others use `defaultCheckins`.
    public let groupCheckins: [String: CheckinDetector]
    public let defaultCheckins: CheckinDetector
    /// The shared classifier and which stored samples it holds.
    public var classifier: SpamClassifier
    public var classifierStamp: ClassifierStamp
    /// The writing process's window of recent posts per member (not part of the settings' identity).
    public var recentPosts: RecentPostsWindow

    public init(
        rules: RuleEngine, groupCheckins: [String: CheckinDetector] = [:], defaultCheckins: CheckinDetector = CheckinDetector(),
        classifier: SpamClassifier = .seeded(), classifierStamp: ClassifierStamp = ClassifierStamp(),
        recentPosts: RecentPostsWindow = RecentPostsWindow()
    ) {
        self.rules = rules
        self.groupCheckins = groupCheckins
        self.defaultCheckins = defaultCheckins
        self.classifier = classifier
        self.classifierStamp = classifierStamp
        self.recentPosts = recentPosts
    }

    /// The settings for `groups` (their own check-in keywords), the rest as given.
    public init(
        rules: RuleEngine, groups: [Group], defaultCheckins: CheckinDetector, classifier: SpamClassifier,
        classifierStamp: ClassifierStamp, recentPosts: RecentPostsWindow
    ) {
        var groupCheckins: [String: CheckinDetector] = [:]
        for group in groups where group.checkinKeywords != nil {
            groupCheckins[group.id] = group.checkinDetector
        }
        self.init(
            rules: rules, groupCheckins: groupCheckins, defaultCheckins: defaultCheckins, classifier: classifier,
            classifierStamp: classifierStamp, recentPosts: recentPosts)
    }

    public static func == (a: ContentSettings, b: ContentSettings) -> Bool {
        a.rules.ruleSet == b.rules.ruleSet && a.groupCheckins == b.groupCheckins && a.defaultCheckins == b.defaultCheckins
            && a.classifierStamp == b.classifierStamp
    }

    public func detector(for groupID: String) -> CheckinDetector { groupCheckins[groupID] ?? defaultCheckins }

    /// The text's analysis; nil for events that are not messages with text.
    public func analyze(_ event: Event) -> MessageAnalysis? {
        guard event.kind == .message, let text = event.text else { return nil }
        return MessageAnalysis(
            isCheckin: detector(for: event.groupID).isCheckin(text), findings: rules.findings(in: text, groupID: event.groupID),
            assessment: rules.rules(for: event.groupID).classifier.enabled ? classifier.assess(text) : nil)
    }
}
