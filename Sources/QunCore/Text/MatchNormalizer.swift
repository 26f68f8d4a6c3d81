import Foundation

/// Folds the disguises spammers use ("ＶＸ", "加\u{200B}微信", "廣告") so that rules and search
/// compare like with like. The output is for matching only and must never be displayed.
public enum MatchNormalizer: Sendable {
    /// A copy for matching: invisible characters removed, NFKC (which also maps full-width
    /// ASCII to half-width and circled/compatibility forms to plain ones), traditional Chinese
    /// converted to simplified, then lowercased.
    public static func normalize(_ s: String) -> String {
        if isPlainASCII(s) {
            return s.lowercased()
        }
        // Invisible characters go first so they cannot block NFKC composition
        // ("e", U+200B, U+0301 must end up as "é").
        var text = removingInvisibles(s).precomposedStringWithCompatibilityMapping
        if containsHanIdeograph(text) {
            // Converting after NFKC lets CJK compatibility ideographs reach their unified form first.
            text = text.applyingTransform(traditionalToSimplified, reverse: false) ?? text
        }
        return text.lowercased()
    }

    private static let traditionalToSimplified = StringTransform("Hant-Hans")

    /// Printable ASCII needs no Unicode work beyond lowercasing.
    private static func isPlainASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Drops default-ignorable code points (zero-width space/joiners, word joiner, BOM, soft
    /// hyphen, bidi controls, variation selectors, Hangul fillers, tags) and control
    /// characters other than whitespace, none of which change what a reader sees.
    private static func removingInvisibles(_ s: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in s.unicodeScalars where !isInvisible(scalar) {
            kept.append(scalar)
        }
        return String(kept)
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85:
            return false
        case 0x00...0x1F, 0x7F...0x9F:
            return true
        case 0x20..<0x7F:
            return false
        default:
            return scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    private static func containsHanIdeograph(_ s: String) -> Bool {
        s.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFD: return true
            default: return false
            }
        }
    }
}
