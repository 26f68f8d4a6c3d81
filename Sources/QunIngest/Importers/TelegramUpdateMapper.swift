import Foundation
import QunCore

/// Turns Telegram Bot API `Update` objects into events, one update at a time, so it serves a whole
/// saved file (`Importer`) as well as a growing one fed line by line by a running bot.
///
/// It remembers the update ids and the membership events it has produced: the same update twice, or
/// the same join reported both as a `new_chat_members` message and as a `chat_member` update, comes
/// out once. Membership events get ids from (chat, member, time) rather than from the update, so a
/// second import of the same file — or the other report of the same join — maps to the same id.
public struct TelegramUpdateMapper {
    public static let source = ImportFormat.telegramBot.eventSource

    /// What one update turned into.
    public enum Outcome: Sendable, Equatable {
        case events([Event])
        /// Nothing to import, and why (`edited_message`, `private chat with the bot`…).
        case skipped(String)
        /// A bad update: the reason names the field.
        case invalid(String)
    }

    public let options: ImportOptions
    private var seenUpdates = Set<Int64>()
    private var seenMembership = Set<String>()
    /// Off in the file importer, which merges duplicate membership reports instead of dropping them.
    var dedupeMembership = true
    private(set) var migrations: [(from: String, to: String)] = []

    public init(options: ImportOptions = ImportOptions()) {
        self.options = options
    }

    /// One update, given as its JSON text (a line of a JSON Lines file).
    public mutating func map(json: Data) -> Outcome {
        let value: JSONValue
        do {
            value = try JSONSliceParser.parse(json)
        } catch {
            return .invalid("\(error)")
        }
        return map(update: value, raw: String(decoding: json, as: UTF8.self))
    }

    /// The `update_id` of a parsed update, for positions ("update 9001").
    static func updateID(_ value: JSONValue) -> Int64? { value["update_id"]?.int64Value }

    mutating func map(update u: JSONValue, raw: String) -> Outcome {
        do {
            return try mapThrowing(u, raw: raw)
        } catch let error as RecordError {
            return .invalid(error.description)
        } catch {
            return .invalid("\(error)")
        }
    }

    private mutating func mapThrowing(_ u: JSONValue, raw: String) throws -> Outcome {
        guard case let .object(fields) = u else { throw RecordError(field: nil, "expected an Update object, got \(u.typeName)") }
        if let idValue = u["update_id"] {
            guard let id = idValue.int64Value else {
                throw RecordError(field: "update_id", "expected a number, got \(idValue.rendered)")
            }
            if !seenUpdates.insert(id).inserted { return .skipped("duplicate update_id") }
        }
        if let m = u["message"] { return try message(m, raw: raw) }
        if u["edited_message"] != nil { return .skipped("edited_message (an edit is not a new message)") }
        if u["channel_post"] != nil || u["edited_channel_post"] != nil { return .skipped("channel post (not a group)") }
        if let cm = u["chat_member"] { return try chatMember(cm, raw: raw) }
        if u["my_chat_member"] != nil { return .skipped("my_chat_member (the bot's own membership)") }
        if let request = u["chat_join_request"] { return try joinRequest(request, raw: raw) }
        let kind = fields.keys.filter { $0 != "update_id" }.sorted().first ?? "empty"
        if fields.keys.contains("update_id") || kind == "empty" {
            return .skipped("update type \(kind)")
        }
        throw RecordError(field: "update_id", "missing: this is not a Telegram Bot API Update")
    }

    // MARK: parts

    private struct Chat {
        var id: String
        var type: String
        var title: String?
    }

    private struct User {
        var id: String
        var name: String?
    }

    private func chat(_ value: JSONValue?, _ field: String) throws -> Chat {
        guard let value, case .object = value else { throw RecordError(field: field, "missing") }
        guard let id = value["id"]?.idString else { throw RecordError(field: field + ".id", "missing") }
        let type = value["type"]?.stringValue ?? "group"
        let title = value["title"]?.stringValue ?? Self.fullName(value)
        return Chat(id: id, type: type, title: title)
    }

