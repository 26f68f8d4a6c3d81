import Foundation
import QunCore
import QunStore

extension Importer {
    /// Imports the export into `store`: parsing (and the messages' text analysis) on a second thread,
    /// storing on this one, several batches per transaction (`PipelinedAppend`). `onProblem` is called on
    /// the parsing thread; `committed` here, after each transaction, with what it stored and how many
    /// events it took.
    public func run(
        url: URL, into store: any IngestStore, onProblem: @escaping (ImportProblem) -> Void,
        committed: (AppendResult, _ events: Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        let outcome = ImportOutcome()
        try PipelinedAppend(store: store).run(
            produce: { deliver in
                outcome.summary = try self.run(
                    url: url, sink: { events in
                        // The writer failed: stop reading; its error is the one reported.
                        guard deliver(events) else { throw StoreStopped() }
                    }, onProblem: onProblem)
            },
            committed: committed)
        guard let summary = outcome.summary else { throw StoreStopped() }
        return summary
    }
}

/// The parsing thread's summary, read by the storing thread once it has joined.
private final class ImportOutcome: @unchecked Sendable {
    var summary: ImportSummary?
}

private struct StoreStopped: Error {}
