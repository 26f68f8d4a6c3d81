import Foundation
import QunCore
import QunIngest

/// The floor for ingest speed: the same rows loaded by the `sqlite3` shell's `.import` into a bare events
/// table with the same unique key and indexes, in the same run. No rules, no derived tables — the cost of
/// just storing the events, which qundeck's ingest is compared against (issue 8 asks for within 2×).
struct SQLiteShellFloor {
    let community: SyntheticCommunity

    struct Result {
        var rows: Int
        var seconds: Double
        var rate: Double { Double(rows) / max(seconds, 0.000_001) }
    }

    /// nil when the sqlite3 shell is not installed.
    func measure(in directory: URL) throws -> Result? {
        guard let shell = Self.findShell() else { return nil }
        let csv = directory.appendingPathComponent("qundeck-floor-\(getpid()).csv")
        let database = directory.appendingPathComponent("qundeck-floor-\(getpid()).sqlite")
        defer {
            for url in [csv, database] { try? FileManager.default.removeItem(at: url) }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        }
        // Writing the CSV is not timed: the floor is SQLite storing rows, not us formatting them.
        let rows = try Self.writeCSV(of: community, to: csv)
        let script = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE events (seq INTEGER PRIMARY KEY, source TEXT NOT NULL, external_id TEXT NOT NULL, group_id TEXT NOT NULL,
                ts REAL NOT NULL, kind TEXT NOT NULL, member_id TEXT NOT NULL, member_name TEXT, text TEXT, actor_id TEXT, via TEXT,
                amount_fen INTEGER, campaign_id TEXT, UNIQUE (source, external_id));
            CREATE INDEX events_by_group_time ON events (group_id, ts);
            CREATE INDEX events_by_member ON events (group_id, member_id, ts);
            CREATE TEMP TABLE staged (source, external_id, group_id, ts, kind, member_id, member_name, text, actor_id, via, amount_fen, campaign_id);
            .mode csv
            .import '\(csv.path)' staged
            INSERT OR IGNORE INTO events (source, external_id, group_id, ts, kind, member_id, member_name, text, actor_id, via, amount_fen, campaign_id)
                SELECT * FROM staged;
            """
        return try Self.timeScript(script, running: shell, arguments: [database.path]).map { Result(rows: rows, seconds: $0) }
    }

    /// Seconds a command-line shell takes to run `script` fed on its standard input; nil when it fails.
    static func timeScript(_ script: String, running executable: String, arguments: [String]) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        return process.terminationStatus == 0 ? seconds : nil
    }

    /// Writes the community's events as CSV rows (source, external id, group, ts, kind, member, name, text,
    /// actor, via, amount in fen, campaign, then `extra`); returns how many.
    static func writeCSV(of community: SyntheticCommunity, to csv: URL, extra: [String] = []) throws -> Int {
        FileManager.default.createFile(atPath: csv.path, contents: nil)
        let handle = try FileHandle(forWritingTo: csv)
        defer { try? handle.close() }
        var rows = 0
        try community.forEachBatch { batch in
            var text = ""
            for e in batch {
                let fields: [String] = [
                    e.source, e.externalID, e.groupID, String(e.timestamp.timeIntervalSince1970), e.kind.rawValue, e.memberID,
                    e.memberName ?? "", e.text ?? "", e.actorID ?? "", e.via?.rawValue ?? "", e.amount.map { String($0.fen) } ?? "",
                    e.campaignID ?? "",
                ] + extra
                text += fields.map(Self.csvField).joined(separator: ",") + "\n"
            }
            rows += batch.count
            handle.write(Data(text.utf8))
        }
        return rows
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func findShell() -> String? { ExecutableSearch.find("sqlite3") }
}
