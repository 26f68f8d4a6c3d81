import Foundation
import GRDB
import QunCore

/// The embedded store: one SQLite file in WAL mode, shared by the TUI, the CLI and feed processes.
/// Every logical write is one transaction; derived tables change in the same transaction as the events.
public final class SQLiteStore: Sendable {
    public let path: String
    let pool: DatabasePool
    let checkins: CheckinDetector
    /// The rule engine built from the stored rule set, rebuilt when another process saves new rules.
    let engineCache = RuleEngineCache()
    let classifierCache = ClassifierCache()
    let recentPosts = RecentPostsWindow()
    /// Member facts carried from one ingest batch to the next.
    let memberFacts = MemberFactsCache()
    /// Back-to-back appends leave another process's writer a gap to take the lock in.
    let writeLockHandOver = WriteLockHandOver()

    static let writerCacheKiB = 65_536
    /// 64 MB of WAL between automatic checkpoints.
    static let walCheckpointPages = 16_384

    /// Opens (creating with mode 0600 if needed) and migrates the store at `url`.
    public init(url: URL, readOnly: Bool = false, checkins: CheckinDetector = CheckinDetector()) throws {
        self.path = url.path
        self.checkins = checkins
        let fm = FileManager.default
        let directory = url.deletingLastPathComponent()
        if !readOnly {
            do {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreateDirectory(path: directory.path, underlying: error.localizedDescription)
            }
            if !fm.fileExists(atPath: url.path) {
                // SQLite gives the -wal and -shm files the main file's mode, so 0600 here covers all three.
                let fd = open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
                if fd >= 0 { close(fd) }
            }
        }
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .callback(WriteLockWait.retry)
        config.label = "qundeck"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            if !db.configuration.readonly {
                // Ingest touches index pages all over the store (events by member, members). With
                // SQLite's 2 MB default they are re-read on every batch, and a checkpoint every 4 MB writes the
                // same pages back again and again; measured at 1M events, the two together cut ingest time by a
                // third. The cache grows only as pages are used, and only the one writer connection has it.
                try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.walCheckpointPages)")
            }
        }
        do {
            pool = try DatabasePool(path: url.path, configuration: config)
            if !readOnly { try StoreSchema.migrator.migrate(pool) }
        } catch {
            throw StoreError.cannotOpen(path: url.path, underlying: "\(error)")
        }
    }

    /// A store in a temporary file, for tests and benchmarks.
    public static func temporary(name: String = "qundeck-test") throws -> SQLiteStore {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString)").appendingPathComponent("store.sqlite")
        return try SQLiteStore(url: url)
    }

    public var isEmpty: Bool {
        get throws { try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM groups") ?? 0 } == 0 }
    }

    // MARK: groups

    /// Creates the group or updates its settings.
    public func saveGroup(_ group: Group) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO groups (id, platform, name, timezone, owner_id, nickname_format, checkin_keywords, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET platform = excluded.platform, name = excluded.name,
                        timezone = excluded.timezone, owner_id = excluded.owner_id, nickname_format = excluded.nickname_format,
                        checkin_keywords = excluded.checkin_keywords
                    """,
                arguments: [
                    group.id, group.platform.rawValue, group.name, group.timeZoneID, group.ownerID, group.nicknameFormat,
                    group.checkinKeywords?.joined(separator: ","), group.createdAt.timeIntervalSince1970,
                ])
        }
    }

    public func saveCampaign(_ campaign: Campaign) throws {
        try pool.write { db in try Self.saveCampaign(campaign, in: db) }
    }

    static func saveCampaign(_ c: Campaign, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO campaigns (id, name, type, status, group_ids, theme, hook, product, goal_metric, goal_target,
                    budget_fen, starts_at, ends_at, next_run_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, status = excluded.status,
                    group_ids = excluded.group_ids, theme = excluded.theme, hook = excluded.hook, product = excluded.product,
                    goal_metric = excluded.goal_metric, goal_target = excluded.goal_target, budget_fen = excluded.budget_fen,
                    starts_at = excluded.starts_at, ends_at = excluded.ends_at, next_run_at = excluded.next_run_at
                """,
            arguments: [
                c.id, c.name, c.type.rawValue, c.status.rawValue, c.groupIDs.joined(separator: ","), c.theme, c.hook,
                c.product, c.goalMetric, c.goalTarget, c.budget.fen, c.startsAt?.timeIntervalSince1970,
                c.endsAt?.timeIntervalSince1970, c.nextRunAt?.timeIntervalSince1970, c.createdAt.timeIntervalSince1970,
            ])
        try db.execute(sql: "INSERT OR IGNORE INTO campaign_stats (campaign_id) VALUES (?)", arguments: [c.id])
    }

    // MARK: events

    /// Appends events in one transaction; events already stored (same source and id) are skipped.
    /// `cursor`, when given, is saved in the same transaction so a follower resumes exactly after these lines.
    @discardableResult
    public func append(_ events: [Event], cursor: IngestCursor? = nil, now: Date = Date()) throws -> AppendResult {
        try append(AppendChunk(events: events, cursor: cursor), now: now)
    }

    /// Appends every chunk `next` hands over, in one transaction, until it returns nil. A bulk load pulls
    /// several parsed batches into one commit: each member row, rollup row and index page is then written
    /// once per transaction instead of once per batch. The cursor of the last chunk that has one is saved.
    ///
    /// `next` runs on the writer while the write lock is held: it should hand over what is ready and wait
    /// for input only briefly (`PipelinedAppend` waits at most 50 ms, then commits).
    @discardableResult
    public func append(pulling next: () throws -> AppendChunk?, now: Date = Date()) throws -> AppendResult {
        writeLockHandOver.waitForGap()
        defer { writeLockHandOver.transactionEnded() }
        let (result, known, stamp) = try pool.write { db in
            let groups = try StoreDecoding.groups(in: db)
            var writer = try EventWriter(
                db: db, groups: groups, settings: try contentSettings(groups: groups, in: db), now: now,
                knownMembers: try memberFacts.checkOut(db))
            var cursor: IngestCursor?
            var connectorCursor: ConnectorCursor?
            while let chunk = try next() {
                let analysis = chunk.analysis?.messages(for: chunk.events, under: writer.settings)
                for (index, event) in chunk.events.enumerated() { try writer.apply(event, analysis: analysis?[index]) }
                cursor = chunk.cursor ?? cursor
                connectorCursor = chunk.connectorCursor ?? connectorCursor
            }
            try writer.finish()
            if let cursor { try Self.saveCursor(cursor, in: db, now: now) }
            if let connectorCursor { try ConnectorRecords.save(connectorCursor, now: now, in: db) }
            return (writer.result, writer.knownMembers, try MemberFactsCache.stamp(db))
        }
        // Only facts that were committed carry over; a failed batch leaves the cache empty.
        memberFacts.keep(known, stampedAt: stamp)
        return result
    }

    public func cursor(forPath path: String) throws -> IngestCursor? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ingest_cursors WHERE path = ?", arguments: [path]) else {
                return nil
            }
            return IngestCursor(
                path: row["path"], device: UInt64(bitPattern: row["device"] as Int64), inode: UInt64(bitPattern: row["inode"] as Int64),
                offset: row["offset"], line: row["line"])
        }
    }

    static func saveCursor(_ cursor: IngestCursor, in db: Database, now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO ingest_cursors (path, device, inode, offset, line, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET device = excluded.device, inode = excluded.inode, offset = excluded.offset,
                    line = excluded.line, updated_at = excluded.updated_at
                """,
            arguments: [
                cursor.path, Int64(bitPattern: cursor.device), Int64(bitPattern: cursor.inode), cursor.offset, cursor.line,
                now.timeIntervalSince1970,
            ])
    }

    public func saveCursor(_ cursor: IngestCursor, now: Date = Date()) throws {
        try pool.write { db in try Self.saveCursor(cursor, in: db, now: now) }
    }
}

extension SQLiteStore {
    /// Event sources other than `known`: how `demo` tells a demo store from real data it must not replace.
    public func foreignSources(besides known: Set<String>) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT source FROM events").filter { !known.contains($0) }.sorted()
        }
    }

    /// Folds the WAL into the main file, so a freshly built store is one self-contained file.
    func checkpoint() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}

extension SQLiteStore {
    /// Overwrites this store's contents with `source`'s through SQLite's online backup: one write
    /// transaction, so processes that have this store open see the new contents (their change watchers
    /// fire) instead of being left on a file renamed away underneath them.
    func replaceContents(with source: SQLiteStore) throws {
        try source.pool.backup(to: pool)
    }
}
