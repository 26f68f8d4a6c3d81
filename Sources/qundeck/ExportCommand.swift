import ArgumentParser
import Foundation
import QunCore
import QunIngest
import QunStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export stored events as feed JSON Lines (re-ingestable) or CSV.",
        discussion: "Writes to stdout, or atomically to --output (a temporary file renamed into place).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "jsonl or csv.") var format: Format = .jsonl
    @Option(name: .long, help: "Only this group.") var group: String?
    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?
    @Flag(name: .long, help: "No progress on stderr.") var quiet = false

    func run() throws {
        let store = try storeOptions.openExisting()
        if let group, try store.group(id: group) == nil { throw ValidationError(StoreError.unknownGroup(group).description) }
        let sink = try OutputSink(path: output)
        let encoder = FeedEncoder()
        let progress = ProgressReporter(label: "export", quiet: quiet || output == nil)
        let total = try store.eventCount()
        var count = 0
        if format == .csv {
            sink.write("source,id,group,ts,kind,member,member_name,text,actor,via,reply_to,amount,campaign\n")
        }
        try store.forEachEvent(groupID: group) { event in
            switch format {
            case .jsonl: sink.write(try encoder.encode(event) + "\n")
            case .csv:
                let fields: [String?] = [
                    event.source, event.externalID, event.groupID, FeedEncoder.timestamp(event.timestamp), event.kind.rawValue,
                    event.memberID, event.memberName, event.text, event.actorID, event.via?.rawValue, event.replyTo,
                    event.amount?.yuanString, event.campaignID,
                ]
                sink.write(fields.map { CSV.field($0 ?? "") }.joined(separator: ",") + "\n")
            }
            count += 1
            if count % 5000 == 0 { progress.update(count: count, unit: "events", fraction: Double(count) / Double(max(total, 1))) }
        }
        progress.finish()
        try sink.commit()
    }
}

enum CSV {
    /// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets don't run chat text as formulas.
    static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@".contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || v != value else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// stdout, or a file written to a temporary sibling and renamed into place only when complete.
final class OutputSink {
    private let handle: FileHandle
    private let finalPath: String?
    private let temporaryPath: String?
    private var buffer = Data()

    init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            finalPath = nil
            temporaryPath = nil
            return
        }
        let tmp = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: nil) , let h = FileHandle(forWritingAtPath: tmp) else {
            throw ValidationError("cannot write \(path)")
        }
        handle = h
        finalPath = path
        temporaryPath = tmp
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        flush()
        guard let finalPath, let temporaryPath else { return }
        try handle.synchronize()
        try handle.close()
        guard rename(temporaryPath, finalPath) == 0 else {
            throw ValidationError("cannot move the export into place at \(finalPath): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if let temporaryPath, FileManager.default.fileExists(atPath: temporaryPath) {
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }
}
