import Foundation
import QunCore

/// A centred box over the dashboard, sized to its content within the screen.
struct OverlayFrame {
    static func rect(in screen: Screen, width: Int, height: Int) -> Rect {
        let w = min(width, screen.width - 4)
        let h = min(height, screen.height - 4)
        return Rect(x: (screen.width - w) / 2, y: max(2, (screen.height - h) / 2), width: w, height: h)
    }

    static func draw(_ screen: inout Screen, _ rect: Rect, title: String) {
        screen.fill(rect, role: .overlayBackground)
        screen.box(rect, title: title, role: .overlayBorder, titleRole: .paneTitleActive)
    }

    /// Draws `lines` (text, role) inside `rect` from `scroll`, with a position marker when they overflow.
    static func lines(_ screen: inout Screen, _ rect: Rect, _ lines: [(String, StyleRole)], scroll: Int) {
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        let top = max(0, min(scroll, lines.count - inner.height))
        for (i, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            screen.put(line.0, x: inner.x, y: inner.y + i, role: line.1, maxWidth: inner.width)
        }
        if lines.count > inner.height {
            let label = " \(top + 1)–\(min(lines.count, top + inner.height))/\(lines.count) "
            screen.put(label, x: rect.maxX - 2 - DisplayWidth.of(label), y: rect.maxY - 1, role: .overlayBorder)
        }
    }
}

struct GroupSwitcherOverlay {
    let state: AppState

    func draw(into screen: inout Screen) {
        let groups = state.data.groups
        let activity = Dictionary(uniqueKeysWithValues: state.data.activity.map { ($0.group.id, $0) })
        var entries: [String] = ["★ " + state.t(.allGroups) + " (\(groups.count))"]
        for g in groups {
            let members = activity[g.id].map { " · \($0.members)" } ?? ""
            entries.append("  \(g.name)  [\(g.platform.rawValue)\(members)]")
        }
        let rect = OverlayFrame.rect(in: screen, width: 56, height: entries.count + 2)
        OverlayFrame.draw(&screen, rect, title: "o " + state.t(.groupSwitcher) + " · Enter / Esc")
        let visible = rect.height - 2
        let top = ListView.scrollTop(cursor: state.switcherCursor, count: entries.count, visible: visible)
        for (row, index) in (top..<min(entries.count, top + visible)).enumerated() {
            let y = rect.y + 1 + row
            let selectedScope = index == 0 ? state.groupScope == nil : state.groupScope == groups[index - 1].id
            screen.put(entries[index] + (selectedScope ? "  ✓" : ""), x: rect.x + 2, y: y, role: .text, maxWidth: rect.width - 4)
            if index == state.switcherCursor { screen.restyle(Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 1), role: .selection) }
        }
    }
}

struct PaletteOverlay {
    let state: AppState
    let input: InputLine

    func draw(into screen: inout Screen) {
        let suggestions = PaletteCompletion.suggestions(input.text, state: state)
        let width = min(70, screen.width - 4)
        let height = min(suggestions.count, 8) + 3
        let rect = Rect(x: (screen.width - width) / 2, y: 3, width: width, height: height)
        OverlayFrame.draw(&screen, rect, title: ": " + state.t(.palette))
        screen.fill(Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: 1), role: .input)
        screen.put(": " + input.text, x: rect.x + 2, y: rect.y + 1, role: .input, maxWidth: rect.width - 4)
        let cursorX = rect.x + 4 + DisplayWidth.of(String(Array(input.text).prefix(input.cursor)))
        if cursorX < rect.maxX - 1 { screen.restyle(Rect(x: cursorX, y: rect.y + 1, width: 1, height: 1), role: .selection) }
        let top = ListView.scrollTop(cursor: state.paletteCursor, count: suggestions.count, visible: 8)
        for (i, suggestion) in suggestions.dropFirst(top).prefix(8).enumerated() {
            let y = rect.y + 2 + i
            let line = TerminalText.fit(suggestion.label, width: 28) + " " + suggestion.detail
            screen.put(line, x: rect.x + 2, y: y, role: .text, maxWidth: rect.width - 4)
            if top + i == state.paletteCursor { screen.restyle(Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 1), role: .selection) }
        }
    }
}

/// The whole of a status message too long for the status area.
struct MessageOverlay {
    let state: AppState

    func draw(into screen: inout Screen) {
        guard let status = state.status else { return }
        let width = min(100, state.width - 4)
        let role: StyleRole = status.level == .danger ? .danger : status.level == .warn ? .warn : .text
        let lines = WrappedText.lines(status.text, width: width - 4).map { ($0, role) }
        let rect = OverlayFrame.rect(in: screen, width: width, height: min(lines.count + 2, state.height - 4))
        OverlayFrame.draw(&screen, rect, title: "Enter / Esc")
        OverlayFrame.lines(&screen, rect, lines, scroll: state.overlayScroll)
    }
}

struct ConfirmOverlay {
    let state: AppState
    let caseIDs: [Int64]
    let action: ModerationAction

