import Foundation
import QunCore
import QunStore

/// One transaction's worth of feed lines, parsed: the events to store, the lines rejected (reported only
/// after the events before them are stored), and where in the input the batch ends.
struct ParsedBatch {
    var events: [Event] = []
    var rejections: [(line: Int, error: FeedLineError)] = []
    var lines = 0
    var blank = 0
    var skipped = 0
    var cursor: IngestCursor?
    var offset: Int64 = 0
    /// The events' text analysis, made on the parsing thread (nil: the writer makes it).
    var analysis: ContentAnalysis?
}

/// Turns feed lines (or raw Telegram Bot API updates) into `ParsedBatch`es of about `batchSize` events.
struct BatchBuilder {
    let parser: FeedParser
    var botUpdates: TelegramUpdateMapper
    let batchSize: Int
    private var batch = ParsedBatch()

    init(parser: FeedParser, botUpdates: TelegramUpdateMapper, batchSize: Int) {
        self.parser = parser
        self.botUpdates = botUpdates
        self.batchSize = batchSize
        batch.events.reserveCapacity(batchSize)
    }

    var hasContent: Bool { batch.lines > 0 }

    /// Adds a line; true when the batch is full and should be taken.
    mutating func add(_ line: LineReader.Line) -> Bool {
        batch.lines += 1
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            batch.blank += 1
            return false
        }
        if FeedIngestor.looksLikeBotUpdate(line.bytes) {
            switch botUpdates.map(json: line.bytes) {
            case let .events(events): batch.events += events
            case .skipped: batch.skipped += 1
            case let .invalid(reason):
                batch.rejections.append((line.number, FeedLineError(field: nil, "Telegram update: " + reason)))
            }
        } else {
            switch parser.parse(line.bytes) {
            case let .success(event): batch.events.append(event)
            case let .failure(error): batch.rejections.append((line.number, error))
            }
        }
        return batch.events.count >= batchSize
    }

    /// The batch so far, ending at the reader's position; starts the next one.
    mutating func take(at reader: LineReader, cursor: IngestCursor?) -> ParsedBatch {
        var taken = batch
        taken.cursor = cursor
        taken.offset = reader.offset
        batch = ParsedBatch()
        batch.events.reserveCapacity(batchSize)
        return taken
    }
}
