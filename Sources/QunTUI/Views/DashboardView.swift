import Foundation
import QunCore

/// Renders the whole state into a screen: header, tab bar, panes (a 2×2 grid on big terminals, the
/// focused pane alone on small ones), the status line, and any overlay on top.
public enum DashboardView {
    public static func render(_ state: AppState) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        guard !state.isTooSmall else {
            drawTooSmall(&screen, state)
            return screen
        }
        drawHeader(&screen, state)
        drawTabs(&screen, state)
        let content = DashboardLayout.content(state)
        for (pane, rect) in DashboardLayout.paneRects(state) { drawPane(pane, &screen, rect, state, focused: pane == state.focus) }
        drawStatus(&screen, state)
        switch state.overlay {
        case .help: HelpOverlay(state: state).draw(into: &screen)
        case .groupSwitcher: GroupSwitcherOverlay(state: state).draw(into: &screen)
        case let .detail(pane): DetailOverlay(state: state, pane: pane).draw(into: &screen, content: content)
        case .member: MemberOverlay(state: state).draw(into: &screen, content: content)
        case let .confirm(caseIDs, action): ConfirmOverlay(state: state, caseIDs: caseIDs, action: action).draw(into: &screen)
        case let .confirmCampaign(id, command): CampaignConfirmOverlay(state: state, id: id, command: command).draw(into: &screen)
        case let .confirmCampaigns(ids, command): CampaignBatchConfirmOverlay(state: state, ids: ids, command: command).draw(into: &screen)
        case .templatePicker: TemplatePickerOverlay(state: state).draw(into: &screen)
        case let .campaignForm(form): CampaignFormOverlay(state: state, form: form).draw(into: &screen)
        case .message: MessageOverlay(state: state).draw(into: &screen)
        case nil: break
        }
        if let input = state.input, input.mode == .palette { PaletteOverlay(state: state, input: input).draw(into: &screen) }
        return screen
    }

    static func drawPane(_ pane: Pane, _ screen: inout Screen, _ rect: Rect, _ state: AppState, focused: Bool) {
        switch pane {
        case .activity: ActivityPaneView(state: state).draw(into: &screen, rect: rect, focused: focused)
        case .checkins: CheckinsPaneView(state: state).draw(into: &screen, rect: rect, focused: focused)
        case .moderation: ModerationPaneView(state: state).draw(into: &screen, rect: rect, focused: focused)
        case .campaigns: CampaignsPaneView(state: state).draw(into: &screen, rect: rect, focused: focused)
        }
    }

    static func drawTooSmall(_ screen: inout Screen, _ state: AppState) {
        let lines = [
            state.t(.tooSmall),
            "\(state.width)×\(state.height) → \(AppState.minimumWidth)×\(AppState.minimumHeight)",
            "q: " + state.t(.keyQuit),
        ]
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            let y = max(0, state.height / 2 - 1 + i)
            screen.put(line, x: max(0, (state.width - w) / 2), y: y, role: i == 0 ? .statusWarn : .text)
        }
    }

    static func drawHeader(_ screen: inout Screen, _ state: AppState) {
        screen.fill(Rect(x: 0, y: 0, width: state.width, height: 1), role: .header)
        var x = screen.put(" qundeck ", x: 0, y: 0, role: .headerTitle)
        let scope: String
        if let id = state.groupScope, let group = state.data.groups.first(where: { $0.id == id }) {
            scope = group.name
        } else {
            scope = "\(state.t(.allGroups)) (\(state.data.groups.count))"
        }
        let zone = state.clockZone
        let clock = "\(Format.clock(state.data.now, zone: zone)) \(Format.offsetLabel(zone, at: state.data.now)) \(zone.identifier)"
        let liveText = state.live ? "● " + state.t(.live) : "⏸ " + state.t(.paused)
        let connectors = ConnectorLine.text(state, compact: state.width < 130)
        let connectorText = connectors.map { " \($0.text) " } ?? ""
        let right = connectorText + " \(liveText)  \(clock) "
        let rightWidth = DisplayWidth.of(right)
        x += screen.put(" \(state.t(.groups)): ", x: x, y: 0, role: .header)
        x += screen.put(scope, x: x, y: 0, role: .headerTitle, maxWidth: max(0, state.width - x - rightWidth - (state.width >= 100 ? 20 : 1)))
        // On narrow terminals the group scope matters more than who is acting on which store. Several admins
        // may share a store: the actor comes first, so a long address is what gets cut.
        if state.width >= 100 {
            let storeLabel = "  \(state.actor) · \(state.t(.store)): \(abbreviateHome(state.data.storeAddress)) (\(state.data.storeBackend))"
            screen.put(storeLabel, x: x, y: 0, role: .header, maxWidth: max(0, state.width - x - rightWidth - 1))
        }
        var rx = state.width - rightWidth
        if let connectors { rx += screen.put(connectorText, x: rx, y: 0, role: connectors.role) }
        let liveWidth = screen.put(" \(liveText)", x: rx, y: 0, role: state.live ? .statusOK : .statusWarn)
        screen.put("  \(clock) ", x: rx + liveWidth, y: 0, role: .header)
    }

    static func drawTabs(_ screen: inout Screen, _ state: AppState) {
        var x = 1
        for pane in Pane.allCases {
            var label = "\(pane.rawValue + 1) \(state.t(pane.label))"
            switch pane {
            case .moderation: label += " (\(state.queueRows.count))"
            case .campaigns: label += " (\(state.campaignRows.count))"
            case .checkins:
                let risk = state.checkinRows.filter(\.atRisk).count
                if risk > 0 { label += " (⚠\(risk))" }
            case .activity:
                let quiet = state.activityRows.filter(\.isGoingQuiet).count
                if quiet > 0 { label += " (⚠\(quiet))" }
            }
            let text = " \(label) "
            x += screen.put(text, x: x, y: 1, role: pane == state.focus ? .paneTitleActive : .textDim)
            x += 1
        }
        let events = "\(Format.grouped(state.data.eventCount)) \(state.language == .zh ? "条事件" : "events") "
        let w = DisplayWidth.of(events)
        if x + w < state.width { screen.put(events, x: state.width - w, y: 1, role: .textDim) }
    }

    static func drawStatus(_ screen: inout Screen, _ state: AppState) {
        let y = state.height - 1
        screen.fill(Rect(x: 0, y: y, width: state.width, height: 1), role: .statusBar)
        if let input = state.input, input.mode != .palette {
            let prompt: String
            switch input.mode {
            case .filter: prompt = "/"
            case .muteDuration, .makeup: prompt = "»"
            default: prompt = "✎"
            }
            screen.put(prompt, x: 0, y: y, role: .keyHint)
            screen.fill(Rect(x: 1, y: y, width: state.width - 1, height: 1), role: .input)
            let chars = Array(input.text)
            let before = String(chars.prefix(input.cursor))
            screen.put(input.text + " ", x: 1, y: y, role: .input)
            let cursorX = 1 + DisplayWidth.of(before)
            screen.restyle(Rect(x: cursorX, y: y, width: 1, height: 1), role: .selection)
            let target: String
            switch input.mode {
            case let .filter(pane): target = state.t(pane.label)
            case let .muteDuration(ids): target = state.t(.muteFor) + (ids.count > 1 ? " (\(ids.count))" : "")
            case let .caseNote(id): target = state.t(.addNote) + " #\(id)"
            case let .makeup(groupID, memberID):
                let name = state.data.checkinMembers.first { $0.member.groupID == groupID && $0.member.memberID == memberID }?.member.shownName ?? memberID
                target = "补签 \(name) · YYYY-MM-DD [\(state.language == .zh ? "原因" : "reason")]"
            case .note, .palette: target = state.t(.addNote)
            }
            let hint = " \(target) · Enter ✓  Esc ✗ "
            let hw = DisplayWidth.of(hint)
            screen.put(hint, x: state.width - hw, y: y, role: .textDim)
            return
        }
        let hints = footerHints(state)
        var x = 0
        if state.tagCount(state.focus) > 0 {
            x += screen.put(" \(state.tagCount(state.focus)) \(state.t(.tagged)) ", x: 0, y: y, role: .keyHint) + 1
        }
        if state.storeWaiting {
            x += screen.put(" ⏳ " + state.t(.waitingForStore) + " ", x: 0, y: y, role: .statusWarn) + 1
        }
        if let status = state.status {
            let role: StyleRole
            switch status.level {
            case .info: role = .statusInfo
            case .ok: role = .statusOK
            case .warn: role = .statusWarn
            case .danger: role = .statusDanger
            }
            var lines = state.statusLines
            if lines.count > 1 {
                // Two rows for a long message; beyond that, its start and the key that opens the rest.
                if lines.count > 2 {
                    let more = " … Enter ↵"
                    lines = [lines[0], TerminalText.truncate(lines[1], toWidth: state.width - 2 - DisplayWidth.of(more)) + more]
                }
                for (i, line) in lines.enumerated() {
                    let row = state.height - 2 + i
                    screen.fill(Rect(x: 0, y: row, width: state.width, height: 1), role: role)
                    screen.put(" " + line, x: 0, y: row, role: role)
                }
                return
            }
            x += screen.put(" " + status.text + " ", x: x, y: y, role: role)
            x += 1
        }
        for (key, label) in hints {
            let needed = DisplayWidth.of(key) + DisplayWidth.of(state.t(label)) + 3
            if x + needed > state.width { break }
            x += screen.put(" " + key, x: x, y: y, role: .keyHint)
            x += screen.put(" " + state.t(label) + " ", x: x, y: y, role: .statusBar)
        }
    }

    /// The footer's key hints, with the keys the key map gives each command now.
    static func footerHints(_ state: AppState) -> [(String, Label)] {
        let map = state.keyMap
        func key(_ command: Command) -> String { map.keys(for: command).first?.name ?? "–" }
        if state.overlay == nil, state.focus == .moderation {
            return [(key(.approve), .keyApprove), (key(.reject), .keyReject), (key(.warn), .keyWarn), (key(.mute), .keyMute),
                    (key(.kick), .keyKick), (key(.ban), .keyBan), (key(.delete), .keyDelete), (key(.undo), .keyUndo),
                    (key(.tag), .keySelect), (key(.help), .keyHelp)]
        }
        if state.overlay == nil, state.focus == .checkins {
            return [(key(.makeup), .keyMakeup), (key(.open), .keyOpen), (key(.filter), .keyFilter), (key(.nextPane), .keySwitch),
                    (key(.help), .keyHelp), (key(.quit), .keyQuit)]
        }
        if state.overlay == nil, state.focus == .campaigns {
            return [(key(.newCampaign), .keyNewCampaign), (key(.trigger), .keyTrigger), (key(.pauseCampaign), .keyPauseResume),
                    (key(.cancelCampaign), .keyCancel), (key(.open), .keyOpen), (key(.help), .keyHelp), (key(.quit), .keyQuit)]
        }
        return [(key(.nextPane), .keySwitch), (key(.down) + "/" + key(.up), .keyMove), (key(.open), .keyOpen), (key(.filter), .keyFilter),
                (key(.palette), .keyPalette), (key(.groups), .keyGroups), (key(.help), .keyHelp), (key(.quit), .keyQuit)]
    }

    static func abbreviateHome(_ path: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        if !home.isEmpty, home != "/", path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }
}