    func draw(into screen: inout Screen) {
        let rows = state.data.queue.filter { caseIDs.contains($0.id) }
        let language = state.language
        var lines: [(String, StyleRole)] = [(ActionLabels.question(action, count: caseIDs.count, language), .danger), ("", .text)]
        for row in rows.prefix(6) { lines.append(("  \(row.memberName) · \(row.groupName) · \(row.item.reason)", .text)) }
        if rows.count > 6 { lines.append(("  … +\(rows.count - 6)", .textDim)) }
        let groups = Set(rows.map(\.item.groupID)).count
        let members = Set(rows.map { $0.item.groupID + "\u{0}" + $0.item.memberID }).count
        let scope = language == .zh ? "\(members) 位成员 · \(groups) 个群" : "\(members) member\(members == 1 ? "" : "s") in \(groups) group\(groups == 1 ? "" : "s")"
        lines += [("", .text), ("→ " + ActionLabels.consequence(action, language), .warn), ("  " + scope, .textDim)]
        lines += [("", .text), ("y ✓    n / Esc ✗    (u " + state.t(.keyUndo) + ")", .keyHint)]
        let rect = OverlayFrame.rect(in: screen, width: 72, height: lines.count + 2)
        OverlayFrame.draw(&screen, rect, title: ActionLabels.verb(action, language))
        OverlayFrame.lines(&screen, rect, lines, scroll: 0)
    }
}

struct CampaignConfirmOverlay {
    let state: AppState
    let id: String
    let command: CampaignUICommand

    func draw(into screen: inout Screen) {
        let row = state.data.campaigns.first { $0.id == id }
        let name = row?.campaign.name ?? id
        let zh = state.language == .zh
        var lines: [(String, StyleRole)] = [
            (command == .trigger ? (zh ? "立即执行「\(name)」？" : "Trigger \(name) now?") : (zh ? "取消「\(name)」？" : "Cancel \(name)?"),
             command == .cancel ? .danger : .text),
            ("", .text),
        ]
        if let row {
            let c = row.campaign
            lines.append(("  " + (row.groupNames.joined(separator: ", ")), .text))
            lines.append(("  \(state.t(.spent)) \(row.progress.spent) / \(state.t(.budget)) \(c.budget) · \(state.t(.remaining)) \(c.budget - row.progress.spent)",
                          c.budget.fen > 0 && row.progress.spent >= c.budget ? .warn : .text))
        }
        lines += [("", .text), ("y ✓    n / Esc ✗", .keyHint)]
        let rect = OverlayFrame.rect(in: screen, width: 64, height: lines.count + 2)
        OverlayFrame.draw(&screen, rect, title: (command == .trigger ? "t " + state.t(.keyTrigger) : "x " + state.t(.keyCancel)))
        OverlayFrame.lines(&screen, rect, lines, scroll: 0)
    }
}

/// t, p or x on several tagged campaigns: each one by name, with what will happen to it.
struct CampaignBatchConfirmOverlay {
    let state: AppState
    let ids: [String]
    let command: CampaignUICommand

    func draw(into screen: inout Screen) {
        let zh = state.language == .zh
        let rows = ids.compactMap { id in state.data.campaigns.first { $0.id == id } }
        func verb(_ command: CampaignUICommand) -> String {
            switch command {
            case .trigger: return zh ? "立即执行" : "trigger now"
            case .pause: return zh ? "暂停" : "pause"
            case .resume: return zh ? "恢复" : "resume"
            case .cancel: return zh ? "取消（不可恢复）" : "cancel (cannot be resumed)"
            }
        }
        var lines: [(String, StyleRole)] = [
            (zh ? "对 \(rows.count) 个活动执行？" : "Act on \(rows.count) campaigns?", command == .cancel ? .danger : .warn), ("", .text),
        ]
        for row in rows.prefix(8) {
            let actual = command == .pause && row.campaign.status == .paused ? CampaignUICommand.resume : command
            lines.append(("  \(row.campaign.name) · \(row.groupNames.joined(separator: ", ")) → \(verb(actual))", .text))
        }
        if rows.count > 8 { lines.append(("  … +\(rows.count - 8)", .textDim)) }
        lines += [("", .text), ("y ✓    n / Esc ✗", .keyHint)]
        let rect = OverlayFrame.rect(in: screen, width: 80, height: lines.count + 2)
        OverlayFrame.draw(&screen, rect, title: zh ? "批量操作" : "Tagged campaigns")
        OverlayFrame.lines(&screen, rect, lines, scroll: 0)
    }
}

struct TemplatePickerOverlay {
    let state: AppState

    func draw(into screen: inout Screen) {
        let templates = CampaignTemplate.all
        let scope = state.groupScope.flatMap { id in state.data.groups.first { $0.id == id }?.name } ?? state.t(.allGroups)
        let rect = OverlayFrame.rect(in: screen, width: 116, height: templates.count + 4)
        OverlayFrame.draw(&screen, rect, title: "c " + state.t(.newCampaign) + " → " + scope + " · Enter / Esc")
        for (i, template) in templates.enumerated() {
            let y = rect.y + 1 + i
            let line = TerminalText.fit(CampaignTexts.templateTitle(template, state.language), width: 22) + " "
                + CampaignTexts.templateSummary(template, state.language)
            screen.put(line, x: rect.x + 2, y: y, role: .text, maxWidth: rect.width - 4)
            if i == state.templateCursor { screen.restyle(Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 1), role: .selection) }
        }
    }
}
