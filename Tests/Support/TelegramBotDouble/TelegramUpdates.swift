import Foundation

/// Builds Update objects in the shapes the Bot API documents (Message, ChatMemberUpdated,
/// ChatJoinRequest…), as JSON text without `update_id`, for `TelegramBotDouble.enqueue(update:)`.
/// Only the fields a group admin tool reads are filled; every one filled is a documented field.
public enum TelegramUpdates {
    /// A Telegram user (`User`).
    public struct User: Sendable, Equatable {
        public var id: Int64
        public var firstName: String
        public var lastName: String?
        public var username: String?
        public var isBot: Bool

        public init(id: Int64, firstName: String, lastName: String? = nil, username: String? = nil, isBot: Bool = false) {
            self.id = id
            self.firstName = firstName
            self.lastName = lastName
            self.username = username
            self.isBot = isBot
        }

        public var json: BotJSON {
            var o: [String: BotJSON] = ["id": .int(id), "is_bot": .bool(isBot), "first_name": .string(firstName)]
            if let lastName { o["last_name"] = .string(lastName) }
            if let username { o["username"] = .string(username) }
            return .object(o)
        }
    }

    /// A group chat (`Chat`); supergroup ids look like -100…
    public struct Chat: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var type: String

        public init(id: Int64, title: String, type: String = "supergroup") {
            self.id = id
            self.title = title
            self.type = type
        }

