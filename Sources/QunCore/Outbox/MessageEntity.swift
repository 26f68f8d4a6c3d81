/// A span of a posted message with a meaning (a mention of a member, bold text), with offsets and
/// lengths in UTF-16 code units as Telegram counts them. Sent instead of Markdown, so Chinese text and
/// emoji need no escaping.
public struct MessageEntity: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// A mention of a member by id (Telegram's `text_mention`: works for members without a username).
        case textMention = "text_mention"
        case bold
    }

    public var kind: Kind
    public var offset: Int
    public var length: Int
    public var user: PlatformID?

    public init(kind: Kind, offset: Int, length: Int, user: PlatformID? = nil) {
        self.kind = kind
        self.offset = offset
        self.length = length
        self.user = user
    }

    /// Mentions for every `@name` of `members` in `text`, earliest first, never overlapping. Templates
    /// render a mention as "@" + the member's display name; the entity ties that span to the member's id.
    public static func mentions(in text: String, members: [(id: PlatformID, name: String)]) -> [MessageEntity] {
        let units = Array(text.utf16)
        var found: [MessageEntity] = []
        for member in members where !member.name.isEmpty {
            let needle = Array(("@" + member.name).utf16)
            guard needle.count <= units.count else { continue }
            var i = 0
            while i + needle.count <= units.count {
                if units[i..<(i + needle.count)].elementsEqual(needle),
                    !found.contains(where: { $0.offset < i + needle.count && i < $0.offset + $0.length })
                {
                    found.append(MessageEntity(kind: .textMention, offset: i, length: needle.count, user: member.id))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }
}
