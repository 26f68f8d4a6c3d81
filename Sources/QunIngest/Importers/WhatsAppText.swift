/// Names and message texts as WhatsApp writes them, made into what qundeck stores.
enum WhatsAppText {
    static func stripInvisible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: WhatsAppHeader.isInvisible) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars where !WhatsAppHeader.isInvisible(s) { out.append(s) }
        return String(out)
    }

    /// A sender's name without marks, odd spaces or the `~` WhatsApp puts before names not in contacts.
    static func cleanName(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for s in raw.unicodeScalars where !WhatsAppHeader.isInvisible(s) {
            out.append(WhatsAppHeader.isSpace(s) ? " " : s)
        }
        var name = String(out).trimmingChatWhitespace()
        if name.hasPrefix("~") { name = String(name.dropFirst()).trimmingChatWhitespace() }
        return name
    }

    /// The member id for a name as exported: `tel:+8613800138000` for phone numbers, `self` for "You"
    /// (the person who exported the chat), `name:<name>` otherwise — exports carry no ids.
    static func memberID(_ name: String) -> String {
        if name == "You" || name == "you" { return "self" }
        var digits = ""
        var phoneLike = true
        for s in name.unicodeScalars {
            switch s {
            case "0"..."9": digits.unicodeScalars.append(s)
            case "+", " ", "-", "(", ")", ".": continue
            default: phoneLike = false
            }
            if !phoneLike { break }
        }
        if phoneLike, digits.count >= 6 { return "tel:" + (name.hasPrefix("+") ? "+" : "") + digits }
        return "name:" + name
    }

    static func displayName(_ name: String) -> String { name == "you" ? "You" : name }

    private static let omitted: [(String, String)] = [
        ("image omitted", "photo"), ("video omitted", "video"), ("audio omitted", "audio"), ("sticker omitted", "sticker"),
        ("GIF omitted", "gif"), ("document omitted", "document"), ("Contact card omitted", "contact"),
        ("contact card omitted", "contact"), ("video note omitted", "video message"), ("voice message omitted", "voice"),
    ]

    /// Message text: marks removed, "<This message was edited>" dropped, media and deletions as placeholders.
    static func messageText(_ raw: String) -> String {
        var text = stripInvisible(raw)
        for edited in ["<This message was edited>", "<This message was edited>."] where text.hasSuffix(edited) {
            text = String(text.dropLast(edited.count))
        }
        text = text.trimmingChatWhitespace()
        switch text {
        case "<Media omitted>", "<media omitted>": return "[media: omitted]"
        case "This message was deleted", "This message was deleted.", "You deleted this message", "You deleted this message.":
            return "[deleted]"
        case "null": return "[media: view once]"
        default: break
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first else { return text }
        var placeholder: String?
        for (suffix, kind) in omitted where first == suffix || first.hasSuffix(" " + suffix) {
            placeholder = "[media: \(kind)]"
            break
        }
        if placeholder == nil, first.hasPrefix("<attached: "), first.hasSuffix(">") {
            placeholder = "[media: \(kind(ofFile: String(first.dropFirst("<attached: ".count).dropLast())))]"
        }
        if placeholder == nil, first.hasSuffix(" (file attached)") {
            placeholder = "[media: \(kind(ofFile: String(first.dropLast(" (file attached)".count))))]"
        }
        guard let placeholder else { return text }
        lines.removeFirst()
        let caption = lines.joined(separator: "\n").trimmingChatWhitespace()
        return caption.isEmpty ? placeholder : placeholder + " " + caption
    }

    /// photo / video / audio / sticker / gif / file, from an attachment's file name.
    static func kind(ofFile name: String) -> String {
        let upper = name.uppercased()
        if upper.contains("PHOTO") || upper.hasPrefix("IMG-") || upper.hasSuffix(".JPG") || upper.hasSuffix(".JPEG") || upper.hasSuffix(".PNG") {
            return "photo"
        }
        if upper.contains("VIDEO") || upper.hasPrefix("VID-") || upper.hasSuffix(".MP4") { return "video" }
        if upper.contains("AUDIO") || upper.hasPrefix("PTT-") || upper.hasPrefix("AUD-") || upper.hasSuffix(".OPUS") { return "audio" }
        if upper.contains("STICKER") || upper.hasPrefix("STK-") || upper.hasSuffix(".WEBP") { return "sticker" }
        if upper.contains("GIF") { return "gif" }
        return "file"
    }

    private static let fileNamePrefixes = [
        "WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp-Chat mit ", "WhatsApp Chat mit ", "Chat de WhatsApp con ",
        "Conversa do WhatsApp com ", "Discussion WhatsApp avec ", "Chat WhatsApp con ", "WhatsApp-chat met ", "WhatsApp Chat met ",
    ]

    /// The chat's name from the export's file name ("WhatsApp Chat with 金水花园1群.txt"), when it has one.
    static func chatName(fromFileName fileName: String) -> String? {
        var base = fileName
        for ext in [".txt", ".zip", ".TXT", ".ZIP"] where base.hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        for prefix in fileNamePrefixes where base.hasPrefix(prefix) {
            let name = String(base.dropFirst(prefix.count)).trimmingChatWhitespace()
            return name.isEmpty ? nil : name
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces (U+00A0 and U+202F included) and line breaks.
    func trimmingChatWhitespace() -> String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { WhatsAppHeader.isSpace(s) || s == "\n" || s == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
