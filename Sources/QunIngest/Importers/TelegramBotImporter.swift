import Foundation
import QunCore

/// Reads a file of Telegram Bot API updates: JSON Lines (one `Update` per line, as a bot appends them),
/// a JSON array of updates, a saved getUpdates response (`{"ok":true,"result":[…]}`, also one per line),
/// or pretty-printed updates one after another. Positions are `line N` for JSON Lines and
/// `update <update_id>` (or `updates[i]` when the id is unreadable) otherwise.
final class TelegramBotImporter {
    private let context: ImportContext
    private let handle: FileHandle
    private var mapper: TelegramUpdateMapper
    private var updates = 0

    init(context: ImportContext, handle: FileHandle) {
        self.context = context
        self.handle = handle
        self.mapper = TelegramUpdateMapper(options: context.options)
        mapper.dedupeMembership = false
    }

    // Membership events wait in a small window so a second report of the same change (a join is
    // often both a `new_chat_members` message and a `chat_member` update, next to each other) is
    // merged into the first instead of losing its details (the invite link's creator).
    private var window: [String: Event] = [:]
    private var windowOrder: [String] = []
    private var emittedMembership = Set<String>()
    private static let windowSize = 512

    private func emit(_ events: [Event]) throws {
        for event in events {
            guard TelegramUpdateMapper.isMembership(event) else {
                try context.emit(event)
                continue
            }
            if let held = window[event.externalID] {
                window[event.externalID] = TelegramUpdateMapper.merge(held, event)
                context.skip(TelegramUpdateMapper.duplicateReason)
            } else if emittedMembership.contains(event.externalID) {
                context.skip(TelegramUpdateMapper.duplicateReason)
            } else {
                window[event.externalID] = event
                windowOrder.append(event.externalID)
                if windowOrder.count > Self.windowSize { try release(windowOrder.count - Self.windowSize / 2) }
            }
        }
    }

    /// Emits the `count` oldest held membership events.
    private func release(_ count: Int) throws {
        let ids = windowOrder.prefix(count)
        for id in ids {
            if let event = window.removeValue(forKey: id) {
                emittedMembership.insert(id)
                try context.emit(event)
            }
        }
        windowOrder.removeFirst(ids.count)
    }

