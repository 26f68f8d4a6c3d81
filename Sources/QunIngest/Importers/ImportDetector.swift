import Foundation

/// Tells the formats apart by the file's extension and its first few KB.
///
/// `.zip` is WhatsApp. JSON is told by its top-level keys: `update_id` (or a getUpdates response's
/// `ok`/`result`) is Bot API updates, `guild`/`channel` is DiscordChatExporter, `messages`/`chats`/
/// `personal_information` is a Telegram Desktop export. Text whose lines start with a WhatsApp date
/// header is WhatsApp.
public enum ImportDetector {
    public static let sniffLength = 4096

    public static func detect(url: URL) throws -> ImportFormat {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.cannotOpen(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError.cannotOpen(path: path, reason: "it is a directory") }
        if url.pathExtension.lowercased() == "zip" { return .whatsapp }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError.cannotOpen(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let prefix = handle.readData(ofLength: sniffLength)
        guard let format = detect(prefix: [UInt8](prefix)) else { throw ImportError.unrecognizedFormat(path: path) }
        return format
    }

    /// The format of a file starting with `prefix`, or nil.
    public static func detect(prefix data: [UInt8]) -> ImportFormat? {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return nil }
        // iOS WhatsApp lines start with "[", like JSON arrays: try WhatsApp first.
        if looksLikeWhatsApp(bytes) { return .whatsapp }
        if bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") {
            return detectJSON(Array(bytes[first...]))
        }
        return nil
    }

    private static func looksLikeWhatsApp(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        // The last line may be cut off mid-character; look at the complete ones (or the only one).
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.count > 1 { lines.removeLast() }
        return lines.prefix(30).contains { WhatsAppHeader.parse(String($0)) != nil }
    }

    private static func detectJSON(_ b: [UInt8]) -> ImportFormat? {
        // Keys at depth 1 (the top object, or the first element of a top-level array).
        let keyDepth = b[0] == UInt8(ascii: "[") ? 2 : 1
        var keys = Set<String>()
        var depth = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                var j = i + 1
                var escaped = false
                while j < b.count {
                    if escaped { escaped = false } else if b[j] == 0x5C { escaped = true } else if b[j] == 0x22 { break }
                    j += 1
                }
                guard j < b.count else { break }
                if depth == keyDepth {
                    var k = j + 1
                    while k < b.count, b[k] == 0x20 || b[k] == 0x0A || b[k] == 0x0D || b[k] == 0x09 { k += 1 }
                    if k < b.count, b[k] == 0x3A { keys.insert(String(decoding: b[(i + 1)..<j], as: UTF8.self)) }
                }
                i = j + 1
                continue
            }
            if c == 0x7B || c == 0x5B { depth += 1 }
            if c == 0x7D || c == 0x5D { depth -= 1 }
            i += 1
        }
        if keys.contains("update_id") || (keys.contains("ok") && (keys.contains("result") || keys.isSubset(of: ["ok", "result"]))) {
            return .telegramBot
        }
        if keys.contains("guild") || (keys.contains("channel") && !keys.contains("chats")) { return .discord }
        if !keys.isDisjoint(with: ["messages", "chats", "left_chats", "personal_information", "about", "profile_pictures", "contacts"]) {
            return .telegram
        }
        if keys.contains("name") && keys.contains("type") && keys.contains("id") { return .telegram }
        // Keys not reached within the prefix: look for telling field names anywhere in it.
        let text = String(decoding: b, as: UTF8.self)
        if text.contains("\"update_id\"") { return .telegramBot }
        if text.contains("\"guild\"") || text.contains("\"GuildMemberJoin\"") { return .discord }
        if text.contains("\"date_unixtime\"") || text.contains("\"from_id\"") || text.contains("\"text_entities\"") { return .telegram }
        return nil
    }
}
