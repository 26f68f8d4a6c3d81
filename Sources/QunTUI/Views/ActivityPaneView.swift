import QunCore

/// Pane 1: per group, messages in the last hour and today, active members, joins and leaves, a 24-hour
/// sparkline and the trend against the group's own baseline. Groups going quiet stand out.
struct ActivityPaneView {
    let state: AppState

    func draw(into screen: inout Screen, rect: Rect, focused: Bool) {
        let rows = state.activityRows
        let delivery = state.data.delivery
        var columns: [ColumnLayout.Column] = [
            .init(title: state.t(.group), width: 0, alignment: .left, flexible: true),
            .init(title: state.t(.members), width: 7, alignment: .right, flexible: false),
            .init(title: state.t(.activeToday), width: 8, alignment: .right, flexible: false),
            .init(title: state.t(.lastHour), width: 6, alignment: .right, flexible: false),
            .init(title: state.t(.today), width: 6, alignment: .right, flexible: false),
            .init(title: state.t(.joinsLeaves), width: 8, alignment: .right, flexible: false),
            .init(title: state.t(.trend), width: 9, alignment: .left, flexible: false),
            .init(title: state.t(.last24h), width: 24, alignment: .left, flexible: false),
        ]
        // Platform actions per group: awaiting delivery, failed (✗), or the bot cut off. In a narrow pane the
        // column would cut group names to where 1群 and 2群 look alike, so there it appears only when something
        // needs an admin (the Moderation title still counts what awaits delivery).
        let needsAttention = delivery.values.contains { $0.failed > 0 || $0.disconnected != nil }
        let showsDelivery = !delivery.isEmpty && (rect.width - 2 >= 76 || needsAttention)
        if showsDelivery { columns.insert(.init(title: state.t(.outboxColumn), width: 5, alignment: .right, flexible: false), at: 6) }
        let layout = ColumnLayout(columns, totalWidth: rect.width - 2)
        var title = "1 " + state.t(.activity)
        title += " · \(state.t(.sortedBy)): \(ValueLabels.sort(state.activitySort, state.language))"
        if let filter = state.filters[.activity] { title += " · /\(filter)" }
        ListView(
            title: title, header: layout.header, rowCount: rows.count, cursor: state.cursor(.activity), focused: focused,
            emptyText: state.data.groups.isEmpty ? state.t(.emptyStore) : state.t(.noMatches),
            row: { i in
                let a = rows[i]
                let trend: String
                if a.isGoingQuiet {
                    trend = "⚠ " + state.t(.quiet)
                } else if a.isOwnerSilent(now: state.data.now) {
                    trend = "⚠ " + state.t(.ownerSilent)
                } else {
                    switch a.trend {
                    case .rising: trend = "↗ " + Self.ratio(a)
                    case .steady: trend = "→ " + Self.ratio(a)
                    case .falling: trend = "↘ " + Self.ratio(a)
                    }
                }
                var cells = [
                    a.group.name, Format.grouped(a.members), "\(a.activeToday)", "\(a.messagesLastHour)",
                    Format.grouped(a.messagesToday), "+\(a.joinsToday)/-\(a.leavesToday)", trend, Format.sparkline(a.hourly),
                ]
                let out = delivery[a.group.id] ?? GroupDelivery()
                if showsDelivery { cells.insert(Self.deliveryText(out, state), at: 6) }
                let text = layout.render(cells)
                if out.failed > 0 || out.disconnected != nil { return (text, .danger) }
                return (text, a.isGoingQuiet ? .quiet : a.isOwnerSilent(now: state.data.now) ? .warn : nil)
            }
        ).draw(into: &screen, rect: rect)
    }

    /// "3", "3✗1", "✗2", or "⛔" when the bot cannot reach the group; blank when nothing is queued. Narrow on
    /// purpose: the group's name needs the room more. The row turns red for failures and lost groups.
    static func deliveryText(_ d: GroupDelivery, _ state: AppState) -> String {
        if d.disconnected != nil { return "⛔" }
        var text = d.awaiting > 0 ? (d.awaiting > 999 ? "999+" : String(d.awaiting)) : ""
        if d.failed > 0 { text += "✗\(d.failed)" }
        return text
    }

    /// Recent activity against the baseline, e.g. "1.4×"; "new" when the group has no baseline yet.
    static func ratio(_ a: GroupActivity) -> String {
        guard a.baselineLast3Hours >= 1 else { return "" }
        let r = Double(a.messagesLast3Hours) / a.baselineLast3Hours
        return r >= 10 ? ">10×" : String(format: "%.1f×", r)
    }
}
