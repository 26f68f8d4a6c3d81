import Foundation
import QunCore
import QunIngest
import QunStore

/// The ingest half of `bench`: the synthetic community written as a feed file (untimed, like the floor's CSV),
/// then ingested exactly as `qundeck ingest FILE` does — parse, rules, check-ins, rollups, several batches per
/// transaction — and compared with the sqlite3 shell loading the same rows into a bare table (the floor).
struct IngestBenchmark {
    let community: SyntheticCommunity
    let storeURL: URL
    let quiet: Bool

    func run() throws {
        let directory = storeURL.deletingLastPathComponent()
        let feed = directory.appendingPathComponent("qundeck-bench-feed-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: feed) }
        let feedBytes = try writeFeed(to: feed)

        let progress = ProgressReporter(label: "bench ingest", quiet: quiet)
        let started = Date()
        // Built as the demo is, its WAL folded into the file at the end (timed, as part of loading).
        let summary = try StoreOpener.sqlite(storeURL).build { store in
            let ingestor = FeedIngestor(store: store)
            ingestor.onProgress = { p in
                progress.update(count: p.lines, unit: "events", fraction: Double(p.bytesRead) / Double(max(feedBytes, 1)))
            }
            ingestor.onReject = { name, line, error in
                FileHandle.standardError.write(Data("\(name):\(line): \(error)\n".utf8))
            }
            return try ingestor.ingest(path: feed.path)
        }
        let seconds = Date().timeIntervalSince(started)
        progress.finish()
        let parseSeconds = try parseOnly(feed)
        let size = (try? FileManager.default.attributesOfItem(atPath: storeURL.path)[.size] as? NSNumber)?.int64Value ?? 0
        print(String(
            format: "ingest (qundeck ingest of a %.0f MB feed): %d events, %d members, %d groups in %.1f s = %.0f events/s "
                + "(parsing alone %.1f s); %d flagged; store %.0f MB; peak memory %.1f MB",
            Double(feedBytes) / 1_048_576, summary.inserted, community.members, community.groups, seconds,
            Double(summary.inserted) / seconds, parseSeconds, summary.flagged, Double(size) / 1_048_576,
            Double(ImportBenchmark.status("VmHWM")) / 1024))
        fflush(nil)
        // The same rows through the sqlite3 shell, as the floor the ingest rate is judged against.
        if let floor = try SQLiteShellFloor(community: community).measure(in: directory) {
            print(String(
                format: "sqlite3 shell floor: %d rows in %.1f s = %.0f rows/s; qundeck ingest takes %.1f× the floor's time",
                floor.rows, floor.seconds, floor.rate, seconds / floor.seconds))
        } else {
            print("sqlite3 shell floor: not measured (no sqlite3 shell on PATH)")
        }
        fflush(nil)
    }

    /// Writes the community as feed lines; returns the file's size.
    private func writeFeed(to url: URL) throws -> Int64 {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let encoder = FeedEncoder()
        let progress = ProgressReporter(label: "bench feed", quiet: quiet)
        var written = 0
        var bytes: Int64 = 0
        try community.forEachBatch { batch in
            var text = ""
            for event in batch { text += try encoder.encode(event) + "\n" }
            let data = Data(text.utf8)
            handle.write(data)
            bytes += Int64(data.count)
            written += batch.count
            progress.update(count: written, unit: "events", fraction: Double(written) / Double(community.events))
        }
        progress.finish()
        return bytes
    }

    /// Seconds to read and parse every line, storing nothing: the parser's share of the ingest time.
    private func parseOnly(_ url: URL) throws -> Double {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return 0 }
        defer { try? handle.close() }
        let reader = LineReader(handle: handle)
        let parser = FeedParser()
        let started = Date()
        var parsed = 0
        while let line = reader.next(acceptPartial: true) {
            if case .success = parser.parse(line.bytes) { parsed += 1 }
        }
        precondition(parsed > 0, "the feed written a moment ago parses")
        return Date().timeIntervalSince(started)
    }
}
