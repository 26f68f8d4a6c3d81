import Foundation
import QunCore

/// Reads a WhatsApp chat export (`.txt`) in two passes over the file, line by line, so memory stays
/// bounded: the first pass votes on the date order and finds the group's name; the second turns each
/// message (a header line and its continuation lines) into an event.
///
/// Ids: exports carry none, so a message's external id is a hash of (group, header as written, sender,
/// text, occurrence index among identical messages under the same header). Re-importing the file — or
/// a later export of the same chat — gives the same ids; moving lines around does not change them.
final class WhatsAppImporter {
    static let source = ImportFormat.whatsapp.eventSource

    private let context: ImportContext
    private let url: URL
    /// The name the user knows the file by (the `.zip`'s, when the text came out of one).
    private let fileName: String
    private var order: DateOrder = .dmy
    private var localTime: LocalTime
    private var groupID = ""
    private var groupName = ""
    /// Names iOS attributes system lines to (the group's names).
    private var groupNames = Set<String>()
    /// How many messages with the same sender and text came before under the current header stamp.
    private var occurrences: (stamp: String, seen: [String: Int]) = ("", [:])

    init(context: ImportContext, url: URL, fileName: String) {
        self.context = context
        self.url = url
        self.fileName = fileName
        self.localTime = LocalTime(zone: context.options.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!)
    }

