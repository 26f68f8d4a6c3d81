import Foundation
import QunCore

/// Turns the messages of one chat of a Telegram Desktop export into events.
///
/// Service messages list invited and removed members by *name* only (`members: ["Alice"]`). Those events
/// are held until the chat's last message, then each name is resolved to the id the same name posted
/// with (`from`/`from_id`, `actor`/`actor_id`) anywhere in the chat; a name never seen with an id, or
/// seen with two, stays `name:<name>`. Memory for that is one small event per name-only join or removal.
final class TelegramExportChat {
    static let source = ImportFormat.telegram.eventSource

    let context: ImportContext
    let groupID: String
    /// The export's own chat id (or `telegram:<name>`): the prefix of every external id, so `--group`
    /// does not change ids.
    let chatKey: String
    let groupName: String?
    let positionPrefix: String
    private var localTime: LocalTime?
    private var names: [String: String] = [:]
    private var pending: [(event: Event, memberName: String?, actorName: String?)] = []
    private var occurrences: (date: String, seen: [String: Int]) = ("", [:])
    /// Elements of `messages` read, and how many of them were Telegram messages at all (a `type` of
    /// message, service or unsupported): a file whose elements are none is not a Telegram export.
    private(set) var records = 0
    private(set) var recognized = 0

    init(context: ImportContext, exportID: JSONValue?, type: String?, name: String?, positionPrefix: String) {
        self.context = context
        self.chatKey = TelegramIDs.chatID(exportID: exportID, type: type, name: name)
        self.groupID = context.options.groupID ?? chatKey
        self.groupName = name
        self.positionPrefix = positionPrefix
        self.localTime = context.options.timeZone.map(LocalTime.init(zone:))
    }

    /// One element of `messages`, as cut out of the file.
    func handle(_ bytes: [UInt8], index: Int) throws {
        let position = positionPrefix + "messages[\(index)]"
        records += 1
        guard let value = context.parseRecord(bytes, at: position) else { return }
        guard case .object = value else {
            context.problem(position, "expected a message object, got \(value.typeName)")
            return
        }
        do {
            try map(value, raw: String(decoding: bytes, as: UTF8.self))
        } catch let error as RecordError {
            context.problem(position, error)
        }
    }

    /// After the chat's last message: resolves name-only members and emits the held events.
    func finish() throws {
        var unresolved = Set<String>()
        for var item in pending {
            if let name = item.memberName {
                if let id = names[name], !id.isEmpty { item.event.memberID = id } else { unresolved.insert(name) }
            }
            if let name = item.actorName, let id = names[name], !id.isEmpty { item.event.actorID = id }
            try context.emit(item.event)
        }
        pending.removeAll()
        if !unresolved.isEmpty {
            context.warn(
                "\(groupName ?? groupID): \(unresolved.count) member(s) appear only by name in join/remove notices "
                    + "(Telegram exports list invited and removed members without ids) and are stored as name:<name>")
        }
    }

    // MARK: mapping

    private func learn(name: String?, id: String?) {
        guard let name, !name.isEmpty, let id else { return }
        if let known = names[name] {
            if known != id { names[name] = "" }
        } else {
            names[name] = id
        }
    }

