import QunCore

/// Breaks text into lines of at most `width` terminal columns, at spaces where it can and between
/// grapheme clusters where it must (Chinese has no spaces), so a status or a message is never cut.
enum WrappedText {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var lastSpace: String.Index?
        for character in TerminalText.sanitize(text) {
            let w = DisplayWidth.of(character)
            if lineWidth + w > width {
                if let space = lastSpace, space > line.startIndex {
                    lines.append(String(line[..<space]))
                    line = String(line[line.index(after: space)...])
                } else {
                    lines.append(line)
                    line = ""
                }
                lineWidth = DisplayWidth.of(line)
                lastSpace = nil
                if character == " " && line.isEmpty { continue }
            }
            if character == " " { lastSpace = line.endIndex }
            line.append(character)
            lineWidth += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
