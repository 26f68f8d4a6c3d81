/// Terminal column widths, measured per grapheme cluster the way modern terminals
/// (tmux, kitty, wezterm) lay text out, rather than per code point like `wcwidth`.
///
/// Rules, in order:
/// - controls: 0 (callers should have run `TerminalText.sanitize` first);
/// - a cluster made only of combining marks, format characters or default-ignorables: 0;
/// - emoji presentation: 2. That is an `Emoji_Presentation` scalar, an emoji followed by
///   VS16 (U+FE0F), a ZWJ sequence, an emoji modifier (skin tone), a regional-indicator
///   flag or a keycap sequence;
/// - East Asian Wide / Fullwidth: 2;
/// - anything else, including East Asian Ambiguous: 1.
///
/// A base followed by combining marks takes the width of the base.
public enum DisplayWidth: Sendable {
    /// Terminal columns of one grapheme cluster: 0, 1 or 2.
    public static func of(_ c: Character) -> Int {
        var scalars = c.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        guard let second = scalars.next() else { return width(of: first) }
        return clusterWidth(first: first, second: second, rest: &scalars)
    }

    /// Sum over the string's grapheme clusters.
    public static func of(_ s: String) -> Int {
        measure(s)
    }

    public static func of(_ s: Substring) -> Int {
        measure(s)
    }

    // MARK: - Strings

    private static func measure<S: StringProtocol>(_ s: S) -> Int {
        // Much of a screen is pure ASCII (times, counts, English); bytes can be counted
        // without grapheme segmentation.
        var width = 0
        for byte in s.utf8 {
            if byte >= 0x80 {
                return s.reduce(0) { $0 + of($1) }
            }
            width += asciiWidth(byte)
        }
        return width
    }

    // MARK: - Clusters

    @inline(__always)
    private static func asciiWidth(_ byte: UInt8) -> Int {
        byte >= 0x20 && byte != 0x7F ? 1 : 0
    }

    /// Width of a multi-scalar cluster: emoji sequences are wide even when their first
    /// scalar is not; otherwise the first scalar that occupies columns decides.
    private static func clusterWidth(
        first: Unicode.Scalar,
        second: Unicode.Scalar,
        rest: inout Character.UnicodeScalarView.Iterator
    ) -> Int {
        let firstWidth = width(of: first)
        if firstWidth == 2 {
            return 2
        }
        var baseWidth = firstWidth
        var previous = first
        var next: Unicode.Scalar? = second
        while let scalar = next {
            if makesEmojiPresentation(scalar, after: previous, clusterStart: first) {
                return 2
            }
            if baseWidth == 0 {
                baseWidth = width(of: scalar)
            }
            previous = scalar
            next = rest.next()
        }
        return baseWidth
    }

    private static func makesEmojiPresentation(
        _ scalar: Unicode.Scalar,
        after previous: Unicode.Scalar,
        clusterStart: Unicode.Scalar
    ) -> Bool {
        switch scalar.value {
        case 0xFE0F:
            return previous.properties.isEmoji
        case 0x20E3:
            return isKeycapBase(clusterStart)
        case 0x1F3FB...0x1F3FF:
            return previous.properties.isEmojiModifierBase
        default:
            // Inside one cluster, an emoji after ZWJ means grapheme rule GB11 joined them.
            return previous.value == 0x200D && scalar.properties.isEmoji
        }
    }

    private static func isKeycapBase(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x23, 0x2A: return true
        default: return false
        }
    }

    // MARK: - Scalars

    /// Width of a scalar standing on its own.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch value {
        case 0x20..<0x7F:
            return 1
        case ..<0xA0:
            return 0  // C0 controls, DEL, C1 controls
        case 0xAD:
            return 0  // soft hyphen: default-ignorable
        case ..<0x300:
            return 1
        case 0x300...0x36F:
            return 0  // combining diacritical marks
        case 0x370...0x482, 0x2010...0x2027, 0x2030...0x205E, 0x2500...0x25FC:
            // Greek, Cyrillic, general punctuation (quotes, dashes, "…") and box drawing are
            // frequent on screen and hold no wide or zero-width characters: skip the lookups.
            return 1
        default:
            break
        }
        if isCommonWide(value) {
            return 2
        }
        if isEastAsianWide(value) {
            return isWideButZeroWidth(value) ? 0 : 2
        }
        if isZeroWidth(scalar) {
            return 0
        }
        // Regional indicators and emoji newer than the width table are Emoji_Presentation.
        return scalar.properties.isEmojiPresentation ? 2 : 1
    }

    /// CJK ideographs and Hangul syllables dominate Chinese chat; they are wide and never
    /// combining, so skip the table search for them.
    @inline(__always)
    private static func isCommonWide(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0xAC00...0xD7A3).contains(value)
    }

    /// The few East Asian Wide code points that are nonspacing marks or default-ignorable
    /// (Unicode 15): ideographic tone marks, kana voicing marks, the Hangul filler, and the
    /// Khitan small script filler.
    private static func isWideButZeroWidth(_ value: UInt32) -> Bool {
        switch value {
        case 0x302A...0x302D, 0x3099...0x309A, 0x3164, 0x16FE4: return true
        default: return false
        }
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1160...0x11FF, 0xD7B0...0xD7FF:
            // Hangul medial vowels and final consonants only ever extend a leading consonant.
            return true
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            // Prepended concatenation marks are format characters with a visible glyph.
            return false
        default:
            break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return properties.isDefaultIgnorableCodePoint
        }
    }

    static func isEastAsianWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        let ranges = EastAsianWidthTable.wideRanges
        var low = 0
        var high = ranges.count / 2 - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[2 * middle] {
                high = middle - 1
            } else if value > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
