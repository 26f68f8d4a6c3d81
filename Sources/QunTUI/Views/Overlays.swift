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

struct HelpOverlay {
    let state: AppState

    static func bindings(_ language: Language) -> [(section: String, keys: [(String, String)])] {
        let zh = language == .zh
        return [
            (zh ? "导航" : "Navigate", [
                ("Tab / Shift-Tab", zh ? "下一个/上一个面板" : "next / previous pane"),
                ("1 2 3 4", zh ? "群活跃 / 签到 / 待审核 / 活动" : "Activity / Check-ins / Moderation / Campaigns"),
                ("j k ↓ ↑", zh ? "上下移动" : "move down / up"),
                ("PgDn PgUp ^F ^B", zh ? "翻页" : "page down / up"),
                ("g G Home End", zh ? "到顶部 / 底部" : "first / last row"),
                ("Enter", zh ? "打开详情" : "open the detail view"),
                ("n p", zh ? "详情中：下一条/上一条" : "in a detail view: next / previous item"),
                ("i", zh ? "待审核详情中：查看成员" : "in a queue item: the member's detail"),
                ("1–5", zh ? "成员详情中：标签 种子/铁粉/KOC/VIP/问题" : "in a member view: toggle seed / loyal / KOC / VIP / problem"),
                ("Esc", zh ? "返回；清除选择、筛选、群范围" : "back; clears selection, then filter, then group scope"),
                ("z", zh ? "当前面板全屏 / 四面板" : "zoom the focused pane / show all four"),
            ]),
            (zh ? "查看" : "View", [
                ("/", zh ? "筛选当前面板（输入即生效）" : "filter the focused pane (applies as you type)"),
                ("o", zh ? "切换群：全部或单个群" : "group switcher: all groups or one"),
                ("s", zh ? "群活跃排序（1小时/今日/活跃/成员/冷清/名称）" : "sort Activity (hour, today, active, members, quiet, name)"),
                ("Space", zh ? "选择/取消（待审核多选）" : "select / unselect (multi-select in Moderation)"),
                ("r  ^L", zh ? "立即刷新" : "refresh now"),
                ("P", zh ? "暂停/恢复实时更新" : "pause / resume live updates"),
                (":", zh ? "命令面板（theme, lang, group, sort, filter…）" : "command palette (theme, lang, group, sort, filter…)"),
                ("? F1", zh ? "本帮助" : "this help"),
                ("q  ^C", zh ? "退出" : "quit"),
            ]),
            (zh ? "待审核（作用于选中项或当前项）" : "Moderation (acts on the selected items, else the current one)", [
                ("a  A", zh ? "通过（入群申请放行；消息无问题）" : "approve (let a request in; nothing wrong with a message)"),
                ("x", zh ? "拒绝申请 / 移除消息" : "reject a request / remove a message"),
                ("w", zh ? "警告（按处罚阶梯自动升级，默认30天过期）" : "warn (climbs the penalty ladder; warnings expire in 30 days)"),
                ("m", zh ? "禁言（输入时长，默认1h）" : "mute (asks how long, default 1h)"),
                ("K", zh ? "踢出" : "kick"),
                ("B", zh ? "拉黑（需确认）" : "ban (asks to confirm)"),
                ("S", zh ? "拉黑并记为广告（需确认；分类器学习）" : "ban as spam (asks to confirm; the classifier learns)"),
                ("d", zh ? "删除消息" : "delete the message"),
                ("e", zh ? "上报给群主" : "escalate"),
                ("c", zh ? "认领（由我处理）" : "claim (I'll handle it)"),
                ("n", zh ? "添加备注" : "add a note"),
                ("u", zh ? "撤销我的上一个操作" : "undo my last action"),
            ]),
            (zh ? "活动" : "Campaigns", [
                ("c", zh ? "从模板新建（红包、秒杀、预告、签到挑战、拉新、抽奖、欢迎语、新人首单）" : "new from a template (red packet, flash sale, preview, check-in challenge, referral, lottery, welcome, first order)"),
                ("t", zh ? "立即执行（需确认，先检查预算）" : "trigger now (confirms; the budget is checked first)"),
                ("p", zh ? "暂停 / 恢复" : "pause / resume"),
                ("x", zh ? "取消活动（需确认）" : "cancel (confirms)"),
                ("Enter", zh ? "详情：下次执行、预算、消耗、待发送、时间线" : "detail: next runs, budget, burn-down, outbox, timeline"),
            ]),
            (zh ? "命令" : "Commands", PaletteCommand.all.map { (":" + $0.name + ($0.arguments.isEmpty ? "" : " " + $0.arguments), zh ? $0.summary.zh : $0.summary.en) }),
        ]
    }

