import Foundation

/// A message folded for matching, with a way back to the original text.
///
/// Spammers disguise words so that a plain keyword search misses them: full-width letters (ＶＸ),
/// zero-width characters (加\u{200B}微信), traditional characters (廣告), look-alike Cyrillic and Greek
/// letters (Сyrillic х in "vх"), combining marks (v̷x̷), keycap and circled digits (①③⑧). Folding
/// undoes all of that one scalar at a time, and every folded scalar remembers the range of the
/// original it came from, so a rule that matches the folded copy can report the span as the
/// admin sees it in the original message.
///
/// Two views are kept: `lower` (every scalar, for links, mentions and numbers) and `core` (only
/// letters, digits, Han and "+": what is left after squeezing out the spaces, punctuation, symbols and
/// emoji spammers wedge between characters, as in 加 V 信, 威-信, 加🌹微🌹信).
struct FoldedText {
    let original: String
    /// Folded and lowercased.
    private(set) var lower: [Unicode.Scalar] = []
    /// Folded with letter case kept: links are reported from this, because URL paths are case-sensitive.
    private(set) var cased: [Unicode.Scalar] = []
    /// For each folded scalar, the range of the original text it came from.
    private(set) var origins: [Range<String.Index>] = []
    /// The squeezed view: letters, digits, Han and "+", in order.
    private(set) var core: [Unicode.Scalar] = []
    /// For each core scalar, its index in `lower`.
    private(set) var coreToFolded: [Int] = []

