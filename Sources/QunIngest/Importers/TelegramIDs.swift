/// Telegram ids as qundeck stores them, the same from a Desktop export and from the Bot API, so a
/// group imported both ways is one group and a member is one member.
enum TelegramIDs {
    /// A Desktop export's chat: `id` is the bare peer id; the Bot API marks supergroups and channels
    /// with -100 and basic groups with a minus sign. Chats without an id are keyed by name.
    static func chatID(exportID: JSONValue?, type: String?, name: String?) -> String {
        guard let exportID, let raw = exportID.idString else {
            return "telegram:" + (name ?? "export")
        }
        guard let bare = Int64(raw), bare > 0 else { return raw }
        switch type {
        case "private_supergroup", "public_supergroup", "private_channel", "public_channel":
            return bare < 1_000_000_000_000 ? "-100\(bare)" : "-\(bare)"
        case "private_group":
            return "-\(bare)"
        default:
            return raw
        }
    }

    /// A Desktop export's `from_id` / `actor_id` (`user123`, `channel456`, `chat7`) as a Bot API id
    /// (`123`, `-100456`, `-7`). Anything else is kept as it is.
    static func peerID(_ value: JSONValue?) -> String? {
        guard let value, let raw = value.idString else { return nil }
        if raw.hasPrefix("user"), let n = Int64(raw.dropFirst(4)) { return String(n) }
        if raw.hasPrefix("channel"), let n = Int64(raw.dropFirst(7)) { return "-100\(n)" }
        if raw.hasPrefix("chat"), let n = Int64(raw.dropFirst(4)) { return "-\(n)" }
        return raw
    }

    /// The member id for a name-only member (Telegram lists invited and removed members by name).
    static func nameID(_ name: String) -> String { "name:" + name }
}
