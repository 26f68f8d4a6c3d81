import Foundation
import QunCore

/// Reads a DiscordChatExporter JSON export (`{"guild":…,"channel":…,"messages":[…]}`) one message at a
/// time. The group is the channel (`channel.id`); member ids are Discord user ids; external ids are
/// the message ids (snowflakes, unique across Discord).
///
/// Message types: `Default`, `Reply`, `ChatInputCommand`, `ContextMenuCommand` and
/// `ThreadStarterMessage` are messages; `GuildMemberJoin` is a join of its author; `RecipientAdd` is a
/// join of the mentioned user, added by the author; `RecipientRemove` is a removal of the mentioned
/// user by the author (a leave when they are the same); every other system type is skipped and counted.
final class DiscordImporter {
    static let source = ImportFormat.discord.eventSource
    static let messageTypes: Set<String> = ["Default", "Reply", "ChatInputCommand", "ContextMenuCommand", "ThreadStarterMessage"]

    private let context: ImportContext
    private let stream: JSONByteStream
    private var guildName: String?
    private var channelID: String?
    private var channelName: String?
    /// Messages read, and how many looked like DiscordChatExporter's (a `timestamp` and an `author`).
    private var records = 0
    private var recognized = 0

    init(context: ImportContext, handle: FileHandle) {
        self.context = context
        self.stream = JSONByteStream(handle: handle)
    }

    func run() throws {
        guard stream.peek() == UInt8(ascii: "{") else {
            throw ImportError.notFormat(path: context.path, format: .discord, detail: "it does not start with a JSON object")
        }
        var sawMessages = false
        do {
            try stream.beginObject()
            var deferred: Int64?
            while let key = try stream.nextKey() {
                switch key {
                case "guild":
                    let guild = try stream.readValue()
                    guildName = guild["name"]?.stringValue
                case "channel":
                    let channel = try stream.readValue()
                    channelID = channel["id"]?.idString
                    channelName = channel["name"]?.stringValue
                case "messages":
                    sawMessages = true
                    if channelID != nil {
                        try readMessages()
                    } else {
                        deferred = stream.offset
                        try stream.skipValue()
                    }
                default:
                    try stream.skipValue()
                }
            }
            if !sawMessages {
                throw ImportError.notFormat(path: context.path, format: .discord, detail: "it has no \"messages\" list")
            }
            if let deferred {
                guard channelID != nil || context.options.groupID != nil else {
                    throw ImportError.notFormat(path: context.path, format: .discord, detail: "it has no \"channel\" with an \"id\"; pass --group")
                }
                try stream.seek(to: deferred)
                try readMessages()
            }
        } catch let error as JSONStreamError {
            guard sawMessages else { throw ImportError.notFormat(path: context.path, format: .discord, detail: "\(error)") }
            context.warn("stopped reading at byte \(stream.offset): \(error)")
        }
        if records > 0, recognized == 0 {
            throw ImportError.notFormat(
                path: context.path, format: .discord, detail: "none of its \(records) messages has a \"timestamp\" and an \"author\"")
        }
        try context.flush()
    }

    private var groupName: String? {
        guard let channelName else { return guildName }
        guard let guildName, guildName != "Direct Messages" else { return "#" + channelName }
        return "\(guildName) #\(channelName)"
    }

    private func readMessages() throws {
        guard stream.peek() == UInt8(ascii: "[") else {
            context.problem("messages", "expected an array of messages")
            try stream.skipValue()
            return
        }
        try stream.beginArray()
        var index = 0
        while try stream.nextElement() {
            _ = stream.peek()
            let start = stream.offset
            let indent = stream.indentationOfCurrentByte()
            let position = "messages[\(index)]"
            do {
                let bytes = try stream.captureValue()
                try handle(bytes, position: position)
            } catch let error as JSONStreamError {
                context.problem(position, error.description)
                if case .truncated = error { throw error }
                guard let indent, try stream.resync(after: start, indent: indent) else { throw error }
            }
            index += 1
        }
    }

