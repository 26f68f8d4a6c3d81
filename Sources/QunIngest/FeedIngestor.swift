import Foundation
import QunCore
import QunStore

/// Reads the event feed from a file or stdin into the store in batches; one transaction per batch.
/// Bad lines are reported (`FILE:LINE: reason`) and skipped; the rest still goes in.
public final class FeedIngestor {
    public struct Summary: Hashable, Sendable {
        public var lines = 0
        public var inserted = 0
        public var duplicates = 0
        public var rejected = 0
        public var blank = 0
        public var flagged = 0
        /// Telegram Bot API updates that carried nothing to store (edits, the bot's own membership…).
        public var skipped = 0
        public init() {}
    }

    public struct Progress {
        public var lines: Int
        public var bytesRead: Int64
        public var totalBytes: Int64?
    }

    let store: SQLiteStore
    let parser = FeedParser()
    /// A bot process may append raw Telegram Bot API updates instead of feed lines; they are mapped here.
    private var botUpdates = TelegramUpdateMapper()
    /// Events per transaction when a backlog is waiting; a follower's batch ends sooner, at the end of what has
    /// arrived. Large batches write each index page once per batch instead of once per few thousand events.
    public var batchSize = 20_000
    public var onReject: (String, Int, FeedLineError) -> Void = { _, _, _ in }
    public var onProgress: (Progress) -> Void = { _ in }

    public init(store: SQLiteStore) {
        self.store = store
    }

    /// Ingests a whole file (`path`) or standard input (`path == "-"`).
    public func ingest(path: String) throws -> Summary {
        let handle: FileHandle
        var total: Int64?
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw IngestError.cannotOpen(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
            }
            handle = h
            total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        }
        defer { if path != "-" { try? handle.close() } }
        let reader = LineReader(handle: handle)
        var summary = Summary()
        try drain(reader, name: path == "-" ? "<stdin>" : path, acceptPartial: true, summary: &summary, totalBytes: total) { _ in nil }
        return summary
    }

    /// Reads every available line from `reader`, appending in batches. `cursorFor` supplies the cursor
    /// to save with each batch (followers), so the position and the events commit together.
    func drain(
        _ reader: LineReader, name: String, acceptPartial: Bool, summary: inout Summary, totalBytes: Int64?,
        cursorFor: (LineReader) -> IngestCursor?
    ) throws {
        var batch: [Event] = []
        batch.reserveCapacity(batchSize)
        func flush() throws {
            let result = try store.append(batch, cursor: cursorFor(reader))
            summary.inserted += result.inserted
            summary.duplicates += result.duplicates
            summary.flagged += result.flagged
            batch.removeAll(keepingCapacity: true)
            onProgress(Progress(lines: summary.lines, bytesRead: reader.offset, totalBytes: totalBytes))
        }
        var sawAny = false
        while let line = reader.next(acceptPartial: acceptPartial) {
            sawAny = true
            summary.lines += 1
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                summary.blank += 1
                continue
            }
            if Self.looksLikeBotUpdate(line.bytes) {
                switch botUpdates.map(json: line.bytes) {
                case let .events(events):
                    batch += events
                    if batch.count >= batchSize { try flush() }
                case .skipped:
                    summary.skipped += 1
                case let .invalid(reason):
                    summary.rejected += 1
                    onReject(name, line.number, FeedLineError(field: nil, "Telegram update: " + reason))
                }
                continue
            }
            switch parser.parse(line.bytes) {
            case let .success(event):
                batch.append(event)
                if batch.count >= batchSize { try flush() }
            case let .failure(error):
                summary.rejected += 1
                onReject(name, line.number, error)
            }
        }
        if !batch.isEmpty || (sawAny && cursorFor(reader) != nil) { try flush() }
    }
}

extension FeedIngestor {
    /// A Bot API Update object starts with (or at least holds) "update_id" and has no feed version field.
    static func looksLikeBotUpdate(_ bytes: Data) -> Bool {
        bytes.range(of: Data("\"update_id\"".utf8)) != nil && bytes.range(of: Data("\"v\"".utf8)) == nil
    }
}

public enum IngestError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot open (\(reason))"
        }
    }
}
