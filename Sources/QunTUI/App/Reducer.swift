import Foundation
import QunCore

/// The one place state changes. Pure: returns effects for the runtime to perform.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case let .loaded(data):
        let selectedCase = selectedQueueItem(state)?.id
        state.data = data
        // Keep the cursor on the same queue item when the queue changes under it.
        if let selectedCase, let index = state.queueRows.firstIndex(where: { $0.id == selectedCase }) {
            state.cursors[.moderation] = index
        }
        state.marked = state.marked.intersection(Set(data.queue.map(\.id)))
        clampCursors(&state)
        return []
    case let .contextLoaded(messages):
        state.context = messages
        return []
    case let .memberLoaded(profile):
        state.memberProfile = profile
        return []
    case let .staffLoaded(members):
        state.staff = members
        return []
    case let .campaignLoaded(detail):
        state.campaignDetail = detail
        return []
    case let .moderated(text):
        state.marked = []
        state.status = StatusMessage(text: text, level: .ok)
        return [.reload]
    case let .resized(width, height):
        state.width = width
        state.height = height
        return []
    case let .themeApplied(name):
        state.themeName = name
        state.status = StatusMessage(text: "\(state.t(.themeSwitched)): \(name)", level: .ok)
        return []
    case let .failed(message):
        state.status = StatusMessage(text: message, level: .danger)
        return []
    case let .key(key):
        if state.input != nil { return reduceInput(&state, key) }
        if let overlay = state.overlay { return reduceOverlay(&state, overlay, key) }
        return reduceNormal(&state, key)
    }
}

func selectedQueueItem(_ state: AppState) -> ModerationQueueRow? {
    let rows = state.queueRows
    let i = state.cursor(.moderation)
    return rows.indices.contains(i) ? rows[i] : nil
}

func clampCursors(_ state: inout AppState) {
    for pane in Pane.allCases {
        let count = state.rowCount(pane)
        state.cursors[pane] = max(0, min(state.cursor(pane), count - 1))
    }
}

private func move(_ state: inout AppState, by delta: Int) {
    let count = state.rowCount(state.focus)
    guard count > 0 else { return }
    state.cursors[state.focus] = max(0, min(count - 1, state.cursor(state.focus) + delta))
}

/// The queue items a moderation key acts on: the selection when there is one, else the cursor's item.
func moderationTargets(_ state: AppState) -> [Int64] {
    if !state.marked.isEmpty { return state.queueRows.map(\.id).filter(state.marked.contains) }
    return selectedQueueItem(state).map { [$0.id] } ?? []
}

/// Single-key moderation (a x w m K B S d e n u A). S bans as spam: the ban, and the classifier learns the message. Returns nil when the key is not a moderation key.
func reduceModerationKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
    let targets = moderationTargets(state)
    let simple: [Character: ModerationAction] = [
        "a": .approve, "A": .approve, "x": .reject, "w": .warn, "K": .kick, "d": .delete, "e": .escalate, "c": .claim,
    ]
    guard case let .character(c) = key else { return nil }
    if c == "u" { return [.undoLast] }
    guard simple[c] != nil || "mBSn".contains(c) else { return nil }
    guard !targets.isEmpty else { return [] }
    if let action = simple[c] {
        if state.overlay != nil { state.overlay = nil }
        return [.moderate(caseIDs: targets, action: action)]
    }
    switch c {
    case "m": state.input = InputLine(mode: .muteDuration(targets), text: "1h", cursor: 2)
    case "B": state.overlay = .confirm(caseIDs: targets, action: .ban)
    case "S": state.overlay = .confirm(caseIDs: targets, action: .banAsSpam)
    case "n": state.input = InputLine(mode: .caseNote(targets[0]), text: "")
    default: break
    }
    return []
}

/// c new, t trigger (confirms), p pause/resume, x cancel (confirms) in the Campaigns pane.
func reduceCampaignKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
    guard case let .character(c) = key, "ctpx".contains(c) else { return nil }
    if c == "c" {
        state.overlay = .templatePicker
        state.templateCursor = 0
        return []
    }
    let rows = state.campaignRows
    guard rows.indices.contains(state.cursor(.campaigns)) else { return [] }
    let campaign = rows[state.cursor(.campaigns)].campaign
    switch c {
    case "t": state.overlay = .confirmCampaign(id: campaign.id, command: .trigger)
    case "x": state.overlay = .confirmCampaign(id: campaign.id, command: .cancel)
    case "p": return [.campaign(id: campaign.id, command: campaign.status == .paused ? .resume : .pause)]
    default: break
    }
    return []
}

