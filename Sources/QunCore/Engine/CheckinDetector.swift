import Foundation

/// Decides whether a message is a check-in (签到). A greeting counts only when the message *is* the
/// greeting — "早安☀️" or "#签到 第12天" — not when it merely mentions one ("今天忘了打卡").
public struct CheckinDetector: Sendable, Hashable {
    public static let defaultKeywords = ["签到", "打卡", "早安", "早上好", "早", "good morning", "gm"]

    public let keywords: [String]

    public init(keywords: [String] = CheckinDetector.defaultKeywords) {
        // Longest first so "早上好" wins over "早".
        self.keywords = keywords.map { $0.lowercased() }.sorted { $0.count > $1.count }
    }

    public func isCheckin(_ text: String) -> Bool {
        let core = Self.letters(of: text)
        guard !core.isEmpty else { return false }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let isQuestion = trimmed.hasSuffix("?") || trimmed.hasSuffix("？") || trimmed.contains("吗")
        for keyword in keywords {
            let key = Self.letters(of: keyword)
            guard !key.isEmpty else { continue }
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
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil { out.append(contentsOf: String(scalar).lowercased().unicodeScalars) }
        }
        return String(out)
    }
}
