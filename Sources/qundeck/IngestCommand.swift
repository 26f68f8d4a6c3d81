import ArgumentParser
import Foundation
import QunIngest
import QunStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read the event feed (JSON Lines, see docs/events.md) into the store.",
        discussion: """
            Bad lines are reported on stderr as FILE:LINE: reason and skipped; the good lines still go in.
            Exit status: 0 when every line was stored or already present, 2 when any line was rejected.
            With --follow, keeps reading a growing file (like tail -F) until interrupted, surviving truncation
            and rotation, and resumes where it stopped after a restart.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: ArgumentHelp("The feed file, or - for standard input.", valueName: "file"))
    var file: String
    @Flag(name: .long, help: "Keep reading as the file grows, until interrupted.")
    var follow = false
    @Flag(name: .long, help: "No progress or summary on stderr (rejected lines are still reported).")
    var quiet = false

    func validate() throws {
        if follow && file == "-" { throw ValidationError("--follow needs a file path, not standard input") }
    }

    func run() throws {
        // Fail before creating a store for a file that cannot be read.
        if file != "-", !follow, !FileManager.default.isReadableFile(atPath: file) {
            throw CommandFailure("\(file): cannot open (\(FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file"))")
        }
        let store = try storeOptions.open()
        let ingestor = FeedIngestor(store: store)
        let progress = ProgressReporter(label: "ingest", quiet: quiet)
        ingestor.onReject = { name, line, error in printError("\(name):\(line): \(error)") }
        ingestor.onProgress = { p in
            progress.update(
                count: p.lines, unit: "lines",
                fraction: p.totalBytes.map { $0 > 0 ? Double(p.bytesRead) / Double($0) : 1 })
        }
        let started = Date()
        var summary = FeedIngestor.Summary()
        do {
            if follow {
                let stop = InterruptFlag()
                let follower = FeedFollower(ingestor: ingestor, store: store, path: file)
                if !quiet { follower.onEvent = { printError("ingest: \($0)") } }
                if !quiet { printError("ingest: following \(file) (Ctrl-C to stop)") }
                try follower.run(summary: &summary) { stop.isSet }
            } else {
                summary = try ingestor.ingest(path: file)
            }
        } catch let error as IngestError {
            progress.finish()
            throw CommandFailure("\(error)")
        }
        progress.finish()
        if !quiet {
            let seconds = Date().timeIntervalSince(started)
            printError(
                "ingest: \(summary.lines) lines: \(summary.inserted) new events, \(summary.duplicates) already stored, "
                    + "\(summary.rejected) rejected, \(summary.flagged) flagged by rules"
                    + (summary.skipped > 0 ? ", \(summary.skipped) bot updates with nothing to store" : "")
                    + " (\(String(format: "%.1f", seconds)) s)")
        }
        if summary.rejected > 0 { throw ExitCode(2) }
    }
}

/// Set by SIGINT/SIGTERM so long-running loops can stop between batches and commit cleanly.
final class InterruptFlag: @unchecked Sendable {
    // Written only from the signal handler, read between batches: a sig_atomic_t is what a handler may touch.
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    init() {
        signal(SIGINT) { _ in InterruptFlag.flag = 1 }
        signal(SIGTERM) { _ in InterruptFlag.flag = 1 }
    }
    var isSet: Bool { InterruptFlag.flag != 0 }
}
