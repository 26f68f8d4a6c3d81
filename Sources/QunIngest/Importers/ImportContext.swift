import Foundation
import QunCore

/// The running state of one import: batches events to the sink, counts them, collects skips, problems
/// and warnings into the summary. Every format importer writes through one of these.
final class ImportContext {
    let options: ImportOptions
    let url: URL
    private(set) var summary: ImportSummary
    private let sink: ([Event]) throws -> Void
    private let onProblem: (ImportProblem) -> Void
    private var batch: [Event] = []
    private var members = Set<MemberKey>()
    private var groupsSeen = Set<String>()
    private var warningsSeen = Set<String>()

    init(
        format: ImportFormat, options: ImportOptions, url: URL, sink: @escaping ([Event]) throws -> Void,
        onProblem: @escaping (ImportProblem) -> Void
    ) {
        self.options = options
        self.url = url
        self.summary = ImportSummary(format: format)
        self.sink = sink
        self.onProblem = onProblem
        batch.reserveCapacity(options.batchSize)
    }

    var path: String { url.path }

    /// Set once the sink has failed (the store could not take a batch): every later event ends the import
    /// with that error instead of piling up a batch that can no longer be stored.
    private(set) var sinkFailure: Error?

    func emit(_ event: Event) throws {
        if let sinkFailure { throw sinkFailure }
        switch event.kind {
        case .message: summary.messages += 1
        case .join: summary.joins += 1
        case .leave: summary.leaves += 1
        case .remove: summary.removes += 1
        default: summary.other += 1
        }
        if members.insert(MemberKey(groupID: event.groupID, memberID: event.memberID)).inserted { summary.members += 1 }
        if groupsSeen.insert(event.groupID).inserted { summary.groups.append(event.groupID) }
        batch.append(event)
        if batch.count >= options.batchSize { try flush() }
    }

    func emit(_ events: [Event]) throws {
        for event in events { try emit(event) }
    }

    func flush() throws {
        if let sinkFailure { throw sinkFailure }
        guard !batch.isEmpty else { return }
        do {
            try sink(batch)
        } catch {
            sinkFailure = error
            batch.removeAll()
            throw error
        }
        batch.removeAll(keepingCapacity: true)
    }

    /// A record deliberately not imported (a pinned-message notice, an edit…).
    func skip(_ reason: String, count: Int = 1) {
        summary.skipped += count
        summary.skippedReasons[reason, default: 0] += count
    }

    /// A record that could not be used; reported and counted as skipped.
    /// Parses one record cut out of the file; a record that is not valid JSON is reported at its position
    /// and skipped (nil), and the import goes on.
    func parseRecord(_ bytes: [UInt8], at position: String) -> JSONValue? {
        do {
            return try JSONSliceParser.parse(bytes)
        } catch {
            problem(position, "\(error)")
            return nil
        }
    }

    func problem(_ position: String, _ reason: String) {
        summary.problems += 1
        skip("invalid record")
        onProblem(ImportProblem(position: position, reason: reason))
    }

    func problem(_ position: String, _ error: RecordError) {
        problem(position, error.description)
    }

    func warn(_ text: String) {
        if warningsSeen.insert(text).inserted { summary.warnings.append(text) }
    }
}
