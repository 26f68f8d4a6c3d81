import QunCore

/// Pane 2: today's check-in rate per group, then members with a live streak — streaks at risk
/// (checked in yesterday, not yet today) first, the ones to nudge.
struct CheckinsPaneView {
    let state: AppState

    /// Rows the rates box takes at the top of the pane; the member list has the rest.
    static func ratesHeight(_ state: AppState, paneHeight: Int) -> Int {
        let count = state.checkinRateRows.count
        return count == 0 ? 0 : min(count + 3, max(5, paneHeight * 2 / 5))
    }

    func draw(into screen: inout Screen, rect: Rect, focused: Bool) {
        let rates = state.checkinRateRows
        let ratesHeight = Self.ratesHeight(state, paneHeight: rect.height)
        if ratesHeight > 0 {
            let box = Rect(x: rect.x, y: rect.y, width: rect.width, height: ratesHeight)
            let barWidth = max(5, min(20, (rect.width - 2) / 7))
            let layout = ColumnLayout([
                .init(title: state.t(.group), width: 0, alignment: .left, flexible: true),
                .init(title: state.t(.rate), width: barWidth + 5, alignment: .left, flexible: false),
                .init(title: state.t(.checkedIn), width: 9, alignment: .right, flexible: false),
                .init(title: state.t(.yesterday), width: 9, alignment: .right, flexible: false),
                .init(title: state.t(.last14Days), width: 15, alignment: .right, flexible: false),
            ], totalWidth: rect.width - 2)
            ListView(
                title: "2 " + state.t(.checkins) + " · " + state.t(.checkinRate), header: layout.header,
                rowCount: rates.count, cursor: -1, focused: focused, emptyText: "",
                row: { i in
                    let r = rates[i]
                    return (layout.render([
                        r.group.name, Format.bar(r.rate, width: barWidth) + " " + Format.percent(r.rate),
                        "\(r.checkedInToday)/\(r.members)", "\(r.checkedInYesterday)", Format.sparkline(r.lastDays),
                    ]), nil)
                },
                scroll: state.rateScroll
            ).draw(into: &screen, rect: box)
        }
        let rows = state.checkinRows
        let layout = ColumnLayout([
            .init(title: state.t(.member), width: 0, alignment: .left, flexible: true),
            .init(title: state.t(.group), width: 16, alignment: .left, flexible: false),
            .init(title: state.t(.streak), width: 6, alignment: .right, flexible: false),
            .init(title: state.t(.longest), width: 6, alignment: .right, flexible: false),
            .init(title: "", width: 10, alignment: .left, flexible: false),
        ], totalWidth: rect.width - 2)
        let atRisk = rows.filter(\.atRisk).count
        var title = (ratesHeight == 0 ? "2 " + state.t(.checkins) + " · " : "") + "\(state.t(.streak)) · \(atRisk) \(state.t(.atRisk))"
        if let filter = state.filters[.checkins] { title += " · /\(filter)" }
        ListView(
            title: title, header: layout.header, rowCount: rows.count, cursor: state.cursor(.checkins), focused: focused,
            emptyText: state.data.groups.isEmpty ? state.t(.emptyStore) : state.t(.noMatches),
            row: { i in
                let r = rows[i]
                let note = r.atRisk ? "⚠ " + state.t(.atRisk) : r.checkedInToday ? "✓ " + state.t(.today) : ""
                return (layout.render([
                    r.member.shownName, r.groupName, "\(r.currentStreak)", "\(r.member.longestStreak)", note,
                ]), r.atRisk ? .warn : nil)
            }
        ).draw(into: &screen, rect: Rect(x: rect.x, y: rect.y + ratesHeight, width: rect.width, height: rect.height - ratesHeight))
    }
}
