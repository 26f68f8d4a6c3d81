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

    private func importInto(_ store: SQLiteStore, _ url: URL, _ options: ImportOptions = ImportOptions()) throws -> AppendResult {
        var total = AppendResult()
        _ = try Importer(options: options).run(url: url, sink: { total = total + (try store.append($0)) }, onProblem: { _ in })
        return total
    }

    func testImportingTheSameFileTwiceAddsNothing() throws {
        let store = try store()
        for name in [
            "qundeck_telegram_supergroup.json", "WhatsApp Chat with 金水花园骑行群.txt", "qundeck_telegram_bot_updates.jsonl",
            "qundeck_discord_export.json", "sodascience_chat_file5.txt",
        ] {
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
