import Foundation
import QunCore
import QunStore

/// Reads the event feed from a file or stdin into the store in batches: a follower commits each batch, a
/// whole file several batches per transaction.
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

    let store: any IngestStore
    let parser = FeedParser()
    /// A bot process may append raw Telegram Bot API updates instead of feed lines; they are mapped here.
    private var botUpdates = TelegramUpdateMapper()
    /// Events per parsed batch. A follower commits each batch (ending one sooner, at the end of what has
    /// arrived); a whole file commits several per transaction.
    public var batchSize = 20_000
    /// A whole-file ingest commits several batches together: see `PipelinedAppend`.
    public var transactionEvents = PipelinedAppend.defaultTransactionEvents
    public var transactionSeconds = PipelinedAppend.defaultTransactionSeconds
    public var onReject: (String, Int, FeedLineError) -> Void = { _, _, _ in }
    public var onProgress: (Progress) -> Void = { _ in }

    public init(store: any IngestStore) {
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
        try drainInParallel(reader, name: path == "-" ? "<stdin>" : path, summary: &summary, totalBytes: total)
        return summary
    }

    /// Reads every available line from `reader`, appending in batches. `cursorFor` supplies the cursor
    /// to save with each batch (followers), so the position and the events commit together.
    func drain(
        _ reader: LineReader, name: String, acceptPartial: Bool, summary: inout Summary, totalBytes: Int64?,
        cursorFor: (LineReader) -> IngestCursor?
    ) throws {
        var builder = BatchBuilder(parser: parser, botUpdates: botUpdates, batchSize: batchSize)
        defer { botUpdates = builder.botUpdates }
        var sawAny = false
        while let line = reader.next(acceptPartial: acceptPartial) {
            sawAny = true
            if builder.add(line) {
                try write(builder.take(at: reader, cursor: cursorFor(reader)), name: name, summary: &summary, totalBytes: totalBytes)
            }
        }
        if builder.hasContent || (sawAny && cursorFor(reader) != nil) {
            try write(builder.take(at: reader, cursor: cursorFor(reader)), name: name, summary: &summary, totalBytes: totalBytes)
        }
    }

    /// A whole file: one thread reads and parses the next batches while this one writes, several batches
    /// per transaction (`PipelinedAppend`).
    private func drainInParallel(_ reader: LineReader, name: String, summary: inout Summary, totalBytes: Int64?) throws {
        let parser = self.parser
        let batchSize = self.batchSize
        let mapper = MapperBox(botUpdates)
        // The mapper remembers updates already seen, for the next file this ingestor reads.
        defer { botUpdates = mapper.value }
        var pipeline = PipelinedAppend(store: store)
        pipeline.transactionEvents = transactionEvents
        pipeline.transactionSeconds = transactionSeconds
        try pipeline.run(
            produce: { deliver in
                var builder = BatchBuilder(parser: parser, botUpdates: mapper.value, batchSize: batchSize)
                defer { mapper.value = builder.botUpdates }
                while let line = reader.next(acceptPartial: true) {
                    if builder.add(line), !deliver(builder.take(at: reader, cursor: nil)) { return }
                }
                if builder.hasContent { _ = deliver(builder.take(at: reader, cursor: nil)) }
            },
            committed: { result, batches in
                add(result, to: &summary)
                for batch in batches { report(batch, name: name, summary: &summary, totalBytes: totalBytes) }
            })
    }

    /// Stores one parsed batch (events and cursor in one transaction), then reports its rejected lines in order.
    private func write(_ batch: ParsedBatch, name: String, summary: inout Summary, totalBytes: Int64?) throws {
        if !batch.events.isEmpty || batch.cursor != nil {
            add(try store.append(batch.events, cursor: batch.cursor), to: &summary)
        }
        report(batch, name: name, summary: &summary, totalBytes: totalBytes)
    }

    private func add(_ result: AppendResult, to summary: inout Summary) {
        summary.inserted += result.inserted
        summary.duplicates += result.duplicates
        summary.flagged += result.flagged
    }

    /// Counts a stored batch's lines and reports its rejected lines, in order, and the progress.
    private func report(_ batch: ParsedBatch, name: String, summary: inout Summary, totalBytes: Int64?) {
        summary.lines += batch.lines
        summary.blank += batch.blank
        summary.skipped += batch.skipped
        summary.rejected += batch.rejections.count
        for (line, error) in batch.rejections { onReject(name, line, error) }
        onProgress(Progress(lines: summary.lines, bytesRead: batch.offset, totalBytes: totalBytes))
    }
}

/// Carries the Bot API mapper (and what it has seen) to the parsing thread and back.
private final class MapperBox: @unchecked Sendable {
    var value: TelegramUpdateMapper
    init(_ value: TelegramUpdateMapper) { self.value = value }
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
