/// Names and message texts as WhatsApp writes them, made into what qundeck stores.
enum WhatsAppText {
    static func stripInvisible(_ text: String) -> String {
        guard text.containsInvisibleMark else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars where !WhatsAppHeader.isInvisible(s) { out.append(s) }
        return String(out)
    }

    /// A sender's name without marks, odd spaces or the `~` WhatsApp puts before names not in contacts.
    static func cleanName(_ raw: String) -> String {
        if raw.isPlainName { return raw }
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
        if name.utf8.count == 3, name == "You" || name == "you" { return "self" }
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

    static func displayName(_ name: String) -> String { name.utf8.count == 3 && name == "you" ? "You" : name }

    private static let omitted: [(String, String)] = [
        ("image omitted", "photo"), ("video omitted", "video"), ("audio omitted", "audio"), ("sticker omitted", "sticker"),
        ("GIF omitted", "gif"), ("document omitted", "document"), ("Contact card omitted", "contact"),
        ("contact card omitted", "contact"), ("video note omitted", "video message"), ("voice message omitted", "voice"),
    ]

    private static let editedMarks = ["<This message was edited>", "<This message was edited>."]

    /// Message text: marks removed, "<This message was edited>" dropped, media and deletions as placeholders.
    ///
    /// Every literal compared against here is ASCII without K, ; or ` (the only ASCII characters another
    /// scalar is canonically equivalent to), so a Character-level match implies the bytes match too: the
    /// byte tests in front only skip comparisons that could not succeed.
    static func messageText(_ raw: String) -> String {
        var text = stripInvisible(raw)
        for edited in editedMarks where text.utf8.ends(with: edited.utf8) && text.hasSuffix(edited) {
            text = String(text.dropLast(edited.count))
        }
        text = text.trimmingChatWhitespace()
        if text.utf8.count <= 25 {
            switch text {
            case "<Media omitted>", "<media omitted>": return "[media: omitted]"
            case "This message was deleted", "This message was deleted.", "You deleted this message", "You deleted this message.":
                return "[deleted]"
            case "null": return "[media: view once]"
            default: break
            }
        }
        // The first line is what a media line is recognised by: it runs to the first "\n" Character, a
        // line feed not preceded by a carriage return (that pair is one Character).
        let lineEnd = text.utf8.firstLineFeedCharacter() ?? text.endIndex
        let firstLine = text[..<lineEnd]
        guard firstLine.utf8.ends(with: "omitted".utf8) || firstLine.utf8.first == UInt8(ascii: "<") || firstLine.utf8.last == UInt8(ascii: ")")
        else { return text }
        let first = String(firstLine)
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
        let caption = lineEnd == text.endIndex ? "" : String(text[text.utf8.index(after: lineEnd)...]).trimmingChatWhitespace()
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
        if let untouched = utf8.withContiguousStorageIfAvailable({ !$0.isEmpty && !$0.startsWithChatWhitespace && !$0.endsWithChatWhitespace }),
            untouched
        {
            return self
        }
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { WhatsAppHeader.isSpace(s) || s == "\n" || s == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Whether any scalar is one of WhatsApp's invisible marks (`WhatsAppHeader.isInvisible`).
    var containsInvisibleMark: Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in
            // Every mark is three bytes led by 0xE2 or 0xEF; most text has neither lead byte.
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0xE2 || byte == 0xEF, WhatsAppHeader.invisibleLength(bytes, i) > 0 { return true }
                i += 1
            }
            return false
        }) {
            return found
        }
        return unicodeScalars.contains(where: WhatsAppHeader.isInvisible)
    }

    /// A name `WhatsAppText.cleanName` would return as it is: no marks, no spaces but plain ones and none
    /// at either end, no leading `~`.
    fileprivate var isPlainName: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, first != UInt8(ascii: "~"), !bytes.startsWithChatWhitespace, !bytes.endsWithChatWhitespace else {
                return false
            }
            for i in bytes.indices {
                switch bytes[i] {
                case 0x09: return false
                case 0xC2, 0xE2, 0xEF:
                    if WhatsAppHeader.spaceLength(bytes, i) > 0 || WhatsAppHeader.invisibleLength(bytes, i) > 0 { return false }
                default: continue
                }
            }
            return true
        } ?? false
    }
}

extension BidirectionalCollection where Element == UInt8 {
    /// Whether the bytes end with `suffix`'s UTF-8: a cheap test that rules strings out before a
    /// Character-level `hasSuffix` (which can only succeed when this does, for the literals this is used with).
    func ends(with suffix: String.UTF8View) -> Bool {
        var i = endIndex
        for byte in suffix.reversed() {
            guard i > startIndex else { return false }
            formIndex(before: &i)
            guard self[i] == byte else { return false }
        }
        return true
    }
}

extension String.UTF8View {
    /// Where the first "\n" Character is: a line feed that is not the second half of a "\r\n" pair.
    func firstLineFeedCharacter() -> Index? {
        func search<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bytes.Index? {
            var previous: UInt8 = 0
            for i in bytes.indices {
                if bytes[i] == 0x0A, previous != 0x0D { return i }
                previous = bytes[i]
            }
            return nil
        }
        if let offset = withContiguousStorageIfAvailable(search) { return offset.map { index(startIndex, offsetBy: $0) } }
        return search(self)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the first scalar is a space, a tab or a line break (`trimmingChatWhitespace`'s set).
    var startsWithChatWhitespace: Bool {
        guard let first else { return false }
        return first == 0x0A || first == 0x0D || WhatsAppHeader.spaceLength(self, 0) > 0
    }

    /// Whether the last scalar is a space, a tab or a line break (`trimmingChatWhitespace`'s set).
    var endsWithChatWhitespace: Bool {
        guard let last else { return false }
        switch last {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0xA0: return count >= 2 && self[count - 2] == 0xC2
        case 0xAF, 0x89: return count >= 3 && self[count - 3] == 0xE2 && self[count - 2] == 0x80
        default: return false
        }
    }
}
