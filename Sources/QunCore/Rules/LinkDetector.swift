/// Finds links in chat text, with or without a scheme, including links glued to Chinese text:
/// in "看这个https://t.cn/A6xYz，赶紧" the link is "https://t.cn/A6xYz".
/// Numbers (39.9, 1.2.3) and file names (report.pdf) are not links: a bare domain needs a real TLD.
public enum LinkDetector {
    static let topLevelDomains: Set<String> = [
        "com", "cn", "net", "org", "io", "co", "me", "cc", "tv", "info", "biz", "xyz", "top", "vip", "shop", "site",
        "online", "club", "app", "dev", "ly", "gl", "to", "hk", "tw", "jp", "kr", "sg", "us", "uk", "de", "fr",
        "ru", "in", "edu", "gov", "link", "live", "store", "tech", "fun", "ink", "wang", "ltd", "pro", "red",
        "中国", "公司", "网络", "在线", "网址", "商城",
    ]

    public static func links(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        var i = 0
        while i < scalars.count {
            if let (link, end) = match(at: i, in: scalars) {
                found.append(link)
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    /// Letters allowed in an internationalised domain label: CJK and other letters, but not CJK punctuation.
    private static func isDomainLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" }
        let cat = s.properties.generalCategory
        return cat == .otherLetter || cat == .lowercaseLetter || cat == .uppercaseLetter
    }

    private static func match(at start: Int, in s: [Unicode.Scalar]) -> (String, Int)? {
        // Only start at a boundary: not in the middle of an ASCII word.
        if start > 0, s[start - 1].isASCII, isDomainLetter(s[start - 1]) || s[start - 1] == "." { return nil }
        let rest = String(String.UnicodeScalarView(s[start..<min(s.count, start + 8)])).lowercased()
        if rest.hasPrefix("http://") || rest.hasPrefix("https://") {
            let schemeEnd = start + (rest.hasPrefix("https://") ? 8 : 7)
            var end = schemeEnd
            while end < s.count, isASCIIURLChar(s[end]) { end += 1 }
            end = trimTrailingPunctuation(s, start: schemeEnd, end: end)
            guard end > schemeEnd else { return nil }
            return (String(String.UnicodeScalarView(s[start..<end])), end)
        }
        // Bare host: labels separated by dots, last label a known TLD, optional path.
        var end = start
        var labels: [String] = []
        var label = String.UnicodeScalarView()
        while end < s.count {
            let c = s[end]
            if isHostChar(c, labelSoFar: label) {
                label.append(c)
                end += 1
            } else if c == ".", !label.isEmpty, end + 1 < s.count, isHostChar(s[end + 1], labelSoFar: .init()) {
                labels.append(String(label))
                label = .init()
                end += 1
            } else {
                break
            }
        }
        if !label.isEmpty { labels.append(String(label)) }
        guard labels.count >= 2 else { return nil }
        // A CJK label glued in front of an ASCII domain ("看这个www.x.com") belongs to the sentence, not the host.
        if labels[0].unicodeScalars.contains(where: { !$0.isASCII }) && labels.dropFirst().allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCII) }) {
            return nil
        }
        let tld = labels.last!.lowercased()
        guard topLevelDomains.contains(tld) else { return nil }
        // "1.2.com" style all-digit labels are not hosts.
        if labels.dropLast().allSatisfy({ $0.allSatisfy(\.isNumber) }) { return nil }
        if end < s.count, s[end] == "/" || s[end] == ":" {
            while end < s.count, isASCIIURLChar(s[end]) { end += 1 }
            end = trimTrailingPunctuation(s, start: start, end: end)
        }
        return (String(String.UnicodeScalarView(s[start..<end])), end)
    }

    private static func isHostChar(_ c: Unicode.Scalar, labelSoFar: String.UnicodeScalarView) -> Bool {
        guard isDomainLetter(c) else { return false }
        // Don't let an ASCII host swallow trailing CJK ("x.com看看") or the reverse.
        if let first = labelSoFar.first { return first.isASCII == c.isASCII }
        return true
    }

    private static func isASCIIURLChar(_ c: Unicode.Scalar) -> Bool {
        guard c.isASCII, c.value > 0x20, c.value != 0x7F else { return false }
        return !"<>\"'`{}|\\^".unicodeScalars.contains(c)
    }

    private static func trimTrailingPunctuation(_ s: [Unicode.Scalar], start: Int, end: Int) -> Int {
        var e = end
        while e > start, ".,;:!?)]'\"".unicodeScalars.contains(s[e - 1]) { e -= 1 }
        return e
    }
}
