import Foundation
import XCTest

import QunCore
import QunIngest
import QunStore

/// Imports into a real store: idempotency and the membership the store derives from imported events.
final class ImporterStoreTests: XCTestCase {
    private func store() throws -> SQLiteStore {
        try SQLiteStore(url: importerTemporaryDirectory().appendingPathComponent("store.sqlite"))
    }

    /// As `qundeck import` does: parsing on one thread, storing on another.
    private func importInto(_ store: SQLiteStore, _ url: URL, _ options: ImportOptions = ImportOptions()) throws -> AppendResult {
        var total = AppendResult()
        _ = try Importer(options: options).run(url: url, into: store, onProblem: { _ in }, committed: { result, _ in total = total + result })
        return total
    }

    /// Event by event on one thread, one transaction per batch.
    private func importSequentially(_ store: SQLiteStore, _ url: URL, _ options: ImportOptions) throws -> AppendResult {
        var total = AppendResult()
        _ = try Importer(options: options).run(url: url, sink: { total = total + (try store.append($0)) }, onProblem: { _ in })
        return total
    }

    private static let fixtures = [
        "qundeck_telegram_supergroup.json", "WhatsApp Chat with 金水花园骑行群.txt", "qundeck_telegram_bot_updates.jsonl",
        "qundeck_discord_export.json", "sodascience_chat_file5.txt",
    ]

    /// The pipelined import (small batches, so many of them share transactions) stores what a sequential one does.
    func testPipelinedImportStoresWhatASequentialOneDoes() throws {
        for name in Self.fixtures {
            let url = try importFixture(name)
            let options = ImportOptions(batchSize: 3)
            let (pipelined, sequential) = (try store(), try store())
            XCTAssertEqual(try importInto(pipelined, url, options), try importSequentially(sequential, url, options), name)
            XCTAssertEqual(try pipelined.eventCount(), try sequential.eventCount(), name)
            XCTAssertEqual(try pipelined.openCaseCount(), try sequential.openCaseCount(), name)
            XCTAssertEqual(try pipelined.groups(), try sequential.groups(), name)
            for group in try sequential.groups() {
                XCTAssertEqual(try pipelined.members(groupID: group.id), try sequential.members(groupID: group.id), name)
            }
        }
    }

    /// A cut-off export: the messages read before the cut are stored and the problem is reported.
    func testACutOffExportStoresWhatWasReadAndReportsTheProblem() throws {
        let store = try store()
        let url = try importerFile("cut.json", "{\"name\": \"群\", \"type\": \"private_supergroup\", \"id\": 7, \"messages\": [" + (1...5).map {
            "{\"id\": \($0), \"type\": \"message\", \"date\": \"2024-03-12T08:00:00\", \"date_unixtime\": \"\(1_710_201_600 + $0)\", \"from\": \"甲\", \"from_id\": \"user1\", \"text\": \"第\($0)条\"}"
        }.joined(separator: ",") + ", {\"id\": 6, \"type\": ")
        let problems = ProblemLog()
        _ = try Importer(options: ImportOptions(batchSize: 2)).run(url: url, into: store, onProblem: { problems.add($0) })
        XCTAssertEqual(try store.eventCount(), 5)
        XCTAssertFalse(problems.all.isEmpty)
    }

    /// The store refusing a batch (here: opened read-only) ends every kind of import with the store's error,
    /// without reading on or reporting the records after it as bad.
    func testAStoreErrorEndsTheImport() throws {
        let directory = try importerTemporaryDirectory()
        let path = directory.appendingPathComponent("store.sqlite")
        _ = try SQLiteStore(url: path)
        let readOnly = try SQLiteStore(url: path, readOnly: true)
        for name in Self.fixtures {
            let problems = ProblemLog()
            XCTAssertThrowsError(
                try Importer(options: ImportOptions(batchSize: 1)).run(
                    url: try importFixture(name), into: readOnly, onProblem: { problems.add($0) }), name
            ) { error in
                XCTAssertFalse(error is ImportError, "\(name): the store's error, not an import error: \(error)")
            }
            XCTAssertFalse(problems.all.contains { $0.reason.contains("Stopped") }, "\(name): \(problems.all)")
        }
        XCTAssertEqual(try SQLiteStore(url: path).eventCount(), 0)
    }

    /// An import that cannot start throws its `ImportError` from the parsing thread, and stores nothing.
    func testAnImportThatCannotStartThrowsItsError() throws {
        let store = try store()
        let url = try importerFile("empty.json", "")
        XCTAssertThrowsError(try importInto(store, url, ImportOptions(format: .telegram))) { error in
            XCTAssertTrue(error is ImportError, "\(error)")
        }
        XCTAssertEqual(try store.eventCount(), 0)
    }

    func testImportingTheSameFileTwiceAddsNothing() throws {
        let store = try store()
        for name in Self.fixtures {
            let url = try importFixture(name)
            let first = try importInto(store, url)
            XCTAssertGreaterThan(first.inserted, 0, name)
            XCTAssertEqual(first.duplicates, 0, name)
            let second = try importInto(store, url)
            XCTAssertEqual(second.inserted, 0, name)
            XCTAssertEqual(second.duplicates, first.inserted, name)
        }
    }

    func testMembershipFromATelegramExport() throws {
        let store = try store()
        let result = try importInto(store, importFixture("qundeck_telegram_supergroup.json"))
        XCTAssertEqual(result.inserted, 18)
        let group = "-1001234567890"
        XCTAssertEqual(try store.group(id: group)?.name, "郑州·金水花园1群")
        XCTAssertEqual(try store.group(id: group)?.platform, .telegram)
        let owner = try XCTUnwrap(store.member(groupID: group, memberID: "1001"))
        XCTAssertEqual(owner.role, .owner)
        XCTAssertEqual(owner.messageCount, 2)
        let linked = try XCTUnwrap(store.member(groupID: group, memberID: "1004"))
        XCTAssertEqual(linked.status, .removed)
        XCTAssertEqual(linked.joinSource, .inviteLink)
        XCTAssertEqual(linked.inviterID, "1001")
        XCTAssertEqual(try store.member(groupID: group, memberID: "1002")?.status, .left)
        XCTAssertEqual(try store.member(groupID: group, memberID: "1005")?.inviterID, "1001")
        XCTAssertEqual(try store.member(groupID: group, memberID: "1007")?.joinSource, .request)
    }

    func testJoinRequestFromBotUpdatesOpensACase() throws {
        let store = try store()
        _ = try importInto(store, importFixture("qundeck_telegram_bot_updates.jsonl"))
        let member = try XCTUnwrap(store.member(groupID: "-1001234567890", memberID: "1007"))
        XCTAssertEqual(member.role, .pending)
        XCTAssertGreaterThan(try store.openCaseCount(), 0)
    }
}

/// Problems reported on the parsing thread, read after the import.
private final class ProblemLog: @unchecked Sendable {
    private let lock = NSLock()
    private var problems: [ImportProblem] = []
    func add(_ problem: ImportProblem) { lock.withLock { problems.append(problem) } }
    var all: [ImportProblem] { lock.withLock { problems } }
}