    func draw(into screen: inout Screen) {
        var lines: [(String, StyleRole)] = []
        for section in Self.bindings(state.language) {
            if !lines.isEmpty { lines.append(("", .text)) }
            lines.append((section.section, .tableHeader))
            for (key, text) in section.keys {
                lines.append((TerminalText.fit(key, width: 22) + " " + text, .text))
            }
        }
        let rect = OverlayFrame.rect(in: screen, width: 86, height: lines.count + 2)
        OverlayFrame.draw(&screen, rect, title: "? " + state.t(.help) + " · Esc")
        OverlayFrame.lines(&screen, rect, lines, scroll: state.overlayScroll)
        // Key names stand out from their descriptions.
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            let cell = screen[rect.x + 2, y]
            if cell.role == .text { screen.restyle(Rect(x: rect.x + 2, y: y, width: 22, height: 1), role: .keyHint) }
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
        let suggestions = paletteSuggestions(input.text)
        let width = min(70, screen.width - 4)
        let height = min(suggestions.count, 8) + 3
        let rect = Rect(x: (screen.width - width) / 2, y: 3, width: width, height: height)
        OverlayFrame.draw(&screen, rect, title: ": " + state.t(.palette))
        screen.fill(Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: 1), role: .input)
        screen.put(": " + input.text, x: rect.x + 2, y: rect.y + 1, role: .input, maxWidth: rect.width - 4)
        let cursorX = rect.x + 4 + DisplayWidth.of(String(Array(input.text).prefix(input.cursor)))
        if cursorX < rect.maxX - 1 { screen.restyle(Rect(x: cursorX, y: rect.y + 1, width: 1, height: 1), role: .selection) }
        for (i, command) in suggestions.prefix(8).enumerated() {
            let y = rect.y + 2 + i
            let usage = command.name + (command.arguments.isEmpty ? "" : " " + command.arguments)
            let line = TerminalText.fit(usage, width: 28) + " " + (state.language == .zh ? command.summary.zh : command.summary.en)
            screen.put(line, x: rect.x + 2, y: y, role: .text, maxWidth: rect.width - 4)
            if i == state.paletteCursor { screen.restyle(Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 1), role: .selection) }
        }
    }
}

struct ConfirmOverlay {
    let state: AppState
    let caseIDs: [Int64]
    let action: ModerationAction

    func draw(into screen: inout Screen) {
        let rows = state.data.queue.filter { caseIDs.contains($0.id) }
        let asSpam = action == .banAsSpam
        let plural = caseIDs.count == 1 ? "" : "s"
        var lines: [(String, StyleRole)] = [
            state.language == .zh
                ? (asSpam ? "拉黑 \(caseIDs.count) 位成员，并把消息记为广告？" : "拉黑 \(caseIDs.count) 位成员？", .danger)
                : (asSpam ? "Ban \(caseIDs.count) member\(plural) and learn the message\(plural) as spam?" : "Ban \(caseIDs.count) member\(plural)?", .danger),
            ("", .text),
        ]
        for row in rows.prefix(6) { lines.append(("  \(row.memberName) · \(row.groupName) · \(row.item.reason)", .text)) }
        if rows.count > 6 { lines.append(("  … +\(rows.count - 6)", .textDim)) }
        lines += [("", .text), ("y / Enter ✓    n / Esc ✗    (u " + state.t(.keyUndo) + ")", .keyHint)]
        let rect = OverlayFrame.rect(in: screen, width: 64, height: lines.count + 2)
        OverlayFrame.draw(&screen, rect, title: (asSpam ? "S " : "B ") + state.t(.confirmBan))
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
        lines += [("", .text), ("y / Enter ✓    n / Esc ✗", .keyHint)]
        let rect = OverlayFrame.rect(in: screen, width: 64, height: lines.count + 2)
        OverlayFrame.draw(&screen, rect, title: (command == .trigger ? "t " + state.t(.keyTrigger) : "x " + state.t(.keyCancel)))
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
            screen.put(TerminalText.fit(template.title, width: 22) + " " + template.summary, x: rect.x + 2, y: y, role: .text, maxWidth: rect.width - 4)
            if i == state.templateCursor { screen.restyle(Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 1), role: .selection) }
        }
    }
}
