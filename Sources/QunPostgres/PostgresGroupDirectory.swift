import Foundation
import QunCore
import QunStore

extension PostgresStore: GroupDirectory {
    /// Creates the group or updates its settings.
    public func saveGroup(_ group: Group) throws {
        try write { s in
            try s.execute(
                """
                INSERT INTO groups (id, platform, name, timezone, owner_id, nickname_format, checkin_keywords, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (id) DO UPDATE SET platform = excluded.platform, name = excluded.name, timezone = excluded.timezone,
                    owner_id = excluded.owner_id, nickname_format = excluded.nickname_format, checkin_keywords = excluded.checkin_keywords
                """,
                [.text(group.id), .text(group.platform.rawValue), .text(group.name), .text(group.timeZoneID), PGValue(group.ownerID),
                 PGValue(group.nicknameFormat), PGValue(group.checkinKeywords?.joined(separator: ",")),
                 .double(group.createdAt.timeIntervalSince1970)])
        }
    }

    public func groups() throws -> [Group] {
        try read { s in try Self.groups(in: s) }
    }

    public func group(id: String) throws -> Group? {
        try read { s in try s.queryOne("SELECT * FROM groups WHERE id = $1", [.text(id)]).map(StoreDecoding.group) }
    }

    /// Each group's time zone (Asia/Shanghai for a zone the system does not know).
    public func groupZones() throws -> [String: TimeZone] {
        try read { s in try Self.zones(in: s) }
    }

    /// Every group, by name (the order SQLite's store lists them in).
    static func groups(in session: PostgresSession) throws -> [Group] {
        try session.query("SELECT * FROM groups ORDER BY name COLLATE \"C\", id").map(StoreDecoding.group)
    }
}
