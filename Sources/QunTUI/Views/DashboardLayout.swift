/// Where the panes are on screen, shared by drawing and by the mouse: a click is mapped back to the pane
/// and the row that were drawn there.
enum DashboardLayout {
    /// Between the tab bar and the status area.
    static func content(_ state: AppState) -> Rect {
        Rect(x: 0, y: 2, width: state.width, height: state.contentHeight)
    }

    /// The 2×2 grid on big terminals, else the focused pane alone.
    static func paneRects(_ state: AppState) -> [(Pane, Rect)] {
        let content = content(state)
        guard state.showsGrid else { return [(state.focus, content)] }
        let leftWidth = content.width / 2
        let topHeight = content.height / 2
        return [
            (.activity, Rect(x: 0, y: content.y, width: leftWidth, height: topHeight)),
            (.checkins, Rect(x: leftWidth, y: content.y, width: content.width - leftWidth, height: topHeight)),
            (.moderation, Rect(x: 0, y: content.y + topHeight, width: leftWidth, height: content.height - topHeight)),
            (.campaigns, Rect(x: leftWidth, y: content.y + topHeight, width: content.width - leftWidth, height: content.height - topHeight)),
        ]
    }

    /// The box of the list the pane's cursor moves in (in Check-ins, the members below the rates).
    static func listRect(_ pane: Pane, in rect: Rect, _ state: AppState) -> Rect {
        guard pane == .checkins else { return rect }
        let rates = CheckinsPaneView.ratesHeight(state, paneHeight: rect.height)
        return Rect(x: rect.x, y: rect.y + rates, width: rect.width, height: rect.height - rates)
    }

    /// The pane at a cell and, when the cell is on one of its list's rows, that row's index.
    static func hit(x: Int, y: Int, _ state: AppState) -> (pane: Pane, row: Int?)? {
        guard let (pane, rect) = paneRects(state).first(where: { contains($0.1, x, y) }) else { return nil }
        let list = listRect(pane, in: rect, state)
        // Inside the border, below the header row.
        let firstRow = list.y + 2
        let visible = list.maxY - 1 - firstRow
        guard contains(list, x, y), y >= firstRow, y < list.maxY - 1, visible > 0 else { return (pane, nil) }
        let count = state.rowCount(pane)
        let top = ListView.scrollTop(cursor: state.cursor(pane), count: count, visible: visible)
        let index = top + (y - firstRow)
        return (pane, index < count ? index : nil)
    }

    /// Whether a cell is on the Check-ins pane's rate box (above its member list).
    static func isOnRates(x: Int, y: Int, _ state: AppState) -> Bool {
        guard let rect = paneRects(state).first(where: { $0.0 == .checkins })?.1, contains(rect, x, y) else { return false }
        return y < listRect(.checkins, in: rect, state).y
    }

    private static func contains(_ rect: Rect, _ x: Int, _ y: Int) -> Bool {
        x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY
    }
}
