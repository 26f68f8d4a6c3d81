/// Message text from Telegram, in the form the content rules read: links written out, hidden link
/// targets (`text_link`) appended after their label, media as `[media: …]` placeholders.
enum TelegramText {
    // MARK: Desktop export

    /// `text` is a string, or an array of strings and entity objects (`{"type":"text_link","text":…,"href":…}`).
    /// Newer exports also carry `text_entities`, always an array; used when `text` is absent.
    static func exportText(_ message: JSONValue) throws -> String {
        guard let text = message["text"] ?? message["text_entities"] else { return "" }
        switch text {
        case let .string(s):
            return s
        case let .array(parts):
            var out = ""
            for (i, part) in parts.enumerated() {
                switch part {
                case let .string(s):
                    out += s
                case .object:
                    let piece = part["text"]?.stringValue ?? ""
                    out += piece
                    if let href = part["href"]?.stringValue, !href.isEmpty, href != piece {
                        out += piece.isEmpty ? href : " (\(href))"
                    }
                default:
                    throw RecordError(field: "text[\(i)]", "expected a string or an entity object, got \(part.typeName)")
                }
            }
            return out
        default:
            throw RecordError(field: "text", "expected a string or an array, got \(text.typeName)")
        }
    }

    /// A placeholder for the media a Desktop export message carries, or nil.
    static func exportMedia(_ message: JSONValue) -> String? {
        if message["photo"] != nil { return "[media: photo]" }
        if let type = message["media_type"]?.stringValue {
            switch type {
            case "sticker":
                if let emoji = message["sticker_emoji"]?.stringValue, !emoji.isEmpty { return "[media: sticker \(emoji)]" }
                return "[media: sticker]"
            case "video_file": return "[media: video]"
            case "video_message": return "[media: video message]"
            case "voice_message": return "[media: voice]"
            case "audio_file": return "[media: audio]"
            case "animation": return "[media: gif]"
            default: return "[media: \(type)]"
            }
        }
        if message["file"] != nil { return "[media: file]" }
        if let poll = message["poll"] {
            if let question = poll["question"]?.stringValue { return "[poll: \(question)]" }
            return "[poll]"
        }
        if message["location_information"] != nil { return "[media: location]" }
        if message["contact_information"] != nil { return "[media: contact]" }
        if message["game_title"] != nil { return "[media: game]" }
        if message["invoice_information"] != nil { return "[media: invoice]" }
        return nil
    }

    static func combine(media: String?, text: String) -> String {
        guard let media else { return text }
        return text.isEmpty ? media : media + " " + text
    }

    // MARK: Bot API

    /// `text` with `entities`, whose offsets and lengths count UTF-16 code units: every `text_link`'s
    /// `url` is inserted after its label ("label (https://…)"). Entities that do not fit the text are
    /// ignored (the text itself is still right).
    static func botText(_ text: String, entities: JSONValue?) -> String {
        guard let list = entities?.arrayValue, !list.isEmpty else { return text }
        var units = Array(text.utf16)
        var inserts: [(at: Int, url: String)] = []
        for entity in list {
            guard entity["type"]?.stringValue == "text_link", let url = entity["url"]?.stringValue, !url.isEmpty,
                let offset = entity["offset"]?.int64Value, let length = entity["length"]?.int64Value,
                offset >= 0, length >= 0, offset + length <= Int64(units.count)
            else { continue }
            let label = String(decoding: units[Int(offset)..<Int(offset + length)], as: UTF16.self)
            if label == url { continue }
            inserts.append((Int(offset + length), url))
        }
        // From the end, so earlier offsets stay valid; a stable order for links ending at one place.
        for insert in inserts.enumerated().sorted(by: { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }).map(\.element) {
            units.insert(contentsOf: Array(" (\(insert.url))".utf16), at: insert.at)
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The URLs of `url` and `text_link` entities, in order (for callers that want links, not text).
    static func botLinks(_ text: String, entities: JSONValue?) -> [String] {
        guard let list = entities?.arrayValue else { return [] }
        let units = Array(text.utf16)
        var links: [String] = []
        for entity in list {
            guard let type = entity["type"]?.stringValue,
                let offset = entity["offset"]?.int64Value, let length = entity["length"]?.int64Value,
                offset >= 0, length >= 0, offset + length <= Int64(units.count)
            else { continue }
            if type == "text_link", let url = entity["url"]?.stringValue {
                links.append(url)
            } else if type == "url" {
                links.append(String(decoding: units[Int(offset)..<Int(offset + length)], as: UTF16.self))
            }
        }
        return links
    }

    /// A placeholder for the media a Bot API message carries, or nil.
    static func botMedia(_ message: JSONValue) -> String? {
        let kinds: [(String, String)] = [
            ("photo", "photo"), ("video", "video"), ("animation", "gif"), ("document", "file"), ("audio", "audio"),
            ("voice", "voice"), ("video_note", "video message"), ("location", "location"), ("venue", "location"),
            ("contact", "contact"), ("game", "game"), ("story", "story"), ("invoice", "invoice"), ("paid_media", "paid media"),
        ]
        if let sticker = message["sticker"] {
            if let emoji = sticker["emoji"]?.stringValue, !emoji.isEmpty { return "[media: sticker \(emoji)]" }
            return "[media: sticker]"
        }
        if let poll = message["poll"] {
            if let question = poll["question"]?.stringValue { return "[poll: \(question)]" }
            return "[poll]"
        }
        if let dice = message["dice"] { return "[media: dice \(dice["emoji"]?.stringValue ?? "🎲")]" }
        for (key, name) in kinds where message[key] != nil { return "[media: \(name)]" }
        return nil
    }
}
