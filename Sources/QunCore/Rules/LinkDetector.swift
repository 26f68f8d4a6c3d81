/// A link found in a message.
public struct DetectedLink: Sendable, Hashable {
    /// The link as the message shows it ("ｗｗｗ．ｘ．ｃｏｍ", "www点x点com").
    public var original: String
    /// What it points to, folded: "www.x.com". Scheme and host are lowercase; the path keeps its case.
    public var normalized: String
    /// The lowercase host ("t.cn", "www.x.com", "例子.中国"), for allow-lists.
    public var host: String
    /// Where `original` is in the message.
    public var range: Range<String.Index>
}

/// Finds links in chat text: with or without a scheme, glued to Chinese text and punctuation
/// ("看这个https://t.cn/A6xYz，赶紧" → "https://t.cn/A6xYz"), internationalised ("例子.中国"),
/// full-width ("ｗｗｗ．ｘ．ｃｏｍ"), and with the dot spelled out ("x点com", "x(dot)com", "x。com").
///
/// A bare host needs a real top-level domain, so numbers (39.9, 7.30, 1.2.3) and file names
/// (report.pdf, 文件.docx) are not links. Where a TLD is also a file extension (readme.md), an
/// everyday word ("ok.so", "home.in") or a title ("Mr.Li"), the host counts only with a scheme,
/// "www." or a path.
public enum LinkDetector {
    /// The links in `text`, folded ("www.x.com" for "ｗｗｗ．ｘ．ｃｏｍ").
    public static func links(in text: String) -> [String] {
        detect(in: text).map(\.normalized)
    }

    public static func detect(in text: String) -> [DetectedLink] {
        detect(in: FoldedText(text))
    }

    static func detect(in folded: FoldedText) -> [DetectedLink] {
        var found: [DetectedLink] = []
        if mayContainLink(folded) {
            let elements = scanElements(folded)
            var position = 0
            while position < elements.count {
                if let (link, end) = link(at: position, in: elements, folded: folded) {
                    found.append(link)
                    position = end
                } else {
                    position += 1
                }
            }
        }
        return found + SpacedLinkDetector.detect(in: folded, besides: found)
    }

    // MARK: scanning

    /// A folded scalar, or several folded scalars that together stand for a dot ("(dot)", " . ").
    private struct Element {
        var lower: Unicode.Scalar
        var cased: Unicode.Scalar
        var first: Int
        var last: Int
        var isSpacedDot = false
    }

    private static let dotWords: [[Unicode.Scalar]] = [
        "(.)", "[.]", "{.}", "(点)", "[点]", "{点}", "(dot)", "[dot]", "{dot}", "【.】", "【点】", "【dot】", " dot ", " 点 ", "(。)",
    ].map { Array($0.unicodeScalars) }
    private static let dotCharacters: Set<Unicode.Scalar> = ["。", "点", "丶", "·", "•", "∙", "﹒"]

    /// Cheap pre-check: no dot of any kind, no link.
    private static func mayContainLink(_ folded: FoldedText) -> Bool {
        for (i, s) in folded.lower.enumerated() {
            if s == "." || dotCharacters.contains(s) { return true }
            if s == "d", i + 2 < folded.lower.count, folded.lower[i + 1] == "o", folded.lower[i + 2] == "t" { return true }
        }
        return false
    }

    private static func scanElements(_ folded: FoldedText) -> [Element] {
        let lower = folded.lower
        var elements: [Element] = []
        elements.reserveCapacity(lower.count)
        var i = 0
        while i < lower.count {
            if let (length, spaced) = dotSpelledOut(at: i, in: lower) {
                elements.append(Element(lower: ".", cased: ".", first: i, last: i + length - 1, isSpacedDot: spaced))
                i += length
            } else {
                elements.append(Element(lower: lower[i], cased: folded.cased[i], first: i, last: i))
                i += 1
            }
        }
        return elements
    }

