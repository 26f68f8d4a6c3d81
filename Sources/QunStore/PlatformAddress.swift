import GRDB
import QunCore

/// Turns qundeck's keys (group ids, member ids, event external ids) into the platform's own ids for
/// outbox commands, once, at enqueue time, so connectors never parse qundeck's ingest encoding.
enum PlatformAddress {
    /// The group's chat on its platform: its recorded chat id (which a supergroup upgrade rewrites), else
    /// its qundeck id, which for Telegram is the Bot API chat id.
    static func chat(groupID: String, in db: Database) throws -> PlatformID {
        if let chat = try String.fetchOne(
            db.cachedStatement(sql: "SELECT chat_id FROM platform_chats WHERE group_id = ?"), arguments: [groupID])
        {
            return PlatformID(stored: chat)
        }
        return PlatformID(stored: groupID)
    }

    static func platform(groupID: String, in db: Database) throws -> Platform {
        try String.fetchOne(db.cachedStatement(sql: "SELECT platform FROM groups WHERE id = ?"), arguments: [groupID])
            .flatMap(Platform.init(rawValue:)) ?? .other
    }

    static func user(memberID: String) -> PlatformID { PlatformID(stored: memberID) }

    static func message(source: String, externalID: String) -> PlatformID { .message(source: source, externalID: externalID) }

    /// Members' names as a template may have written them after "@" (group nickname, display name), for
    /// mention entities.
    static func mentionTargets(memberIDs: [String], groupID: String, in db: Database) throws -> [(id: PlatformID, name: String)] {
        var targets: [(id: PlatformID, name: String)] = []
        for id in memberIDs where !id.isEmpty {
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT nickname, display_name FROM members WHERE group_id = ? AND member_id = ?"),
                arguments: [groupID, id])
            else { continue }
            for name in [row["nickname"] as String?, row["display_name"] as String?].compactMap({ $0 }) where !name.isEmpty {
                targets.append((user(memberID: id), name))
            }
        }
        return targets
    }
}