    private func map(_ m: JSONValue, raw: String) throws {
        let type = m["type"]?.stringValue ?? "message"
        if ["message", "service", "unsupported"].contains(type) { recognized += 1 }
        if type == "unsupported" {
            context.skip("unsupported message (Telegram could not export it)")
            return
        }
        let timestamp = try self.timestamp(m)
        let id: String
        if let messageID = m["id"] {
            guard let n = messageID.idString else { throw RecordError(field: "id", "expected a number, got \(messageID.typeName)") }
            id = chatKey + ":" + n
        } else {
            id = chatKey + ":h" + contentHash(m, raw: raw)
        }
        func event(_ kind: EventKind, member: String, name: String?) -> Event {
            Event(
                source: Self.source, externalID: id, groupID: groupID, timestamp: timestamp, kind: kind, memberID: member,
                groupName: groupName, groupPlatform: .telegram, groupTimeZoneID: context.options.timeZone?.identifier,
                memberName: name, raw: raw)
        }
        switch type {
        case "message":
            let sender = try self.sender(m, idKey: "from_id", nameKey: "from")
            learn(name: sender.name, id: sender.id)
            var e = event(.message, member: sender.id ?? sender.name.map(TelegramIDs.nameID) ?? "deleted", name: sender.name ?? "Deleted Account")
            e.text = TelegramText.combine(media: TelegramText.exportMedia(m), text: try TelegramText.exportText(m))
            if let reply = m["reply_to_message_id"]?.idString { e.replyTo = chatKey + ":" + reply }
            try context.emit(e)
        case "service":
            let actor = try self.sender(m, idKey: "actor_id", nameKey: "actor")
            learn(name: actor.name, id: actor.id)
            guard let action = m["action"]?.stringValue else { throw RecordError(field: "action", "missing (required for a service message)") }
            let actorMember = actor.id ?? actor.name.map(TelegramIDs.nameID) ?? "deleted"
            var out: [(event: Event, memberName: String?, actorName: String?)] = []
            switch action {
            case "create_group":
                var owner = event(.join, member: actorMember, name: actor.name)
                owner.memberRole = .owner
                out.append((owner, nil, nil))
                for name in try memberNames(m) where name != actor.name {
                    var e = event(.join, member: TelegramIDs.nameID(name), name: name)
                    e.via = .added
                    e.actorID = actor.id ?? actor.name.map(TelegramIDs.nameID)
                    out.append((e, name, actor.id == nil ? actor.name : nil))
                }
            case "invite_members":
                for name in try memberNames(m) {
                    var e = event(.join, member: TelegramIDs.nameID(name), name: name)
                    if name == actor.name {
                        // Joined a public group by themselves.
                        e.memberID = actorMember
                        out.append((e, actor.id == nil ? name : nil, nil))
                    } else {
                        e.via = .added
                        e.actorID = actor.id ?? actor.name.map(TelegramIDs.nameID)
                        out.append((e, name, actor.id == nil ? actor.name : nil))
                    }
                }
            case "join_group_by_link":
                var e = event(.join, member: actorMember, name: actor.name)
                e.via = .inviteLink
                let inviter = m["inviter"]?.stringValue
                if let inviter { e.actorID = TelegramIDs.nameID(inviter) }
                out.append((e, actor.id == nil ? actor.name : nil, inviter))
            case "join_group_by_request":
                var e = event(.join, member: actorMember, name: actor.name)
                e.via = .request
                out.append((e, actor.id == nil ? actor.name : nil, nil))
            case "remove_members":
                for name in try memberNames(m) {
                    if name == actor.name {
                        out.append((event(.leave, member: actorMember, name: name), actor.id == nil ? name : nil, nil))
                    } else {
                        var e = event(.remove, member: TelegramIDs.nameID(name), name: name)
                        e.actorID = actor.id ?? actor.name.map(TelegramIDs.nameID)
                        out.append((e, name, actor.id == nil ? actor.name : nil))
                    }
                }
            case "edit_group_title":
                context.skip("edit_group_title (the chat's name in the export is used)")
            case "pin_message":
                context.skip("pin_message")
            case "migrate_to_supergroup", "migrate_from_group":
                context.skip("\(action) (a migrated group's history is exported as one chat)")
            default:
                context.skip("service action \(action)")
            }
            if out.count > 1 {
                for k in out.indices { out[k].event.externalID += "#\(k)" }
            }
            for item in out {
                if item.memberName == nil, item.actorName == nil {
                    try context.emit(item.event)
                } else {
                    pending.append(item)
                }
            }
        default:
            throw RecordError(field: "type", "unknown message type \"\(type)\" (expected message or service)")
        }
    }

    /// The id and name of `from`/`from_id` (or `actor`/`actor_id`). `from: null` is a deleted account.
    private func sender(_ m: JSONValue, idKey: String, nameKey: String) throws -> (id: String?, name: String?) {
        let id = TelegramIDs.peerID(m[idKey])
        if let value = m[idKey], id == nil {
            throw RecordError(field: idKey, "expected a string or a number, got \(value.typeName)")
        }
        var name: String?
        if let value = m[nameKey] {
            guard let s = value.stringValue else { throw RecordError(field: nameKey, "expected a string, got \(value.typeName)") }
            name = s
        }
        return (id, name)
    }

    private func memberNames(_ m: JSONValue) throws -> [String] {
        guard let list = m["members"] else { throw RecordError(field: "members", "missing") }
        guard let items = list.arrayValue else { throw RecordError(field: "members", "expected an array of names, got \(list.typeName)") }
        // A member whose account is gone is exported as null.
        return items.enumerated().map { $0.element.stringValue ?? "Deleted Account" }
    }

    private func timestamp(_ m: JSONValue) throws -> Date {
        if let unix = m["date_unixtime"] {
            guard let seconds = unix.int64Value, seconds >= 0, seconds < 32_503_680_000 else {
                throw RecordError(field: "date_unixtime", "\(unix.rendered) is not unix seconds")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        guard let date = m["date"] else { throw RecordError(field: "date_unixtime", "missing (and no \"date\" either)") }
        guard let text = date.stringValue else { throw RecordError(field: "date", "expected a string, got \(date.typeName)") }
        if let absolute = RFC3339.parse(text) { return absolute }
        guard let c = LocalTime.components(iso: text) else {
            throw RecordError(field: "date", "\"\(text)\" is not a date such as 2023-05-01T12:01:00")
        }
        guard localTime != nil else {
            context.warn("some messages have only a local \"date\" (no \"date_unixtime\"); pass --tz with the zone of the computer that made the export")
            throw RecordError(
                field: "date", "\"\(text)\" has no time zone and there is no \"date_unixtime\"; pass --tz ZONE (the exporting computer's zone)")
        }
        guard let result = localTime!.date(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second) else {
            throw RecordError(field: "date", "\"\(text)\" is not a valid date")
        }
        return result
    }

    /// For records without an `id`: a hash of the record, numbered when the same record repeats within
    /// the same `date`, so identical messages stay distinct and ids stay the same on every import.
    private func contentHash(_ m: JSONValue, raw: String) -> String {
        let date = m["date_unixtime"]?.idString ?? m["date"]?.stringValue ?? ""
        if occurrences.date != date { occurrences = (date, [:]) }
        let n = occurrences.seen[raw, default: 0]
        occurrences.seen[raw] = n + 1
        return StableHash.hex([chatKey, date, raw, String(n)])
    }
}
