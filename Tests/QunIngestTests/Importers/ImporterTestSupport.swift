import Foundation
import XCTest

import QunCore
import QunIngest

/// What one import produced, for assertions.
struct ImporterRun {
    var events: [Event]
    var problems: [ImportProblem]
    var summary: ImportSummary
    var batches: Int

    /// Messages per member id.
    var messageCounts: [String: Int] {
        events.filter { $0.kind == .message }.reduce(into: [:]) { $0[$1.memberID, default: 0] += 1 }
    }

    func events(_ kind: EventKind) -> [Event] { events.filter { $0.kind == kind } }

    func message(containing text: String, file: StaticString = #filePath, line: UInt = #line) -> Event? {
        let found = events.first { $0.kind == .message && ($0.text ?? "").contains(text) }
        if found == nil { XCTFail("no message containing \(text)", file: file, line: line) }
        return found
    }
}

extension XCTestCase {
    /// A fixture under Tests/QunIngestTests/Fixtures/imports.
    func importFixture(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let directory = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil), file: file, line: line)
        let url = directory.appendingPathComponent("imports").appendingPathComponent(name)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "missing fixture \(name)", file: file, line: line)
        return url
    }

    func importerTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("qundeck-importertests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Writes `text` to a file named `name` in a fresh temporary directory.
    func importerFile(_ name: String, _ text: String) throws -> URL {
        let url = try importerTemporaryDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func runImporter(_ url: URL, _ options: ImportOptions = ImportOptions()) throws -> ImporterRun {
        var events: [Event] = []
        var problems: [ImportProblem] = []
        var batches = 0
        let summary = try Importer(options: options).run(
            url: url,
            sink: { batch in
                batches += 1
                events.append(contentsOf: batch)
            },
            onProblem: { problems.append($0) })
        return ImporterRun(events: events, problems: problems, summary: summary, batches: batches)
    }
}

/// 2024-03-12T00:00:00Z, the base time of the project's own samples.
let importerBase: TimeInterval = 1_710_201_600
