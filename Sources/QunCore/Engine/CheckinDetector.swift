import Foundation

/// Decides whether a message is a check-in (签到). A greeting counts only when the message *is* the
/// greeting — "早安☀️" or "#签到 第12天" — not when it merely mentions one ("今天忘了打卡").
public struct CheckinDetector: Sendable, Hashable {
    public static let defaultKeywords = ["签到", "打卡", "早安", "早上好", "早", "good morning", "gm"]

    public let keywords: [String]
    /// Each keyword's letters, computed once: detection runs on every ingested message.
    private let keys: [(keyword: String, letters: String)]
    /// Every keyword starts with one of these; a message starting with none of them is not a check-in.
    private let firstLetters: Set<Character>

    public init(keywords: [String] = CheckinDetector.defaultKeywords) {
        // Longest first so "早上好" wins over "早".
        self.keywords = keywords.map { $0.lowercased() }.sorted { $0.count > $1.count }
        self.keys = self.keywords.map { ($0, Self.letters(of: $0)) }.filter { !$0.letters.isEmpty }
        self.firstLetters = Set(keys.compactMap(\.letters.first))
    }

    public static func == (a: CheckinDetector, b: CheckinDetector) -> Bool { a.keywords == b.keywords }
    public func hash(into hasher: inout Hasher) { hasher.combine(keywords) }

    public func isCheckin(_ text: String) -> Bool {
        let core = Self.letters(of: text)
        guard let first = core.first, firstLetters.contains(first) else { return false }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let isQuestion = trimmed.hasSuffix("?") || trimmed.hasSuffix("？") || trimmed.contains("吗")
        for (keyword, key) in keys {
            if core == key { return true }
            // Single-character keywords (早) only count alone; longer ones may lead a message —
            // "打卡第30天", "早安各位🌸", "#签到 day 12" — but not a sentence about them ("签到活动什么时候开始？").
            guard key.count > 1, core.hasPrefix(key), !isQuestion else { continue }
            let rest = core.dropFirst(key.count)
            if rest.count <= 4 || rest.first == "第" || rest.first?.isNumber == true { return true }
            if Self.isSeparated(keyword: keyword, in: text) { return true }
        }
        return false
    }

    /// True when, in the original text, the keyword is followed by something that is not a letter
    /// (a space, punctuation or emoji): the greeting stands as its own phrase.
    static func isSeparated(keyword: String, in text: String) -> Bool {
        let lowered = text.lowercased()
        guard let range = lowered.range(of: keyword) else { return false }
        guard let next = lowered[range.upperBound...].unicodeScalars.first else { return true }
        return !(next.properties.isAlphabetic || next.properties.numericType != nil)
    }

    /// Lowercased letters and digits only: emoji, punctuation, spaces and symbols dropped.
    static func letters(of text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                // The common case without Unicode property lookups.
                switch scalar.value {
                case 0x41...0x5A: out.append(Unicode.Scalar(scalar.value + 0x20)!)
                case 0x61...0x7A, 0x30...0x39: out.append(scalar)
                default: break
                }
                continue
            }
            let p = scalar.properties
            guard p.isAlphabetic || p.numericType != nil else { continue }
            if p.changesWhenLowercased { out.append(contentsOf: p.lowercaseMapping.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}