private func reduceNormal(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.focus == .moderation, let effects = reduceModerationKey(&state, key) { return effects }
    if state.focus == .campaigns, let effects = reduceCampaignKey(&state, key) { return effects }
    switch key {
    case .character("q"), .control("c"):
        state.quitRequested = true
        return [.quit]
    case .tab: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % 4)!
    case .backTab: state.focus = Pane(rawValue: (state.focus.rawValue + 3) % 4)!
    case let .character(c) where ("1"..."4").contains(c):
        state.focus = Pane(rawValue: Int(String(c))! - 1)!
    case .character("j"), .down: move(&state, by: 1)
    case .character("k"), .up: move(&state, by: -1)
    case .pageDown, .control("f"), .control("d"): move(&state, by: state.pageSize)
    case .pageUp, .control("b"), .control("u"): move(&state, by: -state.pageSize)
    case .character("g"), .home: state.cursors[state.focus] = 0
    case .character("G"), .end: state.cursors[state.focus] = max(0, state.rowCount(state.focus) - 1)
    case .enter:
        guard state.rowCount(state.focus) > 0 else { return [] }
        if state.focus == .checkins {
            let row = state.checkinRows[state.cursor(.checkins)]
            return openMember(&state, groupID: row.member.groupID, memberID: row.member.memberID, returnTo: nil)
        }
        state.overlay = .detail(state.focus)
        state.overlayScroll = 0
        if state.focus == .moderation, let item = selectedQueueItem(state) {
            state.context = []
            return [.loadContext(item.item)]
        }
        if state.focus == .activity {
            state.staff = []
            return [.loadStaff(groupID: state.activityRows[state.cursor(.activity)].group.id)]
        }
        if state.focus == .campaigns {
            state.campaignDetail = nil
            return [.loadCampaign(id: state.campaignRows[state.cursor(.campaigns)].campaign.id)]
        }
    case .character("/"):
        state.input = InputLine(mode: .filter(state.focus), text: state.filters[state.focus] ?? "")
        state.input!.cursor = state.input!.text.count
    case .character(":"):
        state.input = InputLine(mode: .palette, text: "")
        state.paletteCursor = 0
    case .character("?"), .function(1):
        state.overlay = .help
        state.overlayScroll = 0
    case .character("r"), .control("l"):
        state.status = StatusMessage(text: state.t(.dataRefreshed), level: .info)
        return [.reload]
    case .character("P"):
        state.live.toggle()
        state.status = StatusMessage(text: state.live ? state.t(.live) : state.t(.paused), level: state.live ? .ok : .warn)
        if state.live { return [.reload] }
    case .character("z"): state.zoomed.toggle()
    case .character("s"):
        guard state.focus == .activity else { return [] }
        let all = ActivitySort.allCases
        state.activitySort = all[(all.firstIndex(of: state.activitySort)! + 1) % all.count]
        state.status = StatusMessage(text: "\(state.t(.sortedBy)): \(ValueLabels.sort(state.activitySort, state.language))", level: .info)
    case .character("o"):
        state.overlay = .groupSwitcher
        state.switcherCursor = state.groupScope.flatMap { id in state.data.groups.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0
    case .character(" "):
        guard state.focus == .moderation, let item = selectedQueueItem(state) else { return [] }
        if state.marked.contains(item.id) { state.marked.remove(item.id) } else { state.marked.insert(item.id) }
        move(&state, by: 1)
    case .escape:
        if !state.marked.isEmpty {
            state.marked = []
        } else if state.filters[state.focus].map({ !$0.isEmpty }) ?? false {
            state.filters[state.focus] = nil
            state.status = StatusMessage(text: state.t(.filterCleared), level: .info)
        } else if state.groupScope != nil {
            state.groupScope = nil
        }
    default:
        return []
    }
    clampCursors(&state)
    return []
}

func openMember(_ state: inout AppState, groupID: String, memberID: String, returnTo: Overlay?) -> [Effect] {
    state.memberReturn = returnTo
    state.overlay = .member
    state.overlayScroll = 0
    if state.memberProfile?.member.memberID != memberID || state.memberProfile?.member.groupID != groupID {
        state.memberProfile = nil
    }
    return [.loadMember(groupID: groupID, memberID: memberID)]
}

/// Digits 1–5 toggle the tags in this order in the member view.
public let tagKeys: [MemberTag] = [.seed, .loyal, .koc, .vip, .problem]

