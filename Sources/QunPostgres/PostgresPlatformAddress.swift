import QunCore

/// The platform's own ids for outbox commands, read on PostgreSQL as SQLite's `PlatformAddress` reads them.
enum PostgresPlatformAddress {
    /// The group's chat on its platform: its recorded chat id (a supergroup upgrade rewrites it), else its qundeck id.
    static func chat(groupID: String, in session: PostgresSession) throws -> PlatformID {
        let chat = try session.scalar("SELECT chat_id FROM platform_chats WHERE group_id = $1", [.text(groupID)], as: String.self)
        return PlatformID(stored: chat ?? groupID)
    }

    static func user(memberID: String) -> PlatformID { PlatformID(stored: memberID) }
}