    /// A dot written some other way, between two ASCII letters or digits: "x点com", "x(dot)com", "x 。com"…
    private static func dotSpelledOut(at i: Int, in s: [Unicode.Scalar]) -> (length: Int, spaced: Bool)? {
        guard i > 0, FoldedText.isASCIIAlphanumeric(s[i - 1]) else { return nil }
        func followedByHost(_ length: Int) -> Bool { i + length < s.count && FoldedText.isASCIIAlphanumeric(s[i + length]) }
        if dotCharacters.contains(s[i]), followedByHost(1) { return (1, false) }
        if s[i] == " " || s[i] == "." {
            // " . ", ". ", " ." — spaces around a real dot.
            for spelled in [[" ", ".", " "], [".", " "], [" ", "."]] as [[Unicode.Scalar]]
            where matches(spelled, at: i, in: s) && followedByHost(spelled.count) {
                return (spelled.count, true)
            }
        }
        for word in dotWords where matches(word, at: i, in: s) && followedByHost(word.count) {
            return (word.count, false)
        }
        return nil
    }

    private static func matches(_ word: [Unicode.Scalar], at i: Int, in s: [Unicode.Scalar]) -> Bool {
        guard i + word.count <= s.count else { return false }
        for k in word.indices where s[i + k] != word[k] { return false }
        return true
    }

    // MARK: one link

    private static func link(at start: Int, in e: [Element], folded: FoldedText) -> (DetectedLink, Int)? {
        let first = e[start].lower
        if start > 0 {
            let previous = e[start - 1].lower
            // Not in the middle of a word, a host, an e-mail address or a path.
            if FoldedText.isASCIIAlphanumeric(previous) || "._-@/%&=#".unicodeScalars.contains(previous) { return nil }
            // An internationalised host starts where its run of Han or other letters starts.
            if !first.isASCII, isHostLetter(previous), !previous.isASCII { return nil }
        }
        guard isHostLetter(first) else { return nil }
        var q = start
        var hasScheme = false
        for scheme in ["https://", "http://"] where matches(scheme, at: q, in: e) {
            q += scheme.unicodeScalars.count
            hasScheme = true
            break
        }
        // Host: labels separated by dots; a label is all ASCII or all non-ASCII letters.
        var labels: [Range<Int>] = []
        var labelStart = q
        var labelIsASCII: Bool?
        var usedSpacedDot = false
        while q < e.count {
            let c = e[q].lower
            if isHostLetter(c) && !(c == "-" && q == labelStart) {
                if let ascii = labelIsASCII, ascii != c.isASCII { break }
                labelIsASCII = c.isASCII
                q += 1
            } else if c == ".", q > labelStart, e[q - 1].lower != "-", q + 1 < e.count, isHostLetter(e[q + 1].lower),
                e[q + 1].lower != "-"
            {
                labels.append(labelStart..<q)
                usedSpacedDot = usedSpacedDot || e[q].isSpacedDot
                q += 1
                labelStart = q
                labelIsASCII = nil
            } else {
                break
            }
        }
        if q > labelStart { labels.append(labelStart..<q) }
        guard !labels.isEmpty, labels.count >= 2 || hasScheme else { return nil }
        var end = q
        // Port.
        if end + 1 < e.count, e[end].lower == ":", FoldedText.isASCIIDigit(e[end + 1].lower) {
            end += 1
            while end < e.count, FoldedText.isASCIIDigit(e[end].lower) { end += 1 }
        }
        // Path, query, fragment: ASCII only, so a link glued to Chinese text ends where the Chinese starts.
        var hasPath = false
        if end < e.count, "/?#".unicodeScalars.contains(e[end].lower) {
            hasPath = true
            while end < e.count, isURLCharacter(e[end], folded: folded) { end += 1 }
            while end > q + 1, ".,;:!?)]}'\"*~".unicodeScalars.contains(e[end - 1].lower) { end -= 1 }
        }
        let labelTexts = labels.map { range in String(String.UnicodeScalarView(e[range].map(\.lower))) }
        guard accepts(labels: labelTexts, casedTLD: String(String.UnicodeScalarView(e[labels.last!].map(\.cased))),
            hasScheme: hasScheme, hasPath: hasPath, usedSpacedDot: usedSpacedDot)
        else { return nil }

        let hostEnd = labels.last!.upperBound
        var normalized = String.UnicodeScalarView()
        for k in start..<end { normalized.append(k < hostEnd ? e[k].lower : e[k].cased) }
        let range = folded.originalRange(folded: e[start].first, through: e[end - 1].last)
        let link = DetectedLink(
            original: String(folded.original[range]), normalized: String(normalized), host: labelTexts.joined(separator: "."),
            range: range)
        return (link, end)
    }