private func reduceOverlay(_ state: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
    switch overlay {
    case let .confirmCampaign(id, command):
        switch key {
        case .character("y"), .character("Y"), .enter:
            state.overlay = nil
            return [.campaign(id: id, command: command)]
        case .character("n"), .character("N"), .escape, .character("q"):
            state.overlay = nil
        default: break
        }
    case .templatePicker:
        let count = CampaignTemplate.all.count
        switch key {
        case .character("j"), .down: state.templateCursor = min(count - 1, state.templateCursor + 1)
        case .character("k"), .up: state.templateCursor = max(0, state.templateCursor - 1)
        case .enter:
            state.overlay = nil
            let template = CampaignTemplate.all[state.templateCursor]
            let name = template.title
            state.input = InputLine(mode: .campaignName(state.templateCursor), text: name, cursor: name.count)
        case .escape, .character("q"): state.overlay = nil
        default: break
        }
    case let .confirm(caseIDs, action):
        switch key {
        case .character("y"), .character("Y"), .enter:
            state.overlay = nil
            return [.moderate(caseIDs: caseIDs, action: action)]
        case .character("n"), .character("N"), .escape, .character("q"):
            state.overlay = nil
        default: break
        }
    case .member:
        switch key {
        case .character("j"), .down: state.overlayScroll += 1
        case .character("k"), .up: state.overlayScroll = max(0, state.overlayScroll - 1)
        case let .character(c) where ("1"..."5").contains(c):
            guard let profile = state.memberProfile else { return [] }
            let tag = tagKeys[Int(String(c))! - 1]
            var tags = profile.member.tags
            if tags.contains(tag) { tags.remove(tag) } else { tags.insert(tag) }
            // Shown at once; the store write follows and the reload confirms it.
            state.memberProfile?.member.tags = tags
            return [.setTags(groupID: profile.member.groupID, memberID: profile.member.memberID, tags: tags)]
        case .character("n"):
            guard state.memberProfile != nil else { return [] }
            state.input = InputLine(mode: .note, text: "")
        case .escape, .character("q"), .backspace, .enter:
            state.overlay = state.memberReturn
            state.memberReturn = nil
        default: break
        }
    case .groupSwitcher:
        let count = state.data.groups.count + 1
        switch key {
        case .character("j"), .down: state.switcherCursor = min(count - 1, state.switcherCursor + 1)
        case .character("k"), .up: state.switcherCursor = max(0, state.switcherCursor - 1)
        case .character("g"), .home: state.switcherCursor = 0
        case .character("G"), .end: state.switcherCursor = count - 1
        case .enter:
            state.groupScope = state.switcherCursor == 0 ? nil : state.data.groups[state.switcherCursor - 1].id
            state.overlay = nil
            clampCursors(&state)
        case .escape, .character("q"), .character("o"): state.overlay = nil
        default: break
        }
    case .help, .detail:
        switch key {
        case .character("j"), .down: state.overlayScroll += 1
        case .character("k"), .up: state.overlayScroll = max(0, state.overlayScroll - 1)
        case .pageDown: state.overlayScroll += 10
        case .pageUp: state.overlayScroll = max(0, state.overlayScroll - 10)
        case .character("g"), .home: state.overlayScroll = 0
        case .escape, .character("q"), .character("?"), .enter, .backspace: state.overlay = nil
        case .character(let c) where overlay == .detail(.moderation) && "axwmKBdeuAc".contains(c):
            return reduceModerationKey(&state, key) ?? []
        case .character("i"):
            guard case .detail(.moderation) = overlay, let item = selectedQueueItem(state) else { break }
            return openMember(&state, groupID: item.item.groupID, memberID: item.item.memberID, returnTo: overlay)
        case .character("n"), .character("p"):
            // Step through items without leaving the detail view.
            guard case let .detail(pane) = overlay else { break }
            move(&state, by: key == .character("n") ? 1 : -1)
            state.overlayScroll = 0
            if pane == .moderation, let item = selectedQueueItem(state) { return [.loadContext(item.item)] }
            if pane == .activity { return [.loadStaff(groupID: state.activityRows[state.cursor(.activity)].group.id)] }
            if pane == .campaigns { return [.loadCampaign(id: state.campaignRows[state.cursor(.campaigns)].campaign.id)] }
        default: break
        }
    }
    return []
}

