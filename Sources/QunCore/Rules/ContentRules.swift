/// The ingest-time content screen: finds links and contact solicitation (加微信, VX, 刷单…) through
/// common evasions (full-width letters, spaces and symbols between characters, zero-width characters,
/// traditional characters). It works on a normalised copy; the original stays for display.
public struct ContentRules: Sendable {
    public var allowedDomains: Set<String>
    public var checksLinks: Bool
    public var checksAds: Bool

    public init(allowedDomains: Set<String> = [], checksLinks: Bool = true, checksAds: Bool = true) {
        self.allowedDomains = allowedDomains
        self.checksLinks = checksLinks
        self.checksAds = checksAds
    }

    /// Solicitation patterns on the squeezed text (separators removed), with the reason shown to admins.
    static let adPatterns: [(pattern: String, reason: String, severity: Int)] = [
        ("加微信", "asks to add a WeChat contact", 4), ("加v", "asks to add a WeChat contact (加V)", 4),
        ("加威", "asks to add a WeChat contact (威信)", 4), ("加薇", "asks to add a WeChat contact (薇信)", 4),
        ("薇信", "homophone of 微信 used to dodge filters", 4), ("威信", "homophone of 微信 used to dodge filters", 4),
        ("徽信", "homophone of 微信 used to dodge filters", 4), ("vx", "VX: WeChat contact solicitation", 4),
        ("weixin", "WeChat contact solicitation", 4), ("wx号", "WeChat id offered", 4), ("加wx", "asks to add WeChat (wx)", 4),
        ("扣扣", "QQ contact solicitation", 4), ("企鹅号", "QQ contact solicitation", 4), ("加qq", "asks to add a QQ contact", 4),
        ("qq号", "QQ number offered", 4), ("兼职", "part-time job spam (兼职)", 3), ("刷单", "order-brushing spam (刷单)", 5),
        ("日结", "daily-pay job spam (日结)", 3), ("招代理", "agent recruitment spam (招代理)", 4), ("躺赚", "easy-money spam (躺赚)", 4),
        ("私聊领取", "lures to a private chat", 3), ("免费领取", "giveaway bait", 2),
    ]

    /// Ordinary chat that mentions a pattern's words without soliciting.
    static let benignContexts = ["微信支付", "微信群", "微信红包", "不要发广告", "禁止发广告", "别发广告", "请勿加", "不要加微信", "不要私加"]

    public func screen(_ text: String) -> [RuleHit] {
        var hits: [RuleHit] = []
        if checksLinks {
            for link in LinkDetector.links(in: text) where !isAllowed(link) {
                hits.append(RuleHit(rule: "link", match: link, reason: "link to \(host(of: link))", severity: 3))
            }
        }
        if checksAds, let ad = adHit(in: text) { hits.append(ad) }
        return hits
    }

    func adHit(in text: String) -> RuleHit? {
        let normalized = MatchNormalizer.normalize(text)
        var squeezed = ContentRules.squeeze(normalized)
        for benign in ContentRules.benignContexts { squeezed = squeezed.replacingOccurrences(of: benign, with: "　") }
        var best: RuleHit?
        for entry in ContentRules.adPatterns where squeezed.contains(entry.pattern) {
            // "vx" and similar short Latin patterns must stand alone, not inside an English word.
            if entry.pattern.allSatisfy(\.isASCII), !ContentRules.standsAlone(entry.pattern, in: normalized) { continue }
            // The most severe pattern names the case: "刷单返利，扣扣 123456" is order brushing first.
            if best == nil || entry.severity > best!.severity {
                best = RuleHit(rule: "ad", match: entry.pattern, reason: entry.reason, severity: entry.severity)
            }
        }
        if let best { return best }
        if let phone = ContentRules.mobileNumber(in: normalized) {
            return RuleHit(rule: "ad", match: phone, reason: "phone number offered for contact", severity: 3)
        }
        return nil
    }

    /// Removes what spammers wedge between characters: spaces, punctuation, symbols and emoji.
    static func squeeze(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { s in
            let p = s.properties
            return p.isAlphabetic || p.numericType != nil
        }))
    }

    static func standsAlone(_ pattern: String, in normalized: String) -> Bool {
        // Collapse separators between Latin letters only when they are single symbols ("v x", "v-x").
        let letters = Array(normalized.unicodeScalars)
        var compact = String.UnicodeScalarView()
        for (i, s) in letters.enumerated() {
            let isSeparator = !s.properties.isAlphabetic && s.properties.numericType == nil
            if isSeparator, i > 0, i + 1 < letters.count, letters[i - 1].isASCII, letters[i + 1].isASCII,
                letters[i - 1].properties.isAlphabetic, letters[i + 1].properties.isAlphabetic, s == " " || s == "-" || s == "." || s == "*" || s == "_"
            {
                // keep "v x" together only if both sides are single letters
                let leftSingle = i < 2 || !letters[i - 2].properties.isAlphabetic || !letters[i - 2].isASCII
                let rightSingle = i + 2 >= letters.count || !letters[i + 2].properties.isAlphabetic || !letters[i + 2].isASCII
                if leftSingle && rightSingle { continue }
            }
            compact.append(s)
        }
        let chars = Array(String(compact).unicodeScalars)
        let p = Array(pattern.unicodeScalars)
        guard p.count <= chars.count else { return false }
        for start in 0...(chars.count - p.count) where Array(chars[start..<(start + p.count)]) == p {
            let before = start == 0 ? nil : chars[start - 1]
            let after = start + p.count < chars.count ? chars[start + p.count] : nil
            let isLatin: (Unicode.Scalar?) -> Bool = { $0.map { $0.isASCII && $0.properties.isAlphabetic } ?? false }
            if !isLatin(before) && !isLatin(after) { return true }
        }
        return false
    }

    /// A mainland mobile number (1[3-9] + 9 digits), possibly split by spaces or dashes.
    static func mobileNumber(in normalized: String) -> String? {
        var run: [Character] = []
        func check() -> String? {
            guard run.count >= 11 else { return nil }
            for i in 0...(run.count - 11) where run[i] == "1" && "3456789".contains(run[i + 1]) && run.count - i == 11 {
                return String(run[i..<(i + 11)])
            }
            return nil
        }
        for ch in normalized {
            if ch.isASCII, ch.isNumber { run.append(ch) }
            else if ch == " " || ch == "-" { continue }
            else {
                if let hit = check() { return hit }
                run = []
            }
        }
        return check()
    }

    func isAllowed(_ link: String) -> Bool {
        let h = host(of: link)
        return allowedDomains.contains { h == $0 || h.hasSuffix("." + $0) }
    }

    func host(of link: String) -> String {
        var rest = Substring(link.lowercased())
        if let range = rest.range(of: "://") { rest = rest[range.upperBound...] }
        return String(rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" })
    }
}
