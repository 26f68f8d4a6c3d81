import Foundation
import QunCore
import QunStore

extension PostgresStore: EventLog {
    /// Appends events in one transaction; events already stored (same source and id) are skipped. `cursor`,
    /// when given, is saved in the same transaction so a follower resumes exactly after these lines.
    @discardableResult
    public func append(_ events: [Event], cursor: IngestCursor?, now: Date) throws -> AppendResult {
        try append(AppendChunk(events: events, cursor: cursor), now: now)
    }

    /// Appends every chunk `next` hands over, in one transaction, until it returns nil; the cursors of the
    /// last chunks that have them are saved with the events. Ingest writers take turns (one transaction-scoped
    /// advisory lock per schema), as SQLite's single writer does, so their member facts never go stale under
    /// each other; an admin's action on a member waits for the ingest that locked the member's row.
    ///
    /// A transaction the server aborted (a deadlock with an admin's action) runs again with the same chunks:
    /// those already pulled are kept and handed over again before `next` is asked for more.
    @discardableResult
    public func append(pulling next: () throws -> AppendChunk?, now: Date) throws -> AppendResult {
        var pulled: [AppendChunk] = []
        var exhausted = false
        return try write { s in
            try s.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("qundeck-ingest-\(postgresAddress.schema)")])
            let groups = try Self.groups(in: s)
            let writer = PostgresEventWriter(session: s, groups: groups, settings: try contentSettings(groups: groups, in: s), now: now)
            var cursor: IngestCursor?
            var connectorCursor: ConnectorCursor?
            var index = 0
            while true {
                let chunk: AppendChunk
                if index < pulled.count {
                    chunk = pulled[index]
                } else if !exhausted, let fresh = try next() {
                    pulled.append(fresh)
                    chunk = fresh
                } else {
                    exhausted = true
                    break
                }
                index += 1
                try writer.apply(chunk.events, analysis: chunk.analysis?.messages(for: chunk.events, under: writer.settings))
                cursor = chunk.cursor ?? cursor
                connectorCursor = chunk.connectorCursor ?? connectorCursor
            }
            try writer.finish()
            if let cursor { try Self.saveCursor(cursor, now: now, in: s) }
            if let connectorCursor { try PostgresConnectorRecords.save(connectorCursor, now: now, in: s) }
            return writer.result
        }
    }

    public func cursor(forPath path: String) throws -> IngestCursor? {
        try read { s in
            try s.queryOne("SELECT * FROM ingest_cursors WHERE path = $1", [.text(path)]).map { row in
                IngestCursor(
                    path: try row.string("path"), device: UInt64(bitPattern: try row.int64("device")),
                    inode: UInt64(bitPattern: try row.int64("inode")), offset: try row.int64("offset"), line: try row.int("line"))
            }
        }
    }

    public func saveCursor(_ cursor: IngestCursor, now: Date) throws {
        try write { s in try Self.saveCursor(cursor, now: now, in: s) }
    }

    static func saveCursor(_ cursor: IngestCursor, now: Date, in session: PostgresSession) throws {
        try session.execute(
            """
            INSERT INTO ingest_cursors (path, device, inode, "offset", line, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (path) DO UPDATE SET device = excluded.device, inode = excluded.inode, "offset" = excluded."offset",
                line = excluded.line, updated_at = excluded.updated_at
            """,
            [.text(cursor.path), .int(Int64(bitPattern: cursor.device)), .int(Int64(bitPattern: cursor.inode)), .int(cursor.offset),
             .int(Int64(cursor.line)), .double(now.timeIntervalSince1970)])
    }

    /// From the per-group totals the event writer keeps (not the largest seq: a sequence hands out numbers that a
    /// refused insert or a rolled-back transaction never uses).
    public func eventCount() throws -> Int {
        try read { s in Int(try s.scalar("SELECT coalesce(sum(events), 0)::bigint FROM event_totals", as: Int64.self) ?? 0) }
    }

    public func forEachEvent(groupID: String?, pageSize: Int, _ body: (Event) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let page: [(seq: Int64, event: Event)] = try read { s in
                try s.query(
                    """
                    SELECT e.*, g.name AS group_name, g.platform AS group_platform, g.timezone AS group_tz, m.role AS member_role
                    FROM events e
                    LEFT JOIN groups g ON g.id = e.group_id
                    LEFT JOIN members m ON m.group_id = e.group_id AND m.member_id = e.member_id
                    WHERE e.seq > $1 AND ($2::text IS NULL OR e.group_id = $2) ORDER BY e.seq LIMIT $3
                    """, [.int(after), PGValue(groupID), .int(Int64(pageSize))]
                ).map { row in
                    var event = try StoreDecoding.event(row)
                    event.groupName = try row.optionalString("group_name")
                    event.groupPlatform = try row.optionalString("group_platform").flatMap(Platform.init(rawValue:))
                    event.groupTimeZoneID = try row.optionalString("group_tz")
                    let role = try row.optionalString("member_role").flatMap(MemberRole.init(rawValue:))
                    event.memberRole = [.owner, .admin, .agent].contains(role) ? role : nil
                    return (try row.int64("seq"), event)
                }
            }
            guard let last = page.last else { return }
            for (_, event) in page { try body(event) }
            after = last.seq
        }
    }

    /// Event sources other than `known`: how `demo` tells a demo store from real data it must not replace.
    public func foreignSources(besides known: Set<String>) throws -> [String] {
        try read { s in
            try s.query("SELECT DISTINCT source FROM events").map { try $0.string("source") }.filter { !known.contains($0) }.sorted()
        }
    }
}
