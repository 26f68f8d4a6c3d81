import Foundation

/// Reads a Telegram Desktop JSON export — one chat (`{"name","type","id","messages":[…]}`) or a whole
/// account (`{"chats":{"list":[…]},"left_chats":{"list":[…]}}`) — one message at a time.
///
/// A single-chat export is imported whatever its type (the user chose that chat). From an account
/// export, groups and supergroups (and chats without a type) are imported; channels are skipped;
/// personal chats (`personal_chat`, `bot_chat`, `saved_messages`…) are imported only when the export
/// holds no group at all, or with `includePrivateChats`.
final class TelegramExportImporter {
    static let personalTypes: Set<String> = ["personal_chat", "bot_chat", "saved_messages", "replies", "verification_codes"]
    static let channelTypes: Set<String> = ["private_channel", "public_channel"]

    private let context: ImportContext
    private let stream: JSONByteStream
    private var groupChats = 0
    private var personalChats: [(offset: Int64, position: String)] = []
    private var sawMessages = false
    private var sawChatList = false
    private var records = 0
    private var recognized = 0

    init(context: ImportContext, handle: FileHandle) {
        self.context = context
        self.stream = JSONByteStream(handle: handle)
    }

    private enum Choice { case now, personal, skip }

    func run() throws {
        guard let first = stream.peek() else {
            throw ImportError.notFormat(path: context.path, format: .telegram, detail: "the file is empty")
        }
        guard first == UInt8(ascii: "{") else {
            throw ImportError.notFormat(path: context.path, format: .telegram, detail: "it does not start with a JSON object")
        }
        do {
            try readChat(position: "", topLevel: true)
            if !sawMessages, !sawChatList {
                throw ImportError.notFormat(
                    path: context.path, format: .telegram, detail: "it has neither a \"messages\" list nor a \"chats\" list")
            }
            if groupChats == 0, !personalChats.isEmpty {
                context.warn("the export holds no group chats; imported its \(personalChats.count) personal chat(s) instead")
                for chat in personalChats {
                    try stream.seek(to: chat.offset)
                    try readChat(position: chat.position, topLevel: false, force: true)
                }
            } else if !personalChats.isEmpty {
                context.skip("personal chat (not a group)", count: personalChats.count)
            }
            if records > 0, recognized == 0 {
                throw ImportError.notFormat(
                    path: context.path, format: .telegram,
                    detail: "none of its \(records) messages has a Telegram \"type\" (message or service)")
            }
        } catch let error as JSONStreamError {
            guard sawMessages || sawChatList else {
                throw ImportError.notFormat(path: context.path, format: .telegram, detail: "\(error)")
            }
            // Damage the reader could not step over: keep what was read, say where it stopped.
            context.warn("stopped reading at byte \(stream.offset): \(error)")
        }
        try context.flush()
    }

    /// Reads one chat object (or the top-level object, which is a chat in a single-chat export).
    private func readChat(position: String, topLevel: Bool, force: Bool = false) throws {
        _ = stream.peek()
        let start = stream.offset
        try stream.beginObject()
        var name: String?
        var type: String?
        var id: JSONValue?
        var sawID = false
        var deferred: Int64?
        func choice() -> Choice {
            if topLevel || force { return .now }
            if let type, Self.personalTypes.contains(type) { return context.options.includePrivateChats ? .now : .personal }
            if let type, Self.channelTypes.contains(type) { return .skip }
            return .now
        }
        func importMessages() throws {
            switch choice() {
            case .now:
                if !topLevel, !force { groupChats += 1 }
                let chat = TelegramExportChat(context: context, exportID: id, type: type, name: name, positionPrefix: position)
                try streamMessages(chat)
            case .personal:
                personalChats.append((start, position))
                try stream.skipValue()
            case .skip:
                context.skip("channel (not a group)")
                try stream.skipValue()
            }
        }
        while let key = try stream.nextKey() {
            switch key {
            case "name":
                name = try stream.readValue().stringValue
            case "type":
                type = try stream.readValue().stringValue
            case "id":
                id = try stream.readValue()
                sawID = true
            case "messages":
                if topLevel { sawMessages = true }
                if name != nil, type != nil, sawID {
                    try importMessages()
                } else {
                    // The chat's name, type or id may still follow; read the messages after them.
                    deferred = stream.offset
                    try stream.skipValue()
                }
            case "chats" where topLevel, "left_chats" where topLevel:
                sawChatList = true
                try readChatList(key)
            default:
                try stream.skipValue()
            }
        }
        if let deferred {
            let resume = stream.offset
            try stream.seek(to: deferred)
            try importMessages()
            try stream.seek(to: resume)
        }
    }

    private func readChatList(_ key: String) throws {
        guard stream.peek() == UInt8(ascii: "{") else {
            try stream.skipValue()
            return
        }
        try stream.beginObject()
        while let inner = try stream.nextKey() {
            guard inner == "list", stream.peek() == UInt8(ascii: "[") else {
                try stream.skipValue()
                continue
            }
            try stream.beginArray()
            var index = 0
            while try stream.nextElement() {
                let position = "\(key).list[\(index)]."
                if stream.peek() == UInt8(ascii: "{") {
                    try readChat(position: position, topLevel: false)
                } else {
                    context.problem(String(position.dropLast()), "expected a chat object")
                    try stream.skipValue()
                }
                index += 1
            }
        }
    }

    private func streamMessages(_ chat: TelegramExportChat) throws {
        guard stream.peek() == UInt8(ascii: "[") else {
            context.problem(chat.positionPrefix + "messages", "expected an array of messages")
            try stream.skipValue()
            return
        }
        try stream.beginArray()
        var index = 0
        do {
            while try stream.nextElement() {
                _ = stream.peek()
                let start = stream.offset
                let indent = stream.indentationOfCurrentByte()
                do {
                    let bytes = try stream.captureValue()
                    try chat.handle(bytes, index: index)
                } catch let error as JSONStreamError {
                    context.problem(chat.positionPrefix + "messages[\(index)]", error.description)
                    if case .truncated = error { throw error }
                    // Damaged structure: go on at the next message that starts on a line of its own.
                    guard let indent, try stream.resync(after: start, indent: indent) else { throw error }
                }
                index += 1
            }
        } catch {
            try finish(chat)
            throw error
        }
        try finish(chat)
    }

    private func finish(_ chat: TelegramExportChat) throws {
        try chat.finish()
        records += chat.records
        recognized += chat.recognized
    }
}
