import QunCore

/// One terminal cell: a grapheme cluster, the columns it takes, and the role it is drawn with.
/// The column after a wide character holds a `continuation` cell so the grid stays aligned.
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    public var width: UInt8
    public var role: StyleRole

    public static let blank = Cell(grapheme: " ", width: 1, role: .text)
    static let continuation = Cell(grapheme: "", width: 0, role: .text)
    public var isContinuation: Bool { width == 0 }
}

public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(by n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// An in-memory frame. Views draw into it; a `Terminal` flushes it. Because it is plain data, frames are
/// compared with golden text files in tests, with no terminal involved.
public struct Screen: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Draws `text` at (x, y), clipped to `maxWidth` columns (and the screen), truncating with "…" at a
    /// grapheme boundary. Controls, escape sequences and bidi overrides become visible placeholders.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .text, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        // Sanitizing here means no path from chat text to the terminal skips it.
        let safe = TerminalText.sanitize(text)
        let fitted = DisplayWidth.of(safe) > limit ? TerminalText.truncate(safe, toWidth: limit) : safe
        var column = x
        for character in fitted {
            var grapheme = String(character)
            var w = DisplayWidth.of(character)
            if w == 0 {
                if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                    grapheme = TerminalText.sanitize(grapheme)
                    w = DisplayWidth.of(grapheme)
                } else if column > x, let previous = lastCellIndex(before: column, row: y) {
                    // A zero-width cluster on its own (a stray combining mark) joins the previous cell.
                    cells[previous].grapheme += grapheme
                    continue
                } else {
                    continue
                }
            }
            if column + w > x + limit { break }
            if column >= 0 {
                clearWide(at: column, row: y)
                cells[y * width + column] = Cell(grapheme: grapheme, width: UInt8(w), role: role)
                if w == 2, column + 1 < width {
                    clearWide(at: column + 1, row: y)
                    cells[y * width + column + 1] = Cell(grapheme: "", width: 0, role: role)
                }
            }
            column += w
        }
        return column - x
    }

    /// Fills a rectangle with blanks of `role` (backgrounds, overlays).
    public mutating func fill(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                clearWide(at: x, row: y)
                cells[y * width + x] = Cell(grapheme: " ", width: 1, role: role)
            }
        }
    }

    /// Changes the role of cells in a rectangle, keeping their text (row highlight).
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x].role = role }
        }
    }

    /// A box-drawing frame with an optional title in the top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, role: StyleRole, titleRole: StyleRole? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        put("┌", x: rect.x, y: rect.y, role: role)
        put("┐", x: right, y: rect.y, role: role)
        put("└", x: rect.x, y: bottom, role: role)
        put("┘", x: right, y: bottom, role: role)
        for x in (rect.x + 1)..<right {
            put("─", x: x, y: rect.y, role: role)
            put("─", x: x, y: bottom, role: role)
        }
        for y in (rect.y + 1)..<bottom {
            put("│", x: rect.x, y: y, role: role)
            put("│", x: right, y: y, role: role)
        }
        if let title, rect.width > 6 {
            put(" \(title) ", x: rect.x + 2, y: rect.y, role: titleRole ?? role, maxWidth: rect.width - 4)
        }
    }

    /// The frame as text, one line per row with trailing spaces removed: what golden files hold.
    public func text() -> String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line += cell.grapheme }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writing over half of a wide character blanks its other half, so no half-glyph is left behind.
    private mutating func clearWide(at x: Int, row y: Int) {
        let index = y * width + x
        let cell = cells[index]
        if cell.isContinuation, x > 0 {
            cells[index - 1] = Cell(grapheme: " ", width: 1, role: cells[index - 1].role)
        } else if cell.width == 2, x + 1 < width {
            cells[index + 1] = Cell(grapheme: " ", width: 1, role: cell.role)
        }
    }

    private func lastCellIndex(before column: Int, row: Int) -> Int? {
        var c = column - 1
        while c >= 0 {
            let index = row * width + c
            if !cells[index].isContinuation { return index }
            c -= 1
        }
        return nil
    }
}
