/// What `ContentAnalyzer.analyze` found for a chunk of events. It remembers the settings it was made with:
/// a writer uses it only while they still hold (another process may change the rules or a group's check-in
/// keywords meanwhile) and works the text out itself otherwise.
public struct ContentAnalysis: Sendable {
    public let settings: ContentSettings
    /// Parallel to the chunk's events; nil for events that are not messages with text.
    public let messages: [MessageAnalysis?]

    public init(settings: ContentSettings, messages: [MessageAnalysis?]) {
        self.settings = settings
        self.messages = messages
    }

    /// The analyses when they were made for these events with `current` settings; nil when the writer must
    /// work the text out itself.
    public func messages(for events: [Event], under current: ContentSettings) -> [MessageAnalysis?]? {
        messages.count == events.count && settings == current ? messages : nil
    }
}