private func reduceInput(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var input = state.input else { return [] }
    var chars = Array(input.text)
    switch key {
    case let .character(c):
        chars.insert(c, at: input.cursor)
        input.cursor += 1
    case .backspace:
        if input.cursor > 0 {
            chars.remove(at: input.cursor - 1)
            input.cursor -= 1
        } else if chars.isEmpty {
            state.input = nil
            return []
        }
    case .delete:
        if input.cursor < chars.count { chars.remove(at: input.cursor) }
    case .left: input.cursor = max(0, input.cursor - 1)
    case .right: input.cursor = min(chars.count, input.cursor + 1)
    case .home, .control("a"): input.cursor = 0
    case .end, .control("e"): input.cursor = chars.count
    case .control("u"):
        chars = []
        input.cursor = 0
    case .up where input.mode == .palette: state.paletteCursor = max(0, state.paletteCursor - 1)
    case .down where input.mode == .palette: state.paletteCursor += 1
    case .tab where input.mode == .palette:
        let suggestions = paletteSuggestions(String(chars))
        if suggestions.indices.contains(state.paletteCursor) {
            chars = Array(suggestions[state.paletteCursor].name + " ")
            input.cursor = chars.count
        }
    case .escape:
        if case let .filter(pane) = input.mode { state.filters[pane] = nil }
        state.input = nil
        clampCursors(&state)
        return []
    case .enter:
        state.input = nil
        if case let .muteDuration(targets) = input.mode {
            guard let seconds = DurationText.parse(String(chars).trimmingCharacters(in: .whitespaces)) else {
                state.status = StatusMessage(text: "mute: \"\(String(chars))\" is not a duration (30m, 1h, 1d)", level: .danger)
                return []
            }
            return [.moderate(caseIDs: targets, action: .mute(seconds: seconds))]
        }
        if case let .campaignName(template) = input.mode {
            let name = String(chars).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return [] }
            // The new campaign targets the group in view, or every group.
            let groups = state.groupScope.map { [$0] } ?? state.data.groups.map(\.id)
            return [.createCampaign(template: template, name: name, groupIDs: groups)]
        }
        if case let .caseNote(caseID) = input.mode {
            let text = String(chars).trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? [] : [.addCaseNote(caseID: caseID, text: text)]
        }
        if input.mode == .note {
            let text = String(chars).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, let member = state.memberProfile?.member else { return [] }
            return [.addNote(groupID: member.groupID, memberID: member.memberID, text: text)]
        }
        if input.mode == .palette {
            let typed = String(chars).trimmingCharacters(in: .whitespaces)
            let suggestions = paletteSuggestions(typed)
            let command = !typed.contains(" ") && suggestions.indices.contains(state.paletteCursor) && !PaletteCommand.all.contains(where: { $0.name == typed })
                ? suggestions[state.paletteCursor].name : typed
            return runPalette(&state, command)
        }
        clampCursors(&state)
        return []
    default:
        return []
    }
    input.text = String(chars)
    state.input = input
    if case let .filter(pane) = input.mode {
        // The filter applies as you type, as in k9s.
        state.filters[pane] = input.text.isEmpty ? nil : input.text
        state.cursors[pane] = 0
        clampCursors(&state)
    } else {
        state.paletteCursor = min(state.paletteCursor, max(0, paletteSuggestions(input.text).count - 1))
    }
    return []
}

public func paletteSuggestions(_ typed: String) -> [PaletteCommand] {
    let word = typed.split(separator: " ").first.map(String.init)?.lowercased() ?? ""
    return PaletteCommand.all.filter { word.isEmpty || $0.name.hasPrefix(word) }
}

func runPalette(_ state: inout AppState, _ line: String) -> [Effect] {
    let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
    guard let name = parts.first?.lowercased() else { return [] }
    let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
    switch name {
    case "theme":
        guard !argument.isEmpty else {
            state.status = StatusMessage(text: "theme: " + state.themeNames.joined(separator: ", "), level: .info)
            return []
        }
        return [.switchTheme(argument)]
    case "lang", "language":
        guard let language = Language(rawValue: argument.lowercased()) else {
            state.status = StatusMessage(text: "lang: en | zh", level: .warn)
            return []
        }
        state.language = language
        state.status = StatusMessage(text: state.t(.languageSwitched), level: .ok)
    case "group":
        if argument.isEmpty || argument == "all" {
            state.groupScope = nil
        } else if let group = state.data.groups.first(where: { $0.id == argument || $0.name == argument }) {
            state.groupScope = group.id
        } else {
            state.status = StatusMessage(text: "group: no group \"\(argument)\"", level: .danger)
            return []
        }
        clampCursors(&state)
    case "sort":
        guard let sort = ActivitySort(rawValue: argument) else {
            state.status = StatusMessage(text: "sort: " + ActivitySort.allCases.map(\.rawValue).joined(separator: " | "), level: .warn)
            return []
        }
        state.activitySort = sort
    case "filter":
        state.filters[state.focus] = argument.isEmpty ? nil : argument
        clampCursors(&state)
    case "clear":
        state.filters = [:]
        state.marked = []
        state.groupScope = nil
        clampCursors(&state)
    case "pause": state.live = false
    case "resume":
        state.live = true
        return [.reload]
    case "refresh": return [.reload]
    case "zoom": state.zoomed.toggle()
    case "help": state.overlay = .help
    case "quit", "q":
        state.quitRequested = true
        return [.quit]
    default:
        state.status = StatusMessage(text: "\(state.t(.unknownCommand)): \(name)", level: .danger)
    }
    return []
}