    init(_ text: String) {
        original = text
        lower.reserveCapacity(text.utf8.count)
        cased.reserveCapacity(text.utf8.count)
        origins.reserveCapacity(text.utf8.count)
        var hasHan = false
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            let range = index..<next
            index = next
            let value = scalar.value
            if value >= 0x20 && value < 0x7F {
                append(scalar, Self.asciiLowercase(scalar), range)
                continue
            }
            switch value {
            case 0x09, 0x0A, 0x0D:
                append(scalar, scalar, range)
            case 0x0B, 0x0C, 0x85, 0x3000:
                append(" ", " ", range)
            case 0xFF01...0xFF5E:
                // Full-width ASCII (ｗｅｉｘｉｎ, ＶＸ, ．) is the commonest disguise: map it without NFKC.
                let ascii = Unicode.Scalar(value - 0xFEE0)!
                append(ascii, Self.asciiLowercase(ascii), range)
            case 0x3400...0x4DBF, 0x4E00...0x9FFF:
                hasHan = true
                append(scalar, scalar, range)
            default:
                if Self.isInvisible(scalar) { continue }
                let category = scalar.properties.generalCategory
                if category == .nonspacingMark || category == .enclosingMark {
                    // Combining marks (v̷, the keycap in 1️⃣) change nothing a keyword cares about; the
                    // span still covers them so a reported match never cuts a character in half.
                    if !origins.isEmpty { origins[origins.count - 1] = origins[origins.count - 1].lowerBound..<next }
                    continue
                }
                if let letter = Self.lookalike(scalar) {
                    append(letter, letter, range)
                } else if scalar.properties.isEmoji && !(0x2460...0x24FF).contains(value) {
                    // Emoji stay symbols: NFKC would turn 🈲 into 禁 and glue it into the words it decorates.
                    append(scalar, scalar, range)
                } else if scalar.properties.changesWhenNFKCCaseFolded {
                    for folded in String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars
                    where !Self.isInvisible(folded) && !Self.isCombiningMark(folded) {
                        let lowered = folded.properties.lowercaseMapping.unicodeScalars.first ?? folded
                        if Self.isHan(lowered) { hasHan = true }
                        append(folded, Self.lookalike(lowered) ?? lowered, range)
                    }
                } else {
                    append(scalar, scalar, range)
                }
            }
        }
        if hasHan {
            // Traditional → simplified, character by character (廣告 → 广告, 衛星 → 卫星).
            let table = ChineseScript.simplified
            for i in lower.indices where Self.isHan(lower[i]) {
                if let simple = table[lower[i].value] {
                    lower[i] = simple
                    cased[i] = simple
                }
            }
        }
        core.reserveCapacity(lower.count)
        coreToFolded.reserveCapacity(lower.count)
        for (i, scalar) in lower.enumerated() where Self.isCore(scalar) {
            core.append(scalar)
            coreToFolded.append(i)
        }
    }

    private mutating func append(_ cased: Unicode.Scalar, _ lower: Unicode.Scalar, _ range: Range<String.Index>) {
        self.cased.append(cased)
        self.lower.append(lower)
        origins.append(range)
    }

    var isEmpty: Bool { lower.isEmpty }

    // MARK: back to the original

    /// The original range covering folded scalars `first...last`.
    func originalRange(folded first: Int, through last: Int) -> Range<String.Index> {
        origins[first].lowerBound..<origins[last].upperBound
    }

    /// The original range covering core scalars `range` (half-open).
    func originalRange(core range: Range<Int>) -> Range<String.Index> {
        originalRange(folded: coreToFolded[range.lowerBound], through: coreToFolded[range.upperBound - 1])
    }

    /// The folded index of the first folded scalar at or after `index` in the original.
    func foldedIndex(atOrAfter index: String.Index) -> Int {
        var lo = 0
        var hi = origins.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if origins[mid].lowerBound < index { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The folded text (lowercase) as a String, for co-occurrence checks.
    var lowerString: String { String(String.UnicodeScalarView(lower)) }
    /// The squeezed text as a String.
    var coreString: String { String(String.UnicodeScalarView(core)) }

    // MARK: classification

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFD: return true
        default: return false
        }
    }

    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x41 && s.value <= 0x5A)
    }

    static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    static func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool { isASCIILetter(s) || isASCIIDigit(s) }

    /// Letters, digits and Han survive squeezing; so does "+", which spammers use for 加 (+V, +vx).
    static func isCore(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isASCIIAlphanumeric(s) || s == "+" }
        if isHan(s) { return true }
        switch s.properties.generalCategory {
        case .otherLetter, .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .decimalNumber,
            .letterNumber:
            return true
        default:
            return false
        }
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s.properties.isWhitespace
    }

    private static func asciiLowercase(_ s: Unicode.Scalar) -> Unicode.Scalar {
        s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(s.value + 0x20)! : s
    }

    private static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        let category = s.properties.generalCategory
        return category == .nonspacingMark || category == .enclosingMark
    }

    /// Zero-width characters, joiners, bidi controls, variation selectors, fillers and control
    /// characters other than whitespace: none changes what a reader sees.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x85: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x20..<0x7F: return false
        default: return s.properties.isDefaultIgnorableCodePoint
        }
    }

    /// Letters from other scripts that look like (or, for Cyrillic в, read as) Latin ones, plus the
    /// symbols spammers use for letters: ×/✕ for x, ➕ for +, regional-indicator and squared letters.
    static func lookalike(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s.value {
        case 0x1F1E6...0x1F1FF: return Unicode.Scalar(s.value - 0x1F1E6 + 0x61)  // 🇦…🇿
        case 0x1F130...0x1F149: return Unicode.Scalar(s.value - 0x1F130 + 0x61)  // 🄰…🅉
        case 0x1F150...0x1F169: return Unicode.Scalar(s.value - 0x1F150 + 0x61)  // 🅐…🅩
        case 0x1F170...0x1F189: return Unicode.Scalar(s.value - 0x1F170 + 0x61)  // 🅰…🆉
        default: return lookalikes[s.value]
        }
    }

    private static let lookalikes: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        // Cyrillic, both cases. в reads as "v" (it is the Cyrillic v), which is what "Вх" means in spam.
        let cyrillic: [(String, Unicode.Scalar)] = [
            ("аА", "a"), ("вВ", "v"), ("еЕёЁ", "e"), ("кК", "k"), ("мМ", "m"), ("нН", "h"), ("оО", "o"), ("рР", "p"),
            ("сС", "c"), ("тТ", "t"), ("уУүҮ", "y"), ("хХҳҲ", "x"), ("іІїЇ", "i"), ("јЈ", "j"), ("ѕЅ", "s"), ("ԛԚ", "q"),
            ("ԝԜ", "w"), ("ьЬ", "b"), ("һҺ", "h"), ("ӏӀ", "l"), ("пП", "n"), ("зЗ", "3"),
        ]
        let greek: [(String, Unicode.Scalar)] = [
            ("αΑ", "a"), ("βΒ", "b"), ("εΕ", "e"), ("ζΖ", "z"), ("ηΗ", "n"), ("ιΙ", "i"), ("κΚ", "k"),
            ("νΝ", "v"), ("οΟ", "o"), ("ρΡ", "p"), ("τΤ", "t"), ("υΥ", "u"), ("χΧ", "x"), ("ωΩ", "w"), ("ϲϹ", "c"),
            ("γ", "y"),
        ]
        let latin: [(String, Unicode.Scalar)] = [
            ("ıɪ", "i"), ("ɡ", "g"), ("ʋ", "v"), ("ｘ×✕✖╳ⅹ", "x"), ("ⅴ", "v"), ("➕﹢", "+"),
        ]
        for (letters, target) in cyrillic + greek + latin {
            for s in letters.unicodeScalars { table[s.value] = target }
        }
        return table
    }()
}

/// Traditional → simplified for single Han characters, built once from ICU's Hant-Hans transform.
///
/// Transforming every message with ICU costs several microseconds; the transform is a
/// one-to-one character mapping over the BMP Han blocks, so a table lookup gives the same result
/// and keeps each character's position (which the span mapping needs).
enum ChineseScript {
    static let simplified: [UInt32: Unicode.Scalar] = {
        var all = String.UnicodeScalarView()
        let blocks: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF]
        for block in blocks {
            for value in block { if let s = Unicode.Scalar(value) { all.append(s) } }
        }
        let source = String(all)
        guard let converted = source.applyingTransform(StringTransform("Hant-Hans"), reverse: false) else { return [:] }
        let from = Array(source.unicodeScalars)
        let to = Array(converted.unicodeScalars)
        var table: [UInt32: Unicode.Scalar] = [:]
        if from.count == to.count {
            for (a, b) in zip(from, to) where a != b { table[a.value] = b }
        } else {
            // Not one-to-one in this ICU build: fall back to converting characters one by one.
            for a in from {
                if let b = String(a).applyingTransform(StringTransform("Hant-Hans"), reverse: false)?.unicodeScalars,
                    b.count == 1, let only = b.first, only != a
                {
                    table[a.value] = only
                }
            }
        }
        return table
    }()
}