    private func user(_ value: JSONValue?, _ field: String) throws -> User {
        guard let value, case .object = value else { throw RecordError(field: field, "missing") }
        guard let id = value["id"]?.idString else { throw RecordError(field: field + ".id", "missing") }
        return User(id: id, name: Self.fullName(value))
    }

    static func fullName(_ value: JSONValue) -> String? {
        let parts = [value["first_name"]?.stringValue, value["last_name"]?.stringValue].compactMap { $0 }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: " ") }
        return value["username"]?.stringValue
    }

    private func date(_ value: JSONValue?, _ field: String) throws -> Date {
        guard let value else { throw RecordError(field: field, "missing") }
        guard let seconds = value.int64Value, seconds >= 0, seconds < 32_503_680_000 else {
            throw RecordError(field: field, "\(value.rendered) is not unix seconds")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// nil when the chat is imported; otherwise why not.
    private func excluded(_ chat: Chat) -> String? {
        if chat.type == "channel" { return "channel post (not a group)" }
        if chat.type == "private", !options.includePrivateChats { return "private chat with the bot (not a group)" }
        return nil
    }

    private func event(
        _ chat: Chat, id: String, date: Date, kind: EventKind, member: User, raw: String
    ) -> Event {
        Event(
            source: Self.source, externalID: id, groupID: options.groupID ?? chat.id, timestamp: date, kind: kind,
            memberID: member.id, groupName: chat.title, groupPlatform: .telegram, groupTimeZoneID: options.timeZone?.identifier,
            memberName: member.name, raw: raw)
    }

    /// Keeps only membership events not produced before (one join can be reported by two updates).
    /// The file importer turns this off and merges the two reports itself, keeping the details of both.
    private mutating func fresh(_ events: [Event]) -> Outcome {
        guard dedupeMembership else { return .events(events) }
        let kept = events.filter { seenMembership.insert($0.externalID).inserted }
        return kept.isEmpty ? .skipped(Self.duplicateReason) : .events(kept)
    }

    static let duplicateReason = "already reported by another update"

    /// Joins, leaves, removals, bans and join requests: the events two updates may both report.
    static func isMembership(_ event: Event) -> Bool { event.kind != .message }

    /// The same membership change reported twice (a `new_chat_members` message and a `chat_member`
    /// update): one event with what each report knew (the invite link's creator, the role).
    static func merge(_ a: Event, _ b: Event) -> Event {
        var merged = a
        if merged.actorID == nil { merged.actorID = b.actorID }
        if merged.via == nil || (merged.via == .inviteLink && b.via == .request) { merged.via = b.via ?? merged.via }
        if merged.memberRole == nil { merged.memberRole = b.memberRole }
        if merged.memberName == nil { merged.memberName = b.memberName }
        if merged.text == nil { merged.text = b.text }
        return merged
    }

    private static let serviceKeys: [String] = [
        "new_chat_photo", "delete_chat_photo", "message_auto_delete_timer_changed", "video_chat_started", "video_chat_ended",
        "video_chat_scheduled", "video_chat_participants_invited", "forum_topic_created", "forum_topic_edited",
        "forum_topic_closed", "forum_topic_reopened", "general_forum_topic_hidden", "general_forum_topic_unhidden",
        "write_access_allowed", "users_shared", "user_shared", "chat_shared", "boost_added", "chat_background_set",
        "proximity_alert_triggered", "successful_payment", "refunded_payment", "connected_website", "passport_data",
        "web_app_data", "giveaway_created", "giveaway_completed", "giveaway_winners", "channel_chat_created",
        "voice_chat_started", "voice_chat_ended", "voice_chat_scheduled", "voice_chat_participants_invited",
    ]

    // MARK: message

    private mutating func message(_ m: JSONValue, raw: String) throws -> Outcome {
        let chat = try self.chat(m["chat"], "message.chat")
        if let reason = excluded(chat) { return .skipped(reason) }
        let date = try self.date(m["date"], "message.date")
        guard let messageID = m["message_id"]?.idString else { throw RecordError(field: "message.message_id", "missing") }
        // An anonymous admin or a channel posts as `sender_chat`; `from` is then a placeholder bot.
        let sender: User
        if let senderChat = m["sender_chat"] {
            let c = try self.chat(senderChat, "message.sender_chat")
            sender = User(id: c.id, name: c.title)
        } else {
            sender = try user(m["from"], "message.from")
        }
        let at = Int64(date.timeIntervalSince1970)

        if let members = m["new_chat_members"] {
            guard let list = members.arrayValue else {
                throw RecordError(field: "message.new_chat_members", "expected an array, got \(members.typeName)")
            }
            var events: [Event] = []
            for (i, item) in list.enumerated() {
                let joined = try user(item, "message.new_chat_members[\(i)]")
                var e = event(chat, id: "\(chat.id):in:\(joined.id):\(at)", date: date, kind: .join, member: joined, raw: raw)
                if joined.id == sender.id {
                    e.via = .inviteLink
                } else {
                    e.via = .added
                    e.actorID = sender.id
                }
                events.append(e)
            }
            return fresh(events)
        }
        if let left = m["left_chat_member"] {
            let gone = try user(left, "message.left_chat_member")
            var e = event(chat, id: "\(chat.id):out:\(gone.id):\(at)", date: date, kind: .leave, member: gone, raw: raw)
            if gone.id != sender.id {
                e.kind = .remove
                e.actorID = sender.id
            }
            return fresh([e])
        }
        if m["group_chat_created"] != nil || m["supergroup_chat_created"] != nil {
            var e = event(chat, id: "\(chat.id):in:\(sender.id):\(at)", date: date, kind: .join, member: sender, raw: raw)
            e.memberRole = .owner
            return fresh([e])
        }
        if m["new_chat_title"] != nil { return .skipped("new_chat_title (later updates carry the new title)") }
        if m["pinned_message"] != nil { return .skipped("pinned_message") }
        if let to = m["migrate_to_chat_id"]?.idString {
            migrations.append((chat.id, to))
            return .skipped("migrate_to_chat_id (the group became a supergroup with a new id)")
        }
        if m["migrate_from_chat_id"] != nil { return .skipped("migrate_from_chat_id") }

        let text = m["text"]?.stringValue.map { TelegramText.botText($0, entities: m["entities"]) }
        let caption = m["caption"]?.stringValue.map { TelegramText.botText($0, entities: m["caption_entities"]) }
        let media = TelegramText.botMedia(m)
        if text == nil, caption == nil, media == nil, let key = Self.serviceKeys.first(where: { m[$0] != nil }) {
            return .skipped("service message \(key)")
        }
        var e = event(chat, id: "\(chat.id):\(messageID)", date: date, kind: .message, member: sender, raw: raw)
        e.text = TelegramText.combine(media: media, text: text ?? caption ?? "")
        if let reply = m["reply_to_message"]?["message_id"]?.idString { e.replyTo = "\(chat.id):\(reply)" }
        return .events([e])
    }

    // MARK: chat_member

    private static func isIn(_ member: JSONValue?) -> Bool {
        switch member?["status"]?.stringValue {
        case "creator", "administrator", "member": return true
        case "restricted": return member?["is_member"]?.boolValue ?? true
        default: return false
        }
    }

    private mutating func chatMember(_ cm: JSONValue, raw: String) throws -> Outcome {
        let chat = try self.chat(cm["chat"], "chat_member.chat")
        if let reason = excluded(chat) { return .skipped(reason) }
        let date = try self.date(cm["date"], "chat_member.date")
        let by = try user(cm["from"], "chat_member.from")
        guard let old = cm["old_chat_member"], let new = cm["new_chat_member"] else {
            throw RecordError(field: cm["old_chat_member"] == nil ? "chat_member.old_chat_member" : "chat_member.new_chat_member", "missing")
        }
        let member = try user(new["user"], "chat_member.new_chat_member.user")
        let oldStatus = old["status"]?.stringValue ?? "?"
        guard let newStatus = new["status"]?.stringValue else {
            throw RecordError(field: "chat_member.new_chat_member.status", "missing")
        }
        let at = Int64(date.timeIntervalSince1970)
        let wasIn = Self.isIn(old)
        let isIn = Self.isIn(new)
        if !wasIn, isIn {
            var e = event(chat, id: "\(chat.id):in:\(member.id):\(at)", date: date, kind: .join, member: member, raw: raw)
            if let link = cm["invite_link"] {
                e.via = .inviteLink
                if let creator = link["creator"]?["id"]?.idString, creator != member.id { e.actorID = creator }
            } else if cm["via_join_request"]?.boolValue == true {
                e.via = .request
                if by.id != member.id { e.actorID = by.id }
            } else if cm["via_chat_folder_invite_link"]?.boolValue == true {
                e.via = .inviteLink
            } else if by.id != member.id {
                e.via = .added
                e.actorID = by.id
            }
            if newStatus == "creator" { e.memberRole = .owner }
            if newStatus == "administrator" { e.memberRole = .admin }
            return fresh([e])
        }
        if wasIn, !isIn {
            var e = event(chat, id: "\(chat.id):out:\(member.id):\(at)", date: date, kind: .leave, member: member, raw: raw)
            if newStatus == "kicked" || by.id != member.id {
                e.kind = .remove
                e.actorID = by.id
            }
            return fresh([e])
        }
        if !wasIn, !isIn {
            if newStatus == "kicked", oldStatus != "kicked" {
                var e = event(chat, id: "\(chat.id):ban:\(member.id):\(at)", date: date, kind: .ban, member: member, raw: raw)
                e.actorID = by.id
                return fresh([e])
            }
            if oldStatus == "kicked" { return .skipped("chat_member: unbanned") }
            return .skipped("chat_member: \(oldStatus) → \(newStatus)")
        }
        if newStatus == "restricted" || oldStatus == "restricted" {
            return .skipped("chat_member: restrictions changed")
        }
        return .skipped("chat_member: role change (\(oldStatus) → \(newStatus))")
    }

    // MARK: chat_join_request

    private mutating func joinRequest(_ r: JSONValue, raw: String) throws -> Outcome {
        let chat = try self.chat(r["chat"], "chat_join_request.chat")
        if let reason = excluded(chat) { return .skipped(reason) }
        let date = try self.date(r["date"], "chat_join_request.date")
        let applicant = try user(r["from"], "chat_join_request.from")
        let at = Int64(date.timeIntervalSince1970)
        var e = event(chat, id: "\(chat.id):req:\(applicant.id):\(at)", date: date, kind: .joinRequest, member: applicant, raw: raw)
        var notes: [String] = []
        if let bio = r["bio"]?.stringValue, !bio.isEmpty { notes.append(bio) }
        if let link = r["invite_link"] {
            e.via = .inviteLink
            var what = "invite link"
            if let name = link["name"]?.stringValue, !name.isEmpty { what += " \"\(name)\"" }
            if let url = link["invite_link"]?.stringValue { what += " " + url }
            if let creator = link["creator"] {
                if let id = creator["id"]?.idString, id != applicant.id { e.actorID = id }
                if let name = Self.fullName(creator) { what += " by \(name)" }
            }
            notes.append("(\(what))")
        } else {
            e.via = .request
        }
        if !notes.isEmpty { e.text = notes.joined(separator: "\n") }
        return fresh([e])
    }
}
