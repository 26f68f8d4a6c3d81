/// WhatsApp's system lines (English wording, as exported by phones set to English), recognised in
/// the text after the header — or after `Group name: ` on iOS, which writes system lines as if the
/// group itself had sent them.
enum WhatsAppSystemLine: Equatable {
    case created(by: String, subject: String?)
    case added(by: String, members: [String])
    case youWereAdded
    case joinedByLink(String)
    case joined(String)
    case requested(String)
    case left(String)
    case removed(by: String, members: [String])
    case subject(by: String, to: String, from: String?)
    /// A notice that changes no membership (encryption notice, icon, settings, security code…).
    case notice(String)

    static func classify(_ raw: String) -> WhatsAppSystemLine? {
        var text = WhatsAppText.stripInvisible(raw).trimmingChatWhitespace()
        guard !text.isEmpty, !text.contains("\n") else {
            return nil
        }
        if text.contains("end-to-end encrypted") || text.hasPrefix("Messages to this group are now secured") {
            return .notice("encryption notice")
        }
        if let range = text.range(of: " changed the subject from ") {
            let by = String(text[..<range.lowerBound])
            let rest = text[range.upperBound...]
            if let to = rest.range(of: " to ") {
                return .subject(by: by, to: unquote(rest[to.upperBound...]), from: unquote(rest[..<to.lowerBound]))
            }
        }
        for marker in [" changed the subject to ", " changed the group name to ", " changed this group's name to "] {
            if let range = text.range(of: marker) {
                return .subject(by: String(text[..<range.lowerBound]), to: unquote(text[range.upperBound...]), from: nil)
            }
        }
        let notices: [(String, String)] = [
            ("this group's icon", "group icon changed"), ("this group’s icon", "group icon changed"),
            ("the group icon", "group icon changed"), ("the group description", "group description changed"),
            ("this group's settings", "group settings changed"), ("this group’s settings", "group settings changed"),
            ("changed the settings", "group settings changed"), ("disappearing messages", "disappearing messages setting"),
            ("security code", "security code changed"), ("changed their phone number", "phone number changed"),
            ("changed to +", "phone number changed"), ("now an admin", "admin change"), ("no longer an admin", "admin change"),
            ("pinned a message", "pinned a message"), ("started a call", "call"), ("started a video call", "call"),
            ("Missed voice call", "call"), ("Missed video call", "call"), ("Missed group", "call"),
            ("message timer", "disappearing messages setting"), ("reset this group's invite link", "invite link reset"),
            ("turned on admin approval", "group settings changed"), ("turned off admin approval", "group settings changed"),
        ]
        for (needle, reason) in notices where text.contains(needle) { return .notice(reason) }
        if text.hasSuffix(".") { text.removeLast() }
        for marker in [" created group ", " created the group "] {
            if let range = text.range(of: marker) {
                return .created(by: String(text[..<range.lowerBound]), subject: unquote(text[range.upperBound...]))
            }
        }
        if text.hasSuffix(" created this group") {
            return .created(by: String(text.dropLast(" created this group".count)), subject: nil)
        }
        for suffix in [
            " joined using this group's invite link", " joined using this group’s invite link", " joined using an invite link",
            " joined via invite link", " joined using this community's invite link", " joined using this community’s invite link",
        ] where text.hasSuffix(suffix) {
            return .joinedByLink(String(text.dropLast(suffix.count)))
        }
        for suffix in [" joined from the community", " joined"] where text.hasSuffix(suffix) {
            return .joined(String(text.dropLast(suffix.count)))
        }
        if let range = text.range(of: " requested to join") {
            return .requested(String(text[..<range.lowerBound]))
        }
        if text.hasSuffix(" left") { return .left(String(text.dropLast(" left".count))) }
        if text == "You were added" || text.hasPrefix("You were added by ") { return .youWereAdded }
        if let range = text.range(of: " removed ") {
            return .removed(by: String(text[..<range.lowerBound]), members: names(text[range.upperBound...]))
        }
        if let range = text.range(of: " added ") {
            return .added(by: String(text[..<range.lowerBound]), members: names(text[range.upperBound...]))
        }
        return nil
    }

    /// "A, B and C" → [A, B, C].
    static func names(_ list: Substring) -> [String] {
        var parts = list.components(separatedBy: ", ")
        if let last = parts.popLast() {
            parts.append(contentsOf: last.components(separatedBy: " and "))
        }
        return parts.map { $0.trimmingChatWhitespace() }.filter { !$0.isEmpty }
    }

    static func unquote(_ text: Substring) -> String {
        var s = String(text).trimmingChatWhitespace()
        let quotes: Set<Character> = ["\"", "“", "”", "「", "」", "'"]
        if let first = s.first, quotes.contains(first) { s.removeFirst() }
        if let last = s.last, quotes.contains(last) { s.removeLast() }
        return s
    }
}
