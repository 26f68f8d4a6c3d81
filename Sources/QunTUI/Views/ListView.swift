import QunCore

/// A boxed, scrolling list with a header row: the shape every pane shares.
struct ListView {
    var title: String
    var header: String?
    var rowCount: Int
    var cursor: Int
    var focused: Bool
    var emptyText: String
    /// The text and role of row `i` (role nil → normal text).
    var row: (Int) -> (text: String, role: StyleRole?)
    var isMarked: (Int) -> Bool = { _ in false }
    /// For a list without a cursor: the first row shown (clamped), scrolled by the wheel or [ ].
    var scroll: Int? = nil

    func draw(into screen: inout Screen, rect: Rect) {
        screen.box(
            rect, title: title, role: focused ? .paneBorderActive : .paneBorder,
            titleRole: focused ? .paneTitleActive : .paneTitle)
        let inner = rect.inset(by: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        var y = inner.y
        if let header {
            screen.put(header, x: inner.x, y: y, role: .tableHeader, maxWidth: inner.width)
            screen.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .tableHeader)
            y += 1
        }
        let visible = inner.maxY - y
        guard rowCount > 0 else {
            screen.put(emptyText, x: inner.x + 1, y: y, role: .textDim, maxWidth: inner.width - 1)
            return
        }
        let top = scroll.map { max(0, min($0, rowCount - visible)) } ?? ListView.scrollTop(cursor: cursor, count: rowCount, visible: visible)
        for i in top..<min(rowCount, top + visible) {
            let (text, role) = row(i)
            let baseRole: StyleRole = role ?? .text
            screen.put(text, x: inner.x, y: y, role: baseRole, maxWidth: inner.width)
            if i == cursor {
                screen.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: focused ? .selection : .selectionInactive)
            } else if isMarked(i) {
                screen.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .marked)
            }
            y += 1
        }
        if rowCount > visible {
            // Position indicator on the right edge of the bottom border: "12/340", or the rows shown and
            // which way more are ("1–5/8 ↓") for a list without a cursor.
            let more = top + visible < rowCount ? (top > 0 ? " ↕" : " ↓") : " ↑"
            let label = cursor >= 0 ? " \(cursor + 1)/\(rowCount) " : " \(top + 1)–\(min(rowCount, top + visible))/\(rowCount)\(more) "
            screen.put(label, x: rect.maxX - 1 - DisplayWidth.of(label) - 1, y: rect.maxY - 1, role: focused ? .paneBorderActive : .paneBorder)
        }
    }

    /// Keeps the cursor on screen with the list scrolled as little as possible, centring when it can.
    static func scrollTop(cursor: Int, count: Int, visible: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        let ideal = cursor - visible / 2
        return max(0, min(count - visible, ideal))
    }
}
