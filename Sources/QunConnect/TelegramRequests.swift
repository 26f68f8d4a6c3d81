import Foundation
import QunCore
import QunIngest

/// How each outbox command is carried out with Bot API methods (docs/connectors.md, "Command mapping").
public enum TelegramRequests {
    public struct Request: Sendable, Equatable {
        public var method: String
        public var parameters: [String: JSONValue]
    }

    /// Why a command cannot be done on Telegram at all (it is failed at once, with this reason).
    public struct Unsupported: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Telegram reads an `until_date` less than 30 s away (or more than 366 days) as "for ever": a short
    /// mute would become permanent, so anything under a minute is raised to one.
    static func untilDate(_ until: Date?, now: Date) -> JSONValue? {
        guard let until else { return nil }
        let seconds = until.timeIntervalSince(now)
        return .integer(Int64((seconds < 30 ? now.addingTimeInterval(60) : until).timeIntervalSince1970))
    }

    public static func requests(for command: OutboxCommand, now: Date) throws -> [Request] {
        let chat = try number(command.chat, "chat")
        func member() throws -> JSONValue { .integer(try number(command.user ?? .text(""), "user")) }
        var base: [String: JSONValue] = ["chat_id": .integer(chat)]
        switch command {
        case let .sendMessage(_, text, entities, replyTo):
            base["text"] = .string(text)
            if !entities.isEmpty { base["entities"] = .array(try entities.map { try entity($0, in: text) }) }
            if let replyTo { base["reply_parameters"] = .object(["message_id": .integer(try number(replyTo, "reply_to"))]) }
            return [Request(method: "sendMessage", parameters: base)]
        case .sendRedPacket:
            throw Unsupported(description: "red packets (红包) do not exist on Telegram: send it by hand, or post an announcement instead")
        case let .deleteMessages(_, ids):
            let numbers = try ids.map { try number($0, "message id") }
            if numbers.count == 1 {
                base["message_id"] = .integer(numbers[0])
                return [Request(method: "deleteMessage", parameters: base)]
            }
            base["message_ids"] = .array(numbers.map(JSONValue.integer))
            return [Request(method: "deleteMessages", parameters: base)]
        case let .banMember(_, _, until, revoke):
            base["user_id"] = try member()
            if let until = untilDate(until, now: now) { base["until_date"] = until }
            if revoke { base["revoke_messages"] = .bool(true) }
            return [Request(method: "banChatMember", parameters: base)]
        case .removeMember:
            // Telegram has no "kick": a ban lifted at once removes the member and lets them come back by invitation.
            base["user_id"] = try member()
            var unban = base
            unban["only_if_banned"] = .bool(true)
            return [Request(method: "banChatMember", parameters: base), Request(method: "unbanChatMember", parameters: unban)]
        case .unbanMember:
            base["user_id"] = try member()
            base["only_if_banned"] = .bool(true)
            return [Request(method: "unbanChatMember", parameters: base)]
        case let .restrictMember(_, _, permissions, until):
            base["user_id"] = try member()
            base["permissions"] = chatPermissions(permissions)
            base["use_independent_chat_permissions"] = .bool(false)
            if let until = untilDate(until, now: now) { base["until_date"] = until }
            return [Request(method: "restrictChatMember", parameters: base)]
        case .liftRestrictions:
            base["user_id"] = try member()
            base["permissions"] = chatPermissions(.member)
            return [Request(method: "restrictChatMember", parameters: base)]
        case .approveJoinRequest:
            base["user_id"] = try member()
            return [Request(method: "approveChatJoinRequest", parameters: base)]
        case .declineJoinRequest:
            base["user_id"] = try member()
            return [Request(method: "declineChatJoinRequest", parameters: base)]
        }
    }

    static func number(_ id: PlatformID, _ what: String) throws -> Int64 {
        guard let n = id.number else { throw Unsupported(description: "\(what) \"\(id)\" is not a Telegram id (is this group on Telegram?)") }
        return n
    }

    static func chatPermissions(_ p: MemberPermissions) -> JSONValue {
        var fields: [String: JSONValue] = ["can_send_messages": .bool(p.canSendMessages)]
        for media in ["can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos", "can_send_video_notes",
                      "can_send_voice_notes", "can_send_polls", "can_send_other_messages"] {
            fields[media] = .bool(p.canSendMedia)
        }
        fields["can_add_web_page_previews"] = .bool(p.canAddWebPagePreviews)
        fields["can_invite_users"] = .bool(p.canInviteUsers)
        return .object(fields)
    }

    /// A `MessageEntity` as the Bot API's: `text_mention` carries a `User` whose first name is the
    /// mentioned text without its "@".
    static func entity(_ e: MessageEntity, in text: String) throws -> JSONValue {
        var fields: [String: JSONValue] = ["type": .string(e.kind.rawValue), "offset": .integer(Int64(e.offset)), "length": .integer(Int64(e.length))]
        if e.kind == .textMention, let user = e.user {
            let units = Array(text.utf16)
            let end = min(units.count, e.offset + e.length)
            let shown = String(decoding: units[min(e.offset, end)..<end], as: UTF16.self)
            let name = shown.hasPrefix("@") ? String(shown.dropFirst()) : shown
            fields["user"] = .object(["id": .integer(try number(user, "mentioned user")), "is_bot": .bool(false), "first_name": .string(name)])
        }
        return .object(fields)
    }
}