    private func open() throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ImportError.cannotOpen(path: context.path, reason: "cannot read \(url.lastPathComponent)")
        }
        return handle
    }

    func run() throws {
        try scan()
        try read()
        try context.flush()
    }

    // MARK: pass 1

    private func scan() throws {
        let handle = try open()
        defer { try? handle.close() }
        let reader = LineReader(handle: handle)
        var vote = WhatsAppDateVote()
        var systemAuthors: [String: Int] = [:]
        var lastSubject: String?
        var firstSubject: String?
        var nonHeaderLinesBeforeFirst = 0
        while let (_, text) = reader.nextText(acceptPartial: true) {
            guard let header = WhatsAppHeader.parse(text) else {
                if vote.headers == 0, !text.trimmingChatWhitespace().isEmpty { nonHeaderLinesBeforeFirst += 1 }
                if vote.headers == 0, nonHeaderLinesBeforeFirst >= 50 { break }
                continue
            }
            vote.add(header)
            // Most lines are `Name: text` without the U+200E that marks iOS system lines: nothing to learn here.
            if case let .split(_, textStart) = Self.authorSplitShape(header.body),
                header.body.unicodeScalars[textStart...].first?.value != 0x200E
            {
                continue
            }
            let body = String(header.body)
            var system: WhatsAppSystemLine?
            if let (author, rest) = Self.splitAuthor(body) {
                if rest.unicodeScalars.first?.value == 0x200E, let s = WhatsAppSystemLine.classify(rest) {
                    systemAuthors[WhatsAppText.cleanName(author), default: 0] += 1
                    system = s
                }
            } else {
                system = WhatsAppSystemLine.classify(body)
            }
            switch system {
            case let .subject(_, to, from):
                if firstSubject == nil { firstSubject = from ?? to }
                lastSubject = to
                groupNames.insert(to)
                if let from { groupNames.insert(from) }
            case let .created(_, subject?):
                if firstSubject == nil { firstSubject = subject }
                groupNames.insert(subject)
            default:
                break
            }
        }
        guard vote.headers > 0 else {
            throw ImportError.notFormat(
                path: context.path, format: .whatsapp,
                detail: "no line starts with a WhatsApp date and time such as \"16/03/2022, 15:20 - \" or \"[16/03/2022, 15:20:25] \"")
        }
        let decision = vote.decide(override: context.options.dateOrder)
        order = decision.order
        if let warning = decision.warning { context.warn(warning) }
        if context.options.timeZone == nil {
            context.warn("WhatsApp exports have no time zone; read the times as \(Group.defaultTimeZoneID) (pass --tz ZONE if that is wrong)")
        }
        let iosName = systemAuthors.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        if let iosName { groupNames.insert(iosName) }
        let fromFile = WhatsAppText.chatName(fromFileName: fileName)
        if let fromFile { groupNames.insert(fromFile) }
        let base = (fileName as NSString).deletingPathExtension
        groupName = fromFile ?? iosName ?? lastSubject ?? firstSubject ?? (base == "_chat" ? "WhatsApp chat" : base)
        groupID = context.options.groupID ?? "whatsapp:" + groupName
    }

    /// `Name: text` → (Name, text). A name has no quotes (a system line quoting a subject with a colon
    /// is not a message) and is not absurdly long.
    static func splitAuthor(_ body: String) -> (String, String)? {
        switch authorSplitShape(body[...]) {
        case .notMessage: return nil
        case let .split(authorEnd, textStart): return (String(body[..<authorEnd]), String(body[textStart...]))
        case .undecided: return splitAuthorAsFoundationDoes(body)
        }
    }

    /// Finds the colon-space the way Foundation's `range(of:)` does: a match whose space is followed by a
    /// combining mark does not count, and the search goes on.
    private static func splitAuthorAsFoundationDoes(_ body: String) -> (String, String)? {
        guard let colon = body.range(of: ": ") else { return nil }
        let author = body[..<colon.lowerBound]
        guard !author.isEmpty, author.count <= 100, !author.contains(where: { $0 == "\"" || $0 == "“" || $0 == "”" }) else {
            return nil
        }
        return (String(author), String(body[colon.upperBound...]))
    }

    enum AuthorSplitShape {
        /// `splitAuthor` returns nil.
        case notMessage
        /// `splitAuthor` returns the text before `authorEnd` and the text from `textStart`.
        case split(authorEnd: Substring.Index, textStart: Substring.Index)
        /// Only `splitAuthorAsFoundationDoes` can tell.
        case undecided
    }

    /// What `splitAuthor` makes of `body`, read from its UTF-8 without building strings or calling
    /// Foundation. It decides only where the byte-level reading provably agrees with Foundation's search
    /// and with Character counting; anything unusual is `.undecided`.
    static func authorSplitShape(_ body: Substring) -> AuthorSplitShape {
        body.utf8.withContiguousStorageIfAvailable { b -> AuthorSplitShape in
            // Neither ':' nor ' ' has another canonically equivalent form, so Foundation only matches
            // where the bytes are ": ".
            guard let colon = b.firstColonSpace() else { return .notMessage }
            let textStart = colon + 2
            guard b.startsCharacterFoundationDoesNotJoin(at: textStart) else { return .undecided }
            // A name never has more Characters than bytes; a quote Character needs the quote's bytes.
            guard colon > 0, colon <= 100, !UnsafeBufferPointer(rebasing: b[..<colon]).containsQuoteBytes else { return .undecided }
            let start = body.utf8.startIndex
            return .split(authorEnd: body.utf8.index(start, offsetBy: colon), textStart: body.utf8.index(start, offsetBy: textStart))
        } ?? .undecided
    }

    // MARK: pass 2

    private struct Pending {
        var header: WhatsAppHeader
        var line: Int
        /// The header line as written.
        var headerLine: String
        var continuation: [String]

        /// The message's lines as written.
        var raw: String { continuation.isEmpty ? headerLine : ([headerLine] + continuation).joined(separator: "\n") }
    }

    private func read() throws {
        let handle = try open()
        defer { try? handle.close() }
        let reader = LineReader(handle: handle)
        var pending: Pending?
        var orphanLines = 0
        while let (number, text) = reader.nextText(acceptPartial: true) {
            if let header = WhatsAppHeader.parse(text) {
                if let p = pending { try finish(p) }
                pending = Pending(header: header, line: number, headerLine: text, continuation: [])
            } else if pending != nil {
                pending!.continuation.append(text)
            } else if !text.trimmingChatWhitespace().isEmpty {
                orphanLines += 1
                if orphanLines == 1 {
                    context.problem("line \(number)", "text before the first message header (not a WhatsApp message line)")
                } else {
                    context.skip("invalid record")
                }
            }
        }
        if let p = pending { try finish(p) }
    }

    private func finish(_ p: Pending) throws {
        let ymd = WhatsAppDateVote.date(p.header, order)
        guard
            let date = localTime.date(
                year: ymd.year, month: ymd.month, day: ymd.day, hour: p.header.hour24, minute: p.header.minute,
                second: p.header.second)
        else {
            context.problem(
                "line \(p.line)", "date \"\(p.header.stamp)\" is not a valid date read as \(p.header.yearFirst ? "year/month/day" : order.rawValue)")
            return
        }
        let raw = p.raw
        let firstLine = String(p.header.body)
        var continuation = p.continuation
        while let last = continuation.last, last.trimmingChatWhitespace().isEmpty { continuation.removeLast() }
        func whole(_ first: String) -> String { continuation.isEmpty ? first : ([first] + continuation).joined(separator: "\n") }

        if let (author, rest) = Self.splitAuthor(firstLine) {
            let name = WhatsAppText.cleanName(author)
            let text = whole(rest)
            if continuation.isEmpty, rest.unicodeScalars.first?.value == 0x200E || groupNames.contains(name),
                let system = WhatsAppSystemLine.classify(rest)
            {
                try emitSystem(system, p, date: date, raw: raw, text: text)
                return
            }
            try emitMessage(author: name, text: text, p, date: date, raw: raw)
            return
        }
        if continuation.isEmpty, let system = WhatsAppSystemLine.classify(firstLine) {
            try emitSystem(system, p, date: date, raw: raw, text: firstLine)
            return
        }
        // "Name:text" without the space after the colon.
        if let colon = firstLine.firstIndex(of: ":"), colon > firstLine.startIndex {
            let author = firstLine[..<colon]
            if author.count <= 100, !author.contains(where: { $0 == "\"" || $0 == "“" || $0 == "”" }) {
                try emitMessage(
                    author: WhatsAppText.cleanName(String(author)), text: whole(String(firstLine[firstLine.index(after: colon)...])), p,
                    date: date, raw: raw)
                return
            }
        }
        context.skip("WhatsApp system line not recognised")
    }

    private func externalID(_ p: Pending, _ who: String, _ text: String) -> String {
        // Stamps are ASCII and CJK meridiems, so equal strings are equal bytes; most messages share
        // their predecessor's stamp, whose string is reused.
        if !p.header.hasStamp(occurrences.stamp) {
            occurrences.stamp = p.header.stamp
            occurrences.seen.removeAll(keepingCapacity: true)
        }
        let n = Self.countingUp(&occurrences.seen[who + "\u{1F}" + text, default: 0])
        return "wa:" + StableHash.hex([groupID, occurrences.stamp, who, text, String(n)])
    }

    /// The count before this one, counting this one: one dictionary lookup instead of a read and a write.
    private static func countingUp(_ count: inout Int) -> Int {
        defer { count += 1 }
        return count
    }

    private func event(_ id: String, _ kind: EventKind, name: String, date: Date, raw: String) -> Event {
        Event(
            source: Self.source, externalID: id, groupID: groupID, timestamp: date, kind: kind,
            memberID: WhatsAppText.memberID(name), groupName: groupName, groupPlatform: .whatsapp,
            groupTimeZoneID: context.options.timeZone?.identifier, memberName: WhatsAppText.displayName(name), raw: raw)
    }

    private func emitMessage(author: String, text: String, _ p: Pending, date: Date, raw: String) throws {
        var e = event(externalID(p, author, text), .message, name: author, date: date, raw: raw)
        e.text = WhatsAppText.messageText(text)
        try context.emit(e)
    }

    private func emitSystem(_ system: WhatsAppSystemLine, _ p: Pending, date: Date, raw: String, text: String) throws {
        let id = externalID(p, "\u{0}system", text)
        var out: [Event] = []
        func person(_ name: String) -> String { WhatsAppText.cleanName(name) }
        switch system {
        case let .created(by, _):
            var e = event(id, .join, name: person(by), date: date, raw: raw)
            e.memberRole = .owner
            out.append(e)
        case let .added(by, members):
            let adder = person(by)
            for member in members {
                var e = event(id, .join, name: person(member), date: date, raw: raw)
                e.via = .added
                e.actorID = WhatsAppText.memberID(adder)
                out.append(e)
            }
        case .youWereAdded:
            var e = event(id, .join, name: "You", date: date, raw: raw)
            e.via = .added
            out.append(e)
        case let .joinedByLink(who):
            var e = event(id, .join, name: person(who), date: date, raw: raw)
            e.via = .inviteLink
            out.append(e)
        case let .joined(who):
            out.append(event(id, .join, name: person(who), date: date, raw: raw))
        case let .requested(who):
            var e = event(id, .joinRequest, name: person(who), date: date, raw: raw)
            e.via = .request
            out.append(e)
        case let .left(who):
            out.append(event(id, .leave, name: person(who), date: date, raw: raw))
        case let .removed(by, members):
            let remover = person(by)
            for member in members {
                let name = person(member)
                if WhatsAppText.memberID(name) == WhatsAppText.memberID(remover) {
                    out.append(event(id, .leave, name: name, date: date, raw: raw))
                } else {
                    var e = event(id, .remove, name: name, date: date, raw: raw)
                    e.actorID = WhatsAppText.memberID(remover)
                    out.append(e)
                }
            }
        case .subject:
            context.skip("group subject changed")
        case let .notice(reason):
            context.skip(reason)
        }
        if out.count > 1 {
            for k in out.indices { out[k].externalID += "#\(k)" }
        }
        try context.emit(out)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first ": ".
    fileprivate func firstColonSpace() -> Int? {
        guard count >= 2 else { return nil }
        var i = 0
        while i < count - 1 {
            if self[i] == 0x3A, self[i + 1] == 0x20 { return i }
            i += 1
        }
        return nil
    }

    /// Whether the scalar at `i` (or the end) is one Foundation's non-literal search never treats as part
    /// of the character before it, from ranges checked against Foundation: ASCII, Latin letters, general
    /// punctuation and symbols, CJK and kana, Hangul syllables, full-width forms, emoji other than skin
    /// tones, and U+200E. Combining marks, variation selectors and the rest are not.
    fileprivate func startsCharacterFoundationDoesNotJoin(at i: Int) -> Bool {
        guard i < count else { return true }
        let lead = self[i]
        let scalar: UInt32
        switch lead {
        case 0..<0x80: return true
        case 0xC0..<0xE0 where i + 1 < count: scalar = UInt32(lead & 0x1F) << 6 | UInt32(self[i + 1] & 0x3F)
        case 0xE0..<0xF0 where i + 2 < count:
            scalar = UInt32(lead & 0x0F) << 12 | UInt32(self[i + 1] & 0x3F) << 6 | UInt32(self[i + 2] & 0x3F)
        case 0xF0..<0xF8 where i + 3 < count:
            scalar = UInt32(lead & 0x07) << 18 | UInt32(self[i + 1] & 0x3F) << 12 | UInt32(self[i + 2] & 0x3F) << 6 | UInt32(self[i + 3] & 0x3F)
        default: return false
        }
        switch scalar {
        case 0xA0...0x2FF, 0x200E, 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x2BFF, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x9FFF,
            0xAC00...0xD7A3, 0xFF01...0xFF9D, 0x1F000...0x1F3FA, 0x1F400...0x1FAFF, 0x20000...0x2FFFF:
            return true
        default: return false
        }
    }

    /// Whether any of ", “ or ” is in the bytes.
    fileprivate var containsQuoteBytes: Bool {
        var i = 0
        while i < count {
            switch self[i] {
            case 0x22: return true
            case 0xE2 where i + 2 < count && self[i + 1] == 0x80 && (self[i + 2] == 0x9C || self[i + 2] == 0x9D): return true
            default: i += 1
            }
        }
        return false
    }
}
