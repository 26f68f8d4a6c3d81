import Foundation
import QunCore
import QunIngest
import QunStore

/// `bench --import-mb N`: generates a Telegram Desktop export and a WhatsApp chat of about N MB each and
/// imports them into a fresh store, reporting MB/s, events/s and how much the peak memory grew — the
/// importers stream, so the growth should not follow the file's size.
struct ImportBenchmark {
    let megabytes: Int
    let directory: URL

    func run() throws {
        for format in [ImportFormat.telegram, .whatsapp] {
            let url = directory.appendingPathComponent(format == .telegram ? "bench-result-\(getpid()).json" : "WhatsApp Chat with bench-\(getpid()).txt")
            let storeURL = directory.appendingPathComponent("bench-import-\(getpid())-\(format.rawValue).sqlite")
            defer {
                try? FileManager.default.removeItem(at: url)
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storeURL.path + suffix) }
            }
            let size = try generate(format, at: url)
            let store = try StoreOpener.sqlite(storeURL).open()
            resetPeak()
            let peakBefore = Self.status("VmHWM")
            let started = Date()
            var stored = 0
            let summary = try Importer(options: ImportOptions(format: format, timeZone: TimeZone(identifier: "Asia/Shanghai"))).run(
                url: url, into: store, onProblem: { _ in }, committed: { result, _ in stored += result.inserted })
            let seconds = Date().timeIntervalSince(started)
            let growth = Self.status("VmHWM") - peakBefore
            print(String(format: "import %@: %.0f MB, %d events (%d stored) in %.1f s = %.1f MB/s, %.0f events/s; peak memory +%.1f MB",
                         format.rawValue, Double(size) / 1_048_576, summary.events, stored, seconds,
                         Double(size) / 1_048_576 / seconds, Double(summary.events) / seconds, Double(growth) / 1024))
            fflush(nil)
        }
    }

    /// Writes records until the file reaches the requested size, in 1 MB chunks so generating stays small too.
    private func generate(_ format: ImportFormat, at url: URL) throws -> Int {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let target = megabytes * 1_048_576
        var written = 0
        var chunk = format == .telegram
            ? "{\n \"name\": \"压测群\",\n \"type\": \"private_supergroup\",\n \"id\": 4242,\n \"messages\": [\n" : ""
        var i = 0
        while written + chunk.utf8.count < target {
            if format == .telegram {
                chunk += (i == 0 ? "" : ",\n") + """
                     {"id": \(i + 1), "type": "message", "date": "2024-03-12T08:00:00", "date_unixtime": "\(1_710_201_600 + i)", \
                    "from": "成员\(i % 2000)", "from_id": "user\(10_000 + i % 2000)", "text": ["第\(i)条 🎉 早安☀️ 今天的团购 ", \
                    {"type": "text_link", "text": "点这里", "href": "https://shop.example.cn/t/\(i)"}, " 快来"]}
                    """
            } else {
                let day = 1 + (i / 5_000) % 28
                let minute = (i / 100) % 60
                chunk += "\(day)/03/2024, 10:\(minute < 10 ? "0" : "")\(minute) - 成员\(i % 2000): 第\(i)条 早安☀️ 团购 https://t.cn/\(i)\n"
            }
            i += 1
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                written += chunk.utf8.count
                chunk = ""
            }
        }
        if format == .telegram { chunk += "\n ]\n}\n" }
        handle.write(Data(chunk.utf8))
        return written + chunk.utf8.count
    }

    /// Resets VmHWM to the current RSS (Linux), so the peak measured is the import's.
    private func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// A /proc/self/status field in kB (VmRSS, VmHWM…); 0 where the file does not exist.
    static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") ?? 0
        }
        return 0
    }
}
