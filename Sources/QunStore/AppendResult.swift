import QunCore

/// What one append did: new events stored, and events already present (same source and id).
public struct AppendResult: Hashable, Sendable {
    public var inserted: Int
    public var duplicates: Int
    public var flagged: Int
    public init(inserted: Int = 0, duplicates: Int = 0, flagged: Int = 0) {
        self.inserted = inserted
        self.duplicates = duplicates
        self.flagged = flagged
    }
    public static func + (a: AppendResult, b: AppendResult) -> AppendResult {
        AppendResult(inserted: a.inserted + b.inserted, duplicates: a.duplicates + b.duplicates, flagged: a.flagged + b.flagged)
    }
}

/// Where a followed file was read up to; stored in the same transaction as the events read.
public struct IngestCursor: Hashable, Sendable {
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    public var offset: Int64
    public var line: Int
    public init(path: String, device: UInt64, inode: UInt64, offset: Int64, line: Int) {
        self.path = path
        self.device = device
        self.inode = inode
        self.offset = offset
        self.line = line
    }
}

/// Events for `SQLiteStore.append(pulling:)`, with the input position they end at (nil: none to save).
public struct AppendChunk: Sendable {
    public var events: [Event]
    public var cursor: IngestCursor?
    /// The events' text analysis made ahead (`ContentAnalyzer`), so the writer need not.
    public var analysis: ContentAnalysis?
    /// Where a connector's update stream is read up to after these events (Telegram's next `offset`).
    public var connectorCursor: ConnectorCursor?
    public init(events: [Event], cursor: IngestCursor? = nil, analysis: ContentAnalysis? = nil, connectorCursor: ConnectorCursor? = nil) {
        self.events = events
        self.cursor = cursor
        self.analysis = analysis
        self.connectorCursor = connectorCursor
    }
}
