/// Links spelled one character at a time with a space or separator after every character, so that no
/// word of the message looks like a link: `w w w . x x 8 8 . c o m`, `h t t p : / / b e t 3 6 5 . v i p`,
/// `w-w-w-x-y-z-9-9-c-c`. The characters are joined back together and the result must be a link
/// `LinkDetector` accepts (a real TLD, a scheme or `www.`), or `www` + name + a TLD with the dots left out.
///
/// Ordinary text rarely has six single characters in a row; when it does (an acronym spelled out, "A B C"),
/// the joined text is no link.
enum SpacedLinkDetector {
    /// Fewer single characters than "x.cn" plus a separator cannot be a spaced-out link.
    static let minimumCharacters = 6

    static func detect(in folded: FoldedText, besides found: [DetectedLink]) -> [DetectedLink] {
        let s = folded.lower
        var links: [DetectedLink] = []
        var i = 0
        while i < s.count {
            guard isLinkCharacter(s[i]), i == 0 || !isLinkCharacter(s[i - 1]), i + 1 >= s.count || !isLinkCharacter(s[i + 1]) else {
                i += 1
                continue
            }
            // Collect single characters, each followed by 1–3 separators and then another single character.
            var positions = [i]
            var j = i + 1
            while true {
                var gap = 0
                while j + gap < s.count, isSeparator(s[j + gap]), gap < 3 { gap += 1 }
                let next = j + gap
                guard gap > 0, next < s.count, isLinkCharacter(s[next]), next + 1 >= s.count || !isLinkCharacter(s[next + 1]) else {
                    break
                }
                positions.append(next)
                j = next + 1
            }
            defer { i = max(i + 1, positions.last! + 1) }
            guard positions.count >= minimumCharacters else { continue }
            let joined = String(String.UnicodeScalarView(positions.map { s[$0] }))
            guard let link = linkIn(joined) else { continue }
            let range = folded.originalRange(folded: positions.first!, through: positions.last!)
            if found.contains(where: { $0.range.overlaps(range) }) { continue }
            links.append(DetectedLink(original: String(folded.original[range]), normalized: link.normalized, host: link.host, range: range))
        }
        return links
    }

    private static func linkIn(_ joined: String) -> (normalized: String, host: String)? {
        if let link = LinkDetector.detect(in: joined).first { return (link.normalized, link.host) }
        // www + name + TLD with every dot left out: wwwxyz99cc → www.xyz99.cc.
        guard joined.hasPrefix("www"), !joined.contains(".") else { return nil }
        let rest = joined.dropFirst(3)
        for length in [2, 3, 4] where rest.count > length + 1 {
            let tld = String(rest.suffix(length))
            guard tld.allSatisfy(\.isLetter), TopLevelDomains.isKnown(tld) else { continue }
            let host = "www.\(rest.dropLast(length)).\(tld)"
            return (host, host)
        }
        return nil
    }

    private static func isLinkCharacter(_ s: Unicode.Scalar) -> Bool {
        FoldedText.isASCIIAlphanumeric(s) || s == "." || s == ":" || s == "/"
    }

    private static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "-" || s == "_" || s == "|" || s == "*" || s == "·" || s == "," || s == "~" || s == "、"
    }
}