    private static func accepts(labels: [String], casedTLD: String, hasScheme: Bool, hasPath: Bool, usedSpacedDot: Bool) -> Bool {
        if hasScheme { return true }
        let tld = labels.last!
        guard TopLevelDomains.isKnown(tld) else { return false }
        let tldIsASCII = tld.unicodeScalars.allSatisfy(\.isASCII)
        // "百度.com" is a sentence fragment before an ASCII domain far more often than an IDN.
        if tldIsASCII, labels.contains(where: { !$0.unicodeScalars.allSatisfy(\.isASCII) }) { return false }
        let hasWWW = labels[0] == "www"
        if !(hasWWW || hasPath) {
            if TopLevelDomains.chineseEverydayWords.contains(tld) || TopLevelDomains.fileExtensions.contains(tld) { return false }
            if labels.count == 2 {
                if TopLevelDomains.everydayWords.contains(tld) || TopLevelDomains.honorifics.contains(labels[0]) { return false }
                // "done.It works": a capitalised word after a missing space is a new sentence.
                if tldIsASCII, isTitleCase(casedTLD) { return false }
            }
        }
        for (k, label) in labels.enumerated() where label.unicodeScalars.allSatisfy(FoldedText.isASCIIDigit) {
            // 163.com, 58.com, www.12306.cn are sites; 0.5ml, 2.5kg are not.
            let isSiteNumber = (k == 0 && label.unicodeScalars.count >= 2 && TopLevelDomains.numericNameTLDs.contains(tld))
                || (k > 0 && hasWWW)
            if !isSiteNumber { return false }
        }
        if usedSpacedDot && !(hasWWW || labels.count >= 3) { return false }
        return true
    }

    private static func matches(_ word: String, at i: Int, in e: [Element]) -> Bool {
        var k = i
        for s in word.unicodeScalars {
            guard k < e.count, e[k].lower == s else { return false }
            k += 1
        }
        return true
    }

    private static func isHostLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return FoldedText.isASCIIAlphanumeric(s) || s == "-" }
        if FoldedText.isHan(s) { return true }
        switch s.properties.generalCategory {
        case .otherLetter, .lowercaseLetter, .uppercaseLetter: return true
        default: return false
        }
    }

    private static func isURLCharacter(_ element: Element, folded: FoldedText) -> Bool {
        let c = element.cased
        guard c.isASCII, c.value > 0x20, c.value != 0x7F, !"<>\"'`{}|\\^".unicodeScalars.contains(c) else { return false }
        guard element.first == element.last else { return false }
        // Full-width punctuation (，。！) ends a link even though it folds to ASCII; full-width letters,
        // digits and ／ belong to a disguised link.
        let original = folded.original.unicodeScalars[folded.origins[element.first].lowerBound].value
        if original >= 0xFF01 && original <= 0xFF5E {
            let ascii = original - 0xFEE0
            let isLetterOrDigit = (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii)
            return isLetterOrDigit || ascii == 0x2F || ascii == 0x2E || ascii == 0x5F || ascii == 0x2D
        }
        return true
    }

    private static func isTitleCase(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 2, ("A"..."Z").contains(scalars[0]) else { return false }
        return scalars.dropFirst().allSatisfy { ("a"..."z").contains($0) }
    }
}
