import QunCore

/// The platform's own ids for outbox commands, read on PostgreSQL as SQLite's `PlatformAddress` reads them.
enum PostgresPlatformAddress {
    /// The group's chat on its platform: its recorded chat id (a supergroup upgrade rewrites it), else its qundeck id.
    static func chat(groupID: String, in session: PostgresSession) throws -> PlatformID {
        let chat = try session.scalar("SELECT chat_id FROM platform_chats WHERE group_id = $1", [.text(groupID)], as: String.self)
        return PlatformID(stored: chat ?? groupID)
    }

    static func user(memberID: String) -> PlatformID { PlatformID(stored: memberID) }

    static func platform(groupID: String, in s: PostgresSession) throws -> Platform {
        try s.scalar("SELECT platform FROM groups WHERE id = $1", [.text(groupID)], as: String.self).flatMap(Platform.init(rawValue:)) ?? .other
    }

    /// Members' names as a template may have written them after "@" (group nickname, display name), for mention
    /// entities.
    static func mentionTargets(memberIDs: [String], groupID: String, in s: PostgresSession) throws -> [(id: PlatformID, name: String)] {
        var targets: [(id: PlatformID, name: String)] = []
        for id in memberIDs where !id.isEmpty {
            guard let row = try s.queryOne(
                "SELECT nickname, display_name FROM members WHERE group_id = $1 AND member_id = $2", [.text(groupID), .text(id)])
            else { continue }
            for name in [try row.optionalString("nickname"), try row.optionalString("display_name")].compactMap({ $0 }) where !name.isEmpty {
                targets.append((PlatformID(stored: id), name))
            }
        }
        return targets
    }
}