    /// A bad record is reported and skipped; the store failing (the sink) ends the import.
    private func handle(_ bytes: [UInt8], position: String) throws {
        records += 1
        guard let value = context.parseRecord(bytes, at: position) else { return }
        if value["timestamp"] != nil, value["author"] != nil { recognized += 1 }
        do {
            try map(value, raw: String(decoding: bytes, as: UTF8.self))
        } catch let error as RecordError {
            context.problem(position, error)
        } catch {
            if context.sinkFailure != nil { throw error }
            context.problem(position, "\(error)")
        }
    }

    private struct Author {
        var id: String
        var name: String?
    }

    private func author(_ value: JSONValue?, _ field: String) throws -> Author {
        guard let value, case .object = value else { throw RecordError(field: field, "missing") }
        guard let id = value["id"]?.idString else { throw RecordError(field: field + ".id", "missing") }
        let nickname = value["nickname"]?.stringValue
        let name = value["name"]?.stringValue
        return Author(id: id, name: (nickname?.isEmpty == false ? nickname : nil) ?? name)
    }

    private func map(_ m: JSONValue, raw: String) throws {
        guard case .object = m else { throw RecordError(field: nil, "expected a message object, got \(m.typeName)") }
        guard let id = m["id"]?.idString else { throw RecordError(field: "id", "missing") }
        guard let stamp = m["timestamp"] else { throw RecordError(field: "timestamp", "missing") }
        guard let text = stamp.stringValue, let date = RFC3339.parse(text) else {
            throw RecordError(field: "timestamp", "\(stamp.rendered) is not an RFC 3339 time with an offset")
        }
        let type = m["type"]?.stringValue ?? "Default"
        let by = try author(m["author"], "author")
        func event(_ kind: EventKind, _ member: Author) -> Event {
            Event(
                source: Self.source, externalID: id, groupID: context.options.groupID ?? channelID ?? "discord", timestamp: date,
                kind: kind, memberID: member.id, groupName: groupName, groupPlatform: .discord,
                groupTimeZoneID: context.options.timeZone?.identifier, memberName: member.name, raw: raw)
        }
        if Self.messageTypes.contains(type) {
            var e = event(.message, by)
            var parts: [String] = []
            if let content = m["content"]?.stringValue, !content.isEmpty { parts.append(content) }
            for attachment in m["attachments"]?.arrayValue ?? [] {
                let name = attachment["fileName"]?.stringValue ?? ""
                parts.append(name.isEmpty ? "[media: attachment]" : "[media: attachment \(name)]")
            }
            for sticker in m["stickers"]?.arrayValue ?? [] {
                let name = sticker["name"]?.stringValue ?? ""
                parts.append(name.isEmpty ? "[media: sticker]" : "[media: sticker \(name)]")
            }
            e.text = parts.joined(separator: " ")
            if let reply = m["reference"]?["messageId"]?.idString { e.replyTo = reply }
            try context.emit(e)
            return
        }
        switch type {
        case "GuildMemberJoin":
            try context.emit(event(.join, by))
        case "RecipientAdd":
            guard let mentioned = m["mentions"]?.arrayValue?.first else {
                throw RecordError(field: "mentions", "missing: a RecipientAdd names the added user in mentions[0]")
            }
            let added = try author(mentioned, "mentions[0]")
            var e = event(.join, added)
            if added.id != by.id {
                e.via = .added
                e.actorID = by.id
            }
            try context.emit(e)
        case "RecipientRemove":
            let mentioned = m["mentions"]?.arrayValue?.first
            let gone = try mentioned.map { try author($0, "mentions[0]") } ?? by
            var e = event(.leave, gone)
            if gone.id != by.id {
                e.kind = .remove
                e.actorID = by.id
            }
            try context.emit(e)
        default:
            context.skip("Discord \(type) message")
        }
    }
}