        public var json: BotJSON { ["id": .int(id), "title": .string(title), "type": .string(type)] }
    }

    /// How a member's status changed, for `chat_member` updates.
    public enum MemberChange: Sendable, Equatable {
        /// left → member, by the user themselves (a public link or @username).
        case joined
        /// left → member after an admin approved the user's join request (`via_join_request: true`,
        /// `from` is the approving admin), as Telegram reports an approval.
        case approvedJoin(by: User)
        /// member → left, by the user.
        case left
        /// member → kicked, by an admin; `untilDate` 0 means forever.
        case banned(by: User, untilDate: Int64 = 0)
        /// member → left, by an admin (a kick: ban then unban).
        case removed(by: User)
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    static func text(_ json: BotJSON) -> String { json.jsonText }

    static func messageObject(
        id: Int64, chat: Chat, from: User, text: String, entities: [BotJSON], date: Int64?, editDate: Int64? = nil
    ) -> BotJSON {
        var o: [String: BotJSON] = [
            "message_id": .int(id), "from": from.json, "chat": chat.json, "date": .int(date ?? now()), "text": .string(text),
        ]
        if !entities.isEmpty { o["entities"] = .array(entities) }
        if let editDate { o["edit_date"] = .int(editDate) }
        return .object(o)
    }

    /// A `MessageEntity` (offset and length in UTF-16 code units, as the Bot API counts them).
    public static func entity(type: String, offset: Int, length: Int, url: String? = nil) -> BotJSON {
        var o: [String: BotJSON] = ["type": .string(type), "offset": .int(Int64(offset)), "length": .int(Int64(length))]
        if let url { o["url"] = .string(url) }
        return .object(o)
    }

    /// `{"message": Message}`: a text message in a group.
    public static func message(
        id: Int64, chat: Chat, from: User, text: String, entities: [BotJSON] = [], date: Int64? = nil
    ) -> String {
        self.text(["message": messageObject(id: id, chat: chat, from: from, text: text, entities: entities, date: date)])
    }

    /// `{"edited_message": Message}` with `edit_date`.
    public static func editedMessage(
        id: Int64, chat: Chat, from: User, text: String, entities: [BotJSON] = [], date: Int64, editDate: Int64? = nil
    ) -> String {
        self.text([
            "edited_message": messageObject(
                id: id, chat: chat, from: from, text: text, entities: entities, date: date, editDate: editDate ?? now()),
        ])
    }

    /// `{"message": Message}` with `new_chat_members`: the service message every bot in the group sees
    /// when members join (or are added by `from`), admin or not.
    public static func newChatMembers(messageID: Int64, chat: Chat, from: User, members: [User], date: Int64? = nil) -> String {
        let message: BotJSON = [
            "message_id": .int(messageID), "from": from.json, "chat": chat.json, "date": .int(date ?? now()),
            "new_chat_members": .array(members.map(\.json)),
        ]
        return text(["message": message])
    }

    /// `{"message": Message}` with `left_chat_member`: the service message for a member who left (or was
    /// removed by `from`).
    public static func leftChatMember(messageID: Int64, chat: Chat, from: User, member: User, date: Int64? = nil) -> String {
        let message: BotJSON = [
            "message_id": .int(messageID), "from": from.json, "chat": chat.json, "date": .int(date ?? now()),
            "left_chat_member": member.json,
        ]
        return text(["message": message])
    }

    /// `{"chat_join_request": ChatJoinRequest}`: a user asked to join a group that approves joins.
    public static func chatJoinRequest(chat: Chat, from: User, bio: String? = nil, date: Int64? = nil) -> String {
        var o: [String: BotJSON] = [
            "chat": chat.json, "from": from.json, "user_chat_id": .int(from.id), "date": .int(date ?? now()),
        ]
        if let bio { o["bio"] = .string(bio) }
        return self.text(["chat_join_request": .object(o)])
    }

    static func member(_ status: String, _ user: User, untilDate: Int64? = nil) -> BotJSON {
        var o: [String: BotJSON] = ["status": .string(status), "user": user.json]
        if let untilDate { o["until_date"] = .int(untilDate) }
        return .object(o)
    }

    static func memberUpdated(chat: Chat, from: User, old: BotJSON, new: BotJSON, date: Int64?) -> BotJSON {
        ["chat": chat.json, "from": from.json, "date": .int(date ?? now()), "old_chat_member": old, "new_chat_member": new]
    }

    /// `{"chat_member": ChatMemberUpdated}`: a member joined, left or was banned. Telegram sends it
    /// only to bots that are admins and list `chat_member` in allowed_updates.
    public static func chatMember(chat: Chat, user: User, change: MemberChange, date: Int64? = nil) -> String {
        let update: BotJSON
        switch change {
        case .joined:
            update = memberUpdated(chat: chat, from: user, old: member("left", user), new: member("member", user), date: date)
        case let .approvedJoin(admin):
            var approved = memberUpdated(chat: chat, from: admin, old: member("left", user), new: member("member", user), date: date)
            if case var .object(o) = approved {
                o["via_join_request"] = true
                approved = .object(o)
            }
            update = approved
        case .left:
            update = memberUpdated(chat: chat, from: user, old: member("member", user), new: member("left", user), date: date)
        case let .banned(admin, untilDate):
            update = memberUpdated(
                chat: chat, from: admin, old: member("member", user), new: member("kicked", user, untilDate: untilDate), date: date)
        case let .removed(admin):
            update = memberUpdated(chat: chat, from: admin, old: member("member", user), new: member("left", user), date: date)
        }
        return text(["chat_member": update])
    }

    /// `{"my_chat_member": ChatMemberUpdated}`: the bot's own status in a chat changed, e.g.
    /// `member` → `administrator` when promoted, or → `kicked` when removed from the group.
    public static func myChatMember(
        chat: Chat, bot: User, by admin: User, oldStatus: String, newStatus: String, date: Int64? = nil
    ) -> String {
        var new = member(newStatus, bot, untilDate: newStatus == "kicked" ? 0 : nil)
        if newStatus == "administrator", case var .object(o) = new {
            // ChatMemberAdministrator's rights; a moderation bot needs these three.
            for right in ["can_delete_messages", "can_restrict_members", "can_invite_users"] { o[right] = true }
            o["can_be_edited"] = false
            o["is_anonymous"] = false
            new = .object(o)
        }
        return text(["my_chat_member": memberUpdated(chat: chat, from: admin, old: member(oldStatus, bot), new: new, date: date)])
    }
}
