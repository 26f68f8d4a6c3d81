import Foundation

/// What qundeck asks a platform to do: the outbox's contract with connectors. Stored as versioned JSON
/// (`{"v":1,"type":"ban_member","chat":-1001234,"user":42,...}`) whose ids are the platform's own
/// (`PlatformID`), so a connector in any language reads it without knowing qundeck's ingest keys.
/// Adding a case is a compatible change; changing a case's fields bumps `version`.
public enum OutboxCommand: Hashable, Sendable {
    case sendMessage(chat: PlatformID, text: String, entities: [MessageEntity], replyTo: PlatformID?)
    /// A red packet (红包). Only WeChat has them, and a person sends them: connectors that cannot send
    /// one leave it to an admin.
    case sendRedPacket(chat: PlatformID, amount: Money, slots: Int, text: String)
    case deleteMessages(chat: PlatformID, ids: [PlatformID])
    /// `until` nil is for ever; `revokeMessages` also deletes the member's messages.
    case banMember(chat: PlatformID, user: PlatformID, until: Date?, revokeMessages: Bool)
    /// Remove (踢出) without banning: the member may come back by invitation.
    case removeMember(chat: PlatformID, user: PlatformID)
    case unbanMember(chat: PlatformID, user: PlatformID)
    case restrictMember(chat: PlatformID, user: PlatformID, permissions: MemberPermissions, until: Date?)
    /// Lifts a mute: the member gets an ordinary member's permissions back.
    case liftRestrictions(chat: PlatformID, user: PlatformID)
    case approveJoinRequest(chat: PlatformID, user: PlatformID)
    case declineJoinRequest(chat: PlatformID, user: PlatformID)

    public static let version = 1

    /// The command's type as stored (`type` in the JSON) and shown in `qundeck outbox`.
    public var verb: String {
        switch self {
        case .sendMessage: return "send_message"
        case .sendRedPacket: return "send_red_packet"
        case .deleteMessages: return "delete_messages"
        case .banMember: return "ban_member"
        case .removeMember: return "remove_member"
        case .unbanMember: return "unban_member"
        case .restrictMember: return "restrict_member"
        case .liftRestrictions: return "lift_restrictions"
        case .approveJoinRequest: return "approve_join_request"
        case .declineJoinRequest: return "decline_join_request"
        }
    }

    public static let verbs = [
        "send_message", "send_red_packet", "delete_messages", "ban_member", "remove_member", "unban_member", "restrict_member",
        "lift_restrictions", "approve_join_request", "decline_join_request",
    ]

    public var chat: PlatformID {
        switch self {
        case let .sendMessage(chat, _, _, _), let .sendRedPacket(chat, _, _, _), let .deleteMessages(chat, _),
            let .banMember(chat, _, _, _), let .removeMember(chat, _), let .unbanMember(chat, _), let .restrictMember(chat, _, _, _),
            let .liftRestrictions(chat, _), let .approveJoinRequest(chat, _), let .declineJoinRequest(chat, _):
            return chat
        }
    }

    /// The member the command is about, if any.
    public var user: PlatformID? {
        switch self {
        case .sendMessage, .sendRedPacket, .deleteMessages: return nil
        case let .banMember(_, user, _, _), let .removeMember(_, user), let .unbanMember(_, user), let .restrictMember(_, user, _, _),
            let .liftRestrictions(_, user), let .approveJoinRequest(_, user), let .declineJoinRequest(_, user):
            return user
        }
    }

    /// The same command for a chat with a new id (a Telegram group upgraded to a supergroup).
    public func moved(to chat: PlatformID) -> OutboxCommand {
        switch self {
        case let .sendMessage(_, text, entities, replyTo): return .sendMessage(chat: chat, text: text, entities: entities, replyTo: replyTo)
        case let .sendRedPacket(_, amount, slots, text): return .sendRedPacket(chat: chat, amount: amount, slots: slots, text: text)
        case let .deleteMessages(_, ids): return .deleteMessages(chat: chat, ids: ids)
        case let .banMember(_, user, until, revoke): return .banMember(chat: chat, user: user, until: until, revokeMessages: revoke)
        case let .removeMember(_, user): return .removeMember(chat: chat, user: user)
        case let .unbanMember(_, user): return .unbanMember(chat: chat, user: user)
        case let .restrictMember(_, user, permissions, until): return .restrictMember(chat: chat, user: user, permissions: permissions, until: until)
        case let .liftRestrictions(_, user): return .liftRestrictions(chat: chat, user: user)
        case let .approveJoinRequest(_, user): return .approveJoinRequest(chat: chat, user: user)
        case let .declineJoinRequest(_, user): return .declineJoinRequest(chat: chat, user: user)
        }
    }

    /// Whether sending it twice would show twice in the group. Such a command whose request got no answer
    /// becomes `unknown` and is never resent blindly.
    public var isVisiblePost: Bool {
        switch self {
        case .sendMessage, .sendRedPacket: return true
        default: return false
        }
    }

