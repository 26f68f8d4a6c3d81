import Foundation

/// The Bot API methods the double implements, with Telegram's validation and wording for missing
/// or bad parameters. Each returns the full answer (success or error).
///
/// Wording seen in real Bot API answers: `chat_id is empty`, `chat not found`, `invalid user_id
/// specified`, `message text is empty`, `message is too long`, `message identifier is not specified`,
/// `message to delete not found`, `can't parse permissions JSON object`, `HIDE_REQUESTER_MISSING`.
/// Close but not confirmed: `message_ids is empty`, `too many messages to delete`, `can't parse
/// entities JSON object`. `timeout` may be fractional here (Telegram takes whole seconds) so tests run
/// in under a second.
struct BotMethods: Sendable {
    let world: BotWorld
    let queue: UpdateQueue
    let botUser: TelegramUpdates.User

    struct Refusal: Error { var reply: BotReply }

    /// Lower-cased method name → implementation; the Bot API matches method names case-insensitively.
    static let names: Set<String> = [
        "getme", "getupdates", "sendmessage", "deletemessage", "deletemessages", "banchatmember", "unbanchatmember",
        "restrictchatmember", "approvechatjoinrequest", "declinechatjoinrequest", "getchat", "setwebhook",
        "deletewebhook", "getwebhookinfo",
    ]

    func answer(method: String, parameters p: [String: BotJSON]) async -> BotReply {
        do {
            switch method.lowercased() {
            case "getme": return .ok(botUser.json)
            case "getupdates": return await getUpdates(p)
            case "sendmessage": return try sendMessage(p)
            case "deletemessage":
                let chat = try chatID(p)
                guard let id = p["message_id"]?.int64Value else { throw Refusal(reply: .badRequest("message identifier is not specified")) }
                guard world.delete(chat: chat, message: id) else { throw Refusal(reply: .badRequest("message to delete not found")) }
                return .ok(true)
            case "deletemessages":
                let chat = try chatID(p)
                guard let ids = p["message_ids"]?.decodedStructure?.arrayValue?.compactMap(\.int64Value), !ids.isEmpty else {
                    throw Refusal(reply: .badRequest("message_ids is empty"))
                }
                guard ids.count <= 100 else { throw Refusal(reply: .badRequest("too many messages to delete")) }
                // Telegram skips the ones it cannot find and answers true for the batch.
                for id in ids { _ = world.delete(chat: chat, message: id) }
                return .ok(true)
            case "banchatmember":
                let (chat, user) = (try chatID(p), try userID(p))
                world.ban(chat: chat, user: user)
                return .ok(true)
            case "unbanchatmember":
                let (chat, user) = (try chatID(p), try userID(p))
                // Telegram: without only_if_banned, unbanning a member who is in the chat removes
                // them. The double keeps no member list, so it only lifts the ban either way; the
                // flag is on the recorded call for a test to check.
                world.unban(chat: chat, user: user)
                return .ok(true)
            case "restrictchatmember":
                let (_, _) = (try chatID(p), try userID(p))
                guard case .object? = p["permissions"]?.decodedStructure else {
                    throw Refusal(reply: .badRequest("can't parse permissions JSON object"))
                }
                return .ok(true)
            case "approvechatjoinrequest", "declinechatjoinrequest":
                let (chat, user) = (try chatID(p), try userID(p))
                guard world.settleJoinRequest(chat: chat, user: user) else {
                    throw Refusal(reply: .badRequest("HIDE_REQUESTER_MISSING"))
                }
                return .ok(true)
            case "getchat":
                let chat = try chatID(p)
                guard let known = world.chat(chat) else { throw Refusal(reply: .badRequest("chat not found")) }
                return .ok(known)
            case "setwebhook":
                guard let url = p["url"]?.parameterText, !url.isEmpty else {
                    queue.webhookURL = nil
                    return .ok(true)
                }
                queue.webhookURL = url
                return .ok(true)
            case "deletewebhook":
                queue.webhookURL = nil
                if p["drop_pending_updates"]?.boolValue == true { queue.dropAll() }
                return .ok(true)
            case "getwebhookinfo":
                return .ok([
                    "url": .string(queue.webhookURL ?? ""), "has_custom_certificate": false,
                    "pending_update_count": .int(Int64(queue.unconfirmedIDs.count)),
                ])
            default:
                return .notFound
            }
        } catch let refusal as Refusal {
            return refusal.reply
        } catch {
            return .error(500, "Internal Server Error")
        }
    }

    private func chatID(_ p: [String: BotJSON]) throws -> Int64 {
        guard let value = p["chat_id"], !value.parameterText.isEmpty else { throw Refusal(reply: .badRequest("chat_id is empty")) }
        // An @username the double does not know, or text that is no id: Telegram finds no chat.
        guard let id = value.int64Value else { throw Refusal(reply: .badRequest("chat not found")) }
        return id
    }

    private func userID(_ p: [String: BotJSON]) throws -> Int64 {
        guard let id = p["user_id"]?.int64Value, id > 0 else { throw Refusal(reply: .badRequest("invalid user_id specified")) }
        return id
    }

    private func sendMessage(_ p: [String: BotJSON]) throws -> BotReply {
        let chat = try chatID(p)
        guard let text = p["text"]?.parameterText, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Refusal(reply: .badRequest("message text is empty"))
        }
        guard text.utf16.count <= 4096 else { throw Refusal(reply: .badRequest("message is too long")) }
        var message: [String: BotJSON] = [
            "message_id": .int(world.nextSentMessageID()), "from": botUser.json,
            "chat": world.chat(chat) ?? Self.minimalChat(chat), "date": .int(Int64(Date().timeIntervalSince1970)),
            "text": .string(text),
        ]
        if let raw = p["entities"] {
            guard let entities = raw.decodedStructure?.arrayValue else {
                throw Refusal(reply: .badRequest("can't parse entities JSON object"))
            }
            // Echoed as sent: Telegram clips entities that fall outside the text rather than refusing
            // them, so whether offsets are UTF-16 units is for a test to check on the recorded call.
            if !entities.isEmpty { message["entities"] = .array(entities) }
        }
        return .ok(.object(message))
    }

    static func minimalChat(_ id: Int64) -> BotJSON {
        let type = id > 0 ? "private" : (id <= -1_000_000_000_000 ? "supergroup" : "group")
        return ["id": .int(id), "type": .string(type), "title": .string("chat \(id)")]
    }

    private func getUpdates(_ p: [String: BotJSON]) async -> BotReply {
        let offset = p["offset"]?.int64Value
        let limit = max(1, min(100, Int(p["limit"]?.int64Value ?? 100)))
        let timeout = max(0, p["timeout"]?.doubleValue ?? 0)
        let allowed = p["allowed_updates"]?.decodedStructure?.arrayValue?.compactMap(\.stringValue)
        switch await queue.poll(offset: offset, limit: limit, timeout: timeout, allowedUpdates: allowed) {
        case let .updates(updates): return .ok(.array(updates))
        case let .refused(reply): return reply
        }
    }
}
