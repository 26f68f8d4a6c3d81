import Foundation
import XCTest

import QunCore
import QunIngest

/// Large exports are read one record at a time: the importer's peak memory does not grow with the file.
final class ImporterStreamingTests: XCTestCase {
    /// A field of /proc/self/status in kB (VmHWM: peak resident set; VmRSS: current).
    private func status(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    /// Resets VmHWM to the current RSS (Linux), so the peak measured is this import's.
    private func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Writes `count` pieces from `piece` to `url` in chunks, so generating the file stays small too.
    private func write(_ url: URL, header: String, footer: String, count: Int, piece: (Int) -> String) throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var chunk = header
        for i in 0..<count {
            chunk += piece(i)
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += footer
        handle.write(Data(chunk.utf8))
    }

    private func measure(_ body: () throws -> Void) rethrows -> (peakGrowthKB: Int, rssGrowthKB: Int)? {
        guard status("VmHWM") != nil else { return nil }
        resetPeak()
        let peakBefore = status("VmHWM")!
        let rssBefore = status("VmRSS")!
        try body()
        let growth = (status("VmHWM")! - peakBefore, status("VmRSS")! - rssBefore)
        print("importer memory: peak +\(growth.0) kB, resident +\(growth.1) kB")
        return growth
    }

    func testATwentyMegabyteTelegramExportStreams() throws {
        try XCTSkipIf(status("VmHWM") == nil, "needs /proc/self/status")
        let url = try importerTemporaryDirectory().appendingPathComponent("result.json")
        let count = 90_000
        try write(
            url, header: "{\n \"name\": \"压力测试群\",\n \"type\": \"private_supergroup\",\n \"id\": 424242,\n \"messages\": [\n",
            footer: "\n ]\n}\n", count: count
        ) { i in
            (i == 0 ? "" : ",\n")
                + """
                  {
                   "id": \(i + 1),
                   "type": "message",
                   "date": "2024-03-12T08:00:00",
                   "date_unixtime": "\(1_710_201_600 + i)",
                   "from": "成员\(i % 400)",
                   "from_id": "user\(10_000 + i % 400)",
                   "text": ["第\(i)条消息 🎉 早安☀️ 今天的团购 ", {"type": "text_link", "text": "点这里", "href": "https://shop.example.cn/t/\(i)"}, " 快来"]
                  }
                """
        }
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber).intValue
        XCTAssertGreaterThan(size, 20_000_000)

        var events = 0
        var batches = 0
        var lastText = ""
        var summary: ImportSummary?
        let growth = try XCTUnwrap(
            try measure {
                summary = try Importer(options: ImportOptions(batchSize: 1_000)).run(
                    url: url,
                    sink: { batch in
                        events += batch.count
                        batches += 1
                        lastText = batch.last?.text ?? ""
                    },
                    onProblem: { XCTFail("\($0)") })
            })
        XCTAssertEqual(events, count)
        XCTAssertEqual(batches, count / 1_000)
        XCTAssertEqual(summary?.messages, count)
        XCTAssertEqual(summary?.members, 400)
        XCTAssertEqual(lastText, "第\(count - 1)条消息 🎉 早安☀️ 今天的团购 点这里 (https://shop.example.cn/t/\(count - 1)) 快来")
        XCTAssertLessThan(growth.peakGrowthKB, 60 * 1024, "peak memory grew by \(growth.peakGrowthKB) kB reading a \(size)-byte export")
    }

    func testALargeWhatsAppExportStreams() throws {
        try XCTSkipIf(status("VmHWM") == nil, "needs /proc/self/status")
        let url = try importerTemporaryDirectory().appendingPathComponent("WhatsApp Chat with 压力测试群.txt")
        let count = 80_000
        try write(url, header: "", footer: "", count: count) { i in
            let day = 1 + (i / 2_000) % 28
            let minute = (i / 2) % 60
            return "\(day)/03/2024, 10:\(minute < 10 ? "0" : "")\(minute) - 成员\(i % 300): 第\(i)条 早安☀️ https://t.cn/\(i)\n第二行 \(i)\n"
        }
        var events = 0
        let growth = try XCTUnwrap(
            try measure {
                _ = try Importer(options: ImportOptions()).run(
                    url: url, sink: { events += $0.count }, onProblem: { XCTFail("\($0)") })
            })
        XCTAssertEqual(events, count)
        XCTAssertLessThan(growth.peakGrowthKB, 60 * 1024, "peak memory grew by \(growth.peakGrowthKB) kB")
    }
}