    /// The command's arguments in one line for listings (ids as the platform's): the text of a post,
    /// the member and until when of a ban or mute.
    public var detail: String {
        func untilText(_ date: Date?) -> String { date.map { " until \(Int64($0.timeIntervalSince1970))" } ?? "" }
        switch self {
        case let .sendMessage(_, text, _, _): return text
        case let .sendRedPacket(_, amount, slots, text): return "\(amount) × \(slots): \(text)"
        case let .deleteMessages(_, ids): return "messages " + ids.map(\.description).joined(separator: ",")
        case let .banMember(_, user, until, _): return "user \(user)" + untilText(until)
        case let .restrictMember(_, user, _, until): return "user \(user)" + untilText(until)
        default: return user.map { "user \($0)" } ?? ""
        }
    }
}

extension OutboxCommand: Codable {
    private enum Key: String, CodingKey {
        case v, type, chat, user, text, entities, replyTo = "reply_to", amountFen = "amount_fen", slots, ids, until
        case revokeMessages = "revoke_messages", permissions
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let version = try c.decodeIfPresent(Int.self, forKey: .v) ?? 1
        guard version <= Self.version else {
            throw DecodingError.dataCorruptedError(forKey: .v, in: c, debugDescription: "outbox command version \(version) is newer than this qundeck (\(Self.version))")
        }
        let type = try c.decode(String.self, forKey: .type)
        let chat = try c.decode(PlatformID.self, forKey: .chat)
        func user() throws -> PlatformID { try c.decode(PlatformID.self, forKey: .user) }
        func until() throws -> Date? { try c.decodeIfPresent(Int64.self, forKey: .until).map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        switch type {
        case "send_message":
            self = .sendMessage(
                chat: chat, text: try c.decode(String.self, forKey: .text),
                entities: try c.decodeIfPresent([MessageEntity].self, forKey: .entities) ?? [],
                replyTo: try c.decodeIfPresent(PlatformID.self, forKey: .replyTo))
        case "send_red_packet":
            self = .sendRedPacket(
                chat: chat, amount: Money(fen: try c.decode(Int64.self, forKey: .amountFen)), slots: try c.decode(Int.self, forKey: .slots),
                text: try c.decodeIfPresent(String.self, forKey: .text) ?? "")
        case "delete_messages": self = .deleteMessages(chat: chat, ids: try c.decode([PlatformID].self, forKey: .ids))
        case "ban_member":
            self = .banMember(
                chat: chat, user: try user(), until: try until(),
                revokeMessages: try c.decodeIfPresent(Bool.self, forKey: .revokeMessages) ?? false)
        case "remove_member": self = .removeMember(chat: chat, user: try user())
        case "unban_member": self = .unbanMember(chat: chat, user: try user())
        case "restrict_member":
            self = .restrictMember(
                chat: chat, user: try user(), permissions: try c.decodeIfPresent(MemberPermissions.self, forKey: .permissions) ?? .muted,
                until: try until())
        case "lift_restrictions": self = .liftRestrictions(chat: chat, user: try user())
        case "approve_join_request": self = .approveJoinRequest(chat: chat, user: try user())
        case "decline_join_request": self = .declineJoinRequest(chat: chat, user: try user())
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown outbox command type '\(type)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(Self.version, forKey: .v)
        try c.encode(verb, forKey: .type)
        try c.encode(chat, forKey: .chat)
        try c.encodeIfPresent(user, forKey: .user)
        func encodeUntil(_ date: Date?) throws { try c.encodeIfPresent(date.map { Int64($0.timeIntervalSince1970) }, forKey: .until) }
        switch self {
        case let .sendMessage(_, text, entities, replyTo):
            try c.encode(text, forKey: .text)
            if !entities.isEmpty { try c.encode(entities, forKey: .entities) }
            try c.encodeIfPresent(replyTo, forKey: .replyTo)
        case let .sendRedPacket(_, amount, slots, text):
            try c.encode(amount.fen, forKey: .amountFen)
            try c.encode(slots, forKey: .slots)
            try c.encode(text, forKey: .text)
        case let .deleteMessages(_, ids): try c.encode(ids, forKey: .ids)
        case let .banMember(_, _, until, revoke):
            try encodeUntil(until)
            if revoke { try c.encode(true, forKey: .revokeMessages) }
        case let .restrictMember(_, _, permissions, until):
            try c.encode(permissions, forKey: .permissions)
            try encodeUntil(until)
        case .removeMember, .unbanMember, .liftRestrictions, .approveJoinRequest, .declineJoinRequest: break
        }
    }

    /// The stored form: sorted keys, so equal commands are equal text.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public init(json: String) throws {
        self = try JSONDecoder().decode(OutboxCommand.self, from: Data(json.utf8))
    }
}
