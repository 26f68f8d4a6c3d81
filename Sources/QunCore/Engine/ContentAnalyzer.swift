/// The text-only half of applying messages: is this a check-in, and what do the rules find in the text.
/// It needs the store's settings but nothing about the sender, so it can be worked out before the write
/// transaction — a bulk ingest does it on its parsing thread, leaving the writer only the judging.
public struct ContentAnalyzer: Sendable {
    public let settings: ContentSettings

    public init(settings: ContentSettings) {
        self.settings = settings
    }

    /// One entry per event, in order.
    public func analyze(_ events: [Event]) -> ContentAnalysis {
        ContentAnalysis(settings: settings, messages: events.map(settings.analyze))
    }
}
