public enum TextAlignment: Sendable {
    case left, right, center
}

/// Turning untrusted chat text into something that fills exactly the cells we reserve for it.
public enum TerminalText: Sendable {
    /// Appended by `truncate` when text was cut. East Asian Ambiguous, counted as 1 column
    /// like all ambiguous characters (see `DisplayWidth`).
    static let ellipsis: Character = "…"

    /// Stands in for characters that are dangerous or meaningless to show: C1 controls,
    /// bidi controls, Hangul fillers.
    static let replacementMark: Unicode.Scalar = "\u{FFFD}"

    /// Makes untrusted chat text safe for one screen line.
    ///
    /// - C0 controls become Unicode Control Pictures (ESC -> ␛, LF -> ␊, CR -> ␍, BEL -> ␇),
    ///   except TAB, which becomes one space. DEL becomes ␡.
    /// - C1 controls (U+0080–U+009F) and bidi controls (U+061C, U+200E, U+200F,
    ///   U+202A–U+202E, U+2066–U+2069) become U+FFFD.
    /// - Line and paragraph separators (U+2028, U+2029) become ␤.
    /// - Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) become U+FFFD.
    /// - Invisible format characters with no display role (soft hyphen, ZWSP, word joiner,
    ///   BOM, invisible math operators, ...) and tag characters outside an emoji tag sequence
    ///   are removed.
    ///
    /// Every replacement is one visible column, so nothing in the result can move the cursor,
    /// start an escape sequence (and so retitle the terminal) or override the text direction.
    /// CJK, emoji sequences (ZWJ, VS16, skin tones, flags, keycaps), variation selectors and
    /// combining marks are untouched.
    public static func sanitize(_ s: String) -> String {
        guard needsSanitizing(s) else { return s }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in s.unicodeScalars {
            switch treatment(of: scalar, after: previous) {
            case .keep:
                result.append(scalar)
                previous = scalar
            case .replace(let replacement):
                result.append(replacement)
                previous = replacement
            case .remove:
                continue
            }
        }
        return String(result)
    }

    /// Cuts `s` to at most `width` columns at a grapheme boundary, ending with "…" when
    /// something was cut. A wide character that would overflow is dropped whole, so the result
    /// may be one column short of `width`.
    public static func truncate(_ s: String, toWidth width: Int) -> String {
        truncatedMeasuring(s, toWidth: width).text
    }

    /// Truncates `s` to `width` columns, then pads it with spaces to exactly `width` columns.
    /// Expects sanitized input: control characters would be measured as zero columns.
    public static func fit(_ s: String, width: Int, alignment: TextAlignment = .left) -> String {
        let truncated = truncatedMeasuring(s, toWidth: width)
        let padding = max(0, width - truncated.width)
        if padding == 0 {
            return truncated.text
        }
        switch alignment {
        case .left:
            return truncated.text + spaces(padding)
        case .right:
            return spaces(padding) + truncated.text
        case .center:
            let leading = padding / 2
            return spaces(leading) + truncated.text + spaces(padding - leading)
        }
    }

    // MARK: - Truncating

    /// `truncate`, also returning the result's width so `fit` need not measure it again.
    private static func truncatedMeasuring(_ s: String, toWidth width: Int) -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        // No cluster is wider than its UTF-8 length, so short strings cannot overflow.
        if s.utf8.count <= width {
            return (s, DisplayWidth.of(s))
        }
        let budgetBeforeEllipsis = width - 1
        var used = 0
        var usedAtCut = 0
        var utf8Offset = 0
        var cutOffset = 0
        for character in s {
            used += DisplayWidth.of(character)
            if used > width {
                let cutIndex = s.utf8.index(s.utf8.startIndex, offsetBy: cutOffset)
                return (String(s[..<cutIndex]) + String(ellipsis), usedAtCut + 1)
            }
            utf8Offset += character.utf8.count
            if used <= budgetBeforeEllipsis {
                cutOffset = utf8Offset
                usedAtCut = used
            }
        }
        return (s, used)
    }

    // MARK: - Sanitizing

    private enum Treatment {
        case keep
        case replace(Unicode.Scalar)
        case remove
    }

    private static func needsSanitizing(_ s: String) -> Bool {
        var hasNonASCII = false
        for byte in s.utf8 {
            if byte < 0x20 || byte == 0x7F {
                return true
            }
            if byte >= 0x80 {
                hasNonASCII = true
            }
        }
        guard hasNonASCII else { return false }
        var previous: Unicode.Scalar?
        for scalar in s.unicodeScalars {
            if case .keep = treatment(of: scalar, after: previous) {
                previous = scalar
            } else {
                return true
            }
        }
        return false
    }

    private static func treatment(of scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Treatment {
        let value = scalar.value
        switch value {
        case 0x20...0x7E:
            return .keep
        case 0x09:
            return .replace(" ")
        case 0x00...0x1F:
            // Control Pictures mirror C0 code order: U+2400 is NUL, U+241B is ESC.
            return .replace(Unicode.Scalar(0x2400 + value)!)
        case 0x7F:
            return .replace("\u{2421}")  // ␡
        case 0x80...0x9F:
            return .replace(replacementMark)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return .replace(replacementMark)
        case 0x2028, 0x2029:
            return .replace("\u{2424}")  // ␤
        case 0x115F, 0x1160, 0x3164, 0xFFA0:
            // Default-ignorable yet drawn as blank cells by many terminals, which breaks
            // column accounting; they are also the usual trick for "invisible" nicknames.
            return .replace(replacementMark)
        case 0x00AD, 0x180E, 0x200B, 0x2060...0x2065, 0x206A...0x206F, 0xFEFF, 0xFFF0...0xFFFB,
            0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE001F, 0xE0080...0xE00FF,
            0xE01F0...0xE0FFF:
            // Invisible, yet terminals disagree on whether they take a column: drop them so
            // our width arithmetic matches what is drawn.
            return .remove
        case 0xE0020...0xE007F:
            // Tags are legitimate only inside emoji tag sequences (subdivision flags).
            if let previous, previous.properties.isEmojiPresentation || (0xE0020...0xE007F).contains(previous.value) {
                return .keep
            }
            return .remove
        default:
            return .keep
        }
    }

    // MARK: - Padding

    private static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: count)
    }
}
