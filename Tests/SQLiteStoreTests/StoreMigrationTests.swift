import Foundation
import GRDB
import XCTest

import QunCore
@testable import QunStore
import StoreTestSupport

/// Opening a store: schema creation, reopening, and the file's permissions (the store holds member
/// data and chat text, so only its owner may read it).
final class StoreMigrationTests: XCTestCase {
    static let expectedTables: Set<String> = [
        "events", "groups", "members", "activity_hourly", "checkins", "moderation_cases", "campaigns",
        "campaign_stats", "ledger", "outbox", "audit_log", "ingest_cursors",
    ]

    func tables(in store: SQLiteStore) throws -> Set<String> {
        try store.pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        }
    }

    func testFreshStoreHasEveryTable() throws {
        let (store, _) = try makeSQLiteStore()
        let tables = try tables(in: store)
        XCTAssertTrue(
            Self.expectedTables.isSubset(of: tables), "missing: \(Self.expectedTables.subtracting(tables).sorted())")
    }

    func testTemporaryStoreIsUsable() throws {
        let store = try SQLiteStore.temporary()
        addTeardownBlock { try? FileManager.default.removeItem(at: URL(fileURLWithPath: store.path).deletingLastPathComponent()) }
        try store.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])
        XCTAssertEqual(try store.eventCount(), 1)
        XCTAssertFalse(try store.isEmpty)
    }

    /// What reopening keeps of the data is a contract test (StoreOpeningTests); here, the SQLite schema.
    func testReopeningRunsEveryMigrationOnceAndKeepsTheSchema() throws {
        let (first, url) = try makeSQLiteStore()
        try first.append(Community.events, now: Community.now)
        let reopened = try SQLiteStore(url: url)
        XCTAssertEqual(try tables(in: reopened), try tables(in: first))
        let applied = try reopened.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        XCTAssertEqual(applied.sorted(), StoreSchema.migrator.migrations.sorted())
    }

    func testReadOnlyOpenReadsAnExistingStore() throws {
        let (writer, url) = try makeSQLiteStore()
        try writer.append(Community.events, now: Community.now)
        let reader = try SQLiteStore(url: url, readOnly: true)
        XCTAssertEqual(try reader.eventCount(), Community.events.count)
        XCTAssertEqual(try reader.groups().map(\.id).sorted(), ["g1", "g2"])
    }

    func testStoreFileIsCreatedWithMode0600InANewDirectory() throws {
        let root = try makeTemporaryDirectory()
        let directory = root.appendingPathComponent("nested/qundeck", isDirectory: true)
        let url = directory.appendingPathComponent("qundeck.sqlite")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path))

        let store = try SQLiteStore(url: url)
        try store.append([event("e1", .message, "u1", "2026-11-23T08:00:00+08:00", text: "hi")])

        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory))
        XCTAssertTrue(isDirectory.boolValue)
        XCTAssertEqual(try permissions(of: url.path), 0o600)
        XCTAssertEqual(try permissions(of: directory.path), 0o700, "the store's own directory is private too")
        // SQLite creates -wal (and -shm) with the main file's mode: chat text in the WAL stays private.
        let wal = url.path + "-wal"
        if FileManager.default.fileExists(atPath: wal) {
            XCTAssertEqual(try permissions(of: wal), 0o600)
        }
    }

    func testUncreatableDirectoryIsReportedAsSuch() throws {
        let root = try makeTemporaryDirectory()
        let blocker = root.appendingPathComponent("not-a-directory")
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8)))
        XCTAssertThrowsError(try SQLiteStore(url: blocker.appendingPathComponent("store.sqlite"))) { error in
            guard case StoreError.cannotCreateDirectory(let path, _) = error else {
                return XCTFail("expected cannotCreateDirectory, got \(error)")
            }
            XCTAssertEqual(path, blocker.path)
        }
    }

    private func permissions(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
