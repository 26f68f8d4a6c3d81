import QunCore

/// qundeck's keys as the platform's own ids for outbox commands, read from PostgreSQL (as `PlatformAddress` does
/// from SQLite), once, at enqueue time.
enum PostgresPlatformAddress {
    /// The group's chat on its platform: its recorded chat id (which a supergroup upgrade rewrites), else its
    /// qundeck id, which for Telegram is the Bot API chat id.
    static func chat(groupID: String, in s: PostgresSession) throws -> PlatformID {
        PlatformID(stored: try s.scalar("SELECT chat_id FROM platform_chats WHERE group_id = $1", [.text(groupID)], as: String.self) ?? groupID)
    }

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