    func run() throws {
        let stream = JSONByteStream(handle: handle)
        guard let first = stream.peek() else {
            throw ImportError.notFormat(path: context.path, format: .telegramBot, detail: "the file is empty")
        }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            throw ImportError.notFormat(path: context.path, format: .telegramBot, detail: "it does not start with a JSON object or array")
        }
        var oneLine = false
        if first == UInt8(ascii: "{") {
            // JSON Lines when the first line holds more than an opening brace (pretty-printed JSON puts
            // the brace on a line of its own).
            try handle.seek(toOffset: 0)
            let reader = LineReader(handle: handle, chunkSize: 64 << 10)
            while let line = reader.next(acceptPartial: true) {
                let trimmed = line.bytes.filter { $0 != 0x20 && $0 != 0x09 }
                if trimmed.isEmpty { continue }
                oneLine = trimmed.first == UInt8(ascii: "{") && trimmed.count > 1
                break
            }
            try stream.seek(to: 0)
        }
        if oneLine {
            try readLines()
        } else {
            try readStream(stream)
        }
        try release(windowOrder.count)
        if updates == 0, context.summary.events == 0, context.summary.problems > 0 {
            throw ImportError.notFormat(path: context.path, format: .telegramBot, detail: "no record in it could be read as an Update")
        }
        for migration in mapper.migrations {
            context.warn(
                "group \(migration.from) became the supergroup \(migration.to): its later updates carry the new id; "
                    + "import with --group to keep one group")
        }
        try context.flush()
    }

    private func handleOutcome(_ outcome: TelegramUpdateMapper.Outcome, position: String) throws {
        switch outcome {
        case let .events(events):
            updates += 1
            try emit(events)
        case let .skipped(reason):
            updates += 1
            context.skip(reason)
        case let .invalid(reason):
            context.problem(position, reason)
        }
    }

    /// One value of the file: an update, or a getUpdates response holding a list of them.
    private func handleValue(_ bytes: [UInt8], position: String) throws {
        guard let value = context.parseRecord(bytes, at: position) else { return }
        if let result = value["result"], value["update_id"] == nil {
            guard let list = result.arrayValue else {
                context.problem(position, "field \"result\": expected an array of updates, got \(result.typeName)")
                return
            }
            for (i, item) in list.enumerated() {
                let raw = Self.compactJSON(item) ?? ""
                try handleOutcome(mapper.map(update: item, raw: raw), position: updatePosition(item, fallback: "\(position) result[\(i)]"))
            }
            return
        }
        if value["ok"]?.boolValue == false {
            context.problem(position, "a failed getUpdates response (\(value["description"]?.stringValue ?? "no description"))")
            return
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        try handleOutcome(mapper.map(update: value, raw: raw), position: updatePosition(value, fallback: position))
    }

    private func updatePosition(_ value: JSONValue, fallback: String) -> String {
        if fallback.hasPrefix("line ") { return fallback }
        return TelegramUpdateMapper.updateID(value).map { "update \($0)" } ?? fallback
    }

    private func readLines() throws {
        try handle.seek(toOffset: 0)
        let reader = LineReader(handle: handle)
        while let line = reader.next(acceptPartial: true) {
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            try handleValue([UInt8](line.bytes), position: "line \(line.number)")
        }
    }

    private func readStream(_ stream: JSONByteStream) throws {
        var index = 0
        do {
            while let b = stream.peek() {
                if b == UInt8(ascii: "[") {
                    try stream.beginArray()
                    while try stream.nextElement() {
                        try readOne(stream, index: &index)
                    }
                } else if b == UInt8(ascii: "{") {
                    // A getUpdates response is walked into, so its list is read one update at a time.
                    let start = stream.offset
                    try stream.beginObject()
                    let key = try stream.nextKey()
                    if key == "ok" || key == "result" || key == "description" || key == "error_code" {
                        try stream.seek(to: start)
                        try readResponse(stream, index: &index)
                    } else {
                        try stream.seek(to: start)
                        try readOne(stream, index: &index)
                    }
                } else if b == UInt8(ascii: ",") {
                    stream.consume()
                } else {
                    throw JSONStreamError.unexpected(byte: b, offset: stream.offset, expected: "an update")
                }
            }
        } catch let error as JSONStreamError {
            context.problem("updates[\(index)]", error.description)
            context.warn("stopped reading at byte \(stream.offset): \(error)")
        }
    }

    private func readResponse(_ stream: JSONByteStream, index: inout Int) throws {
        try stream.beginObject()
        while let key = try stream.nextKey() {
            switch key {
            case "result" where stream.peek() == UInt8(ascii: "["):
                try stream.beginArray()
                while try stream.nextElement() { try readOne(stream, index: &index) }
            case "ok":
                if try stream.readValue() == .bool(false) {
                    context.problem("updates[\(index)]", "a failed getUpdates response (\"ok\": false)")
                }
            default:
                try stream.skipValue()
            }
        }
    }

    /// One update, with recovery: a damaged one is reported and reading goes on at the next update that
    /// starts on a line of its own.
    private func readOne(_ stream: JSONByteStream, index: inout Int) throws {
        _ = stream.peek()
        let start = stream.offset
        let indent = stream.indentationOfCurrentByte()
        defer { index += 1 }
        do {
            let bytes = try stream.captureValue()
            try handleValue(bytes, position: "updates[\(index)]")
        } catch let error as JSONStreamError {
            if case .truncated = error { throw error }
            context.problem("updates[\(index)]", error.description)
            guard let indent, try stream.resync(after: start, indent: indent) else { throw error }
        }
    }

    /// A JSON text for an update taken out of a larger value (kept as the event's raw record).
    static func compactJSON(_ value: JSONValue) -> String? {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .integer(i): out += String(i)
        case let .number(d): out += d.isFinite ? String(d) : "null"
        case let .string(s): writeString(s, to: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case let .object(fields):
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                write(fields[key]!, to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
