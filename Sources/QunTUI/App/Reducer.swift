import Foundation
import QunCore

/// The one place state changes. Pure: returns effects for the runtime to perform.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case let .loaded(data):
        keepingSelection(&state) { $0.data = data }
        state.marked = state.marked.intersection(Set(data.queue.map(\.id)))
        state.taggedCampaigns = state.taggedCampaigns.intersection(Set(data.campaigns.map(\.campaign.id)))
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
    case let .conflict(conflict):
        // The pane showed the item as it was; what happened since is read again.
        let zone = state.data.queue.first { $0.id == conflict.caseID }.map { state.zone(ofGroup: $0.item.groupID) } ?? state.clockZone
        state.marked = []
        state.status = StatusMessage(text: "#\(conflict.caseID): " + conflict.message(in: zone), level: .warn)
        return [.reload]
    case let .storeWaiting(waiting):
        state.storeWaiting = waiting
        return []
    case let .key(.mouse(event)):
        return reduceMouse(&state, event)
    case let .key(pressed):
        if state.overlay == .help, state.input == nil { return reduceHelp(&state, pressed) }
        guard let key = state.keyMap.translate(pressed, in: KeyMap.chain(for: state)) else { return [] }
        if state.overlay == nil, state.input == nil, key == .enter, state.statusNeedsReading {
            state.overlay = .message
            state.overlayScroll = 0
            return []
        }
        // A status, an error included, stays until the admin's next key has seen it.
        if state.overlay != .message { state.status = nil }
        let effects: [Effect]
        if state.input != nil {
            effects = reduceInput(&state, key)
        } else if let overlay = state.overlay {
            effects = reduceOverlay(&state, overlay, key)
        } else {
            effects = reduceNormal(&state, key)
        }
        for effect in effects { state.expectedDepartures.formUnion(effect.removedRows) }
        return effects
    }
}

extension Effect {
    /// The rows this effect takes out of their list when it succeeds.
    var removedRows: [RowIdentity] {
        switch self {
        case let .moderate(caseIDs, _): return caseIDs.map(RowIdentity.queueItem)
        default: return []
        }
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

/// Single-key moderation (a x w m K B S d e c n u A). S bans as spam: the ban, and the classifier learns the message. Returns nil when the key is not a moderation key.
func reduceModerationKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
    let targets = moderationTargets(state)
    let simple: [Character: ModerationAction] = [
        "a": .approve, "A": .approve, "x": .reject, "w": .warn, "K": .kick, "B": .ban, "S": .banAsSpam, "d": .delete, "e": .escalate,
    ]
    guard case let .character(c) = key else { return nil }
    if c == "u" { return [.undoLast] }
    guard simple[c] != nil || "mnc".contains(c) else { return nil }
    guard !targets.isEmpty else { return [] }
    if let action = simple[c] { return moderateOrConfirm(&state, targets, action) }
    if c == "c" { return [ClaimToggle.effect(state, targets)] }
    switch c {
    case "m": state.input = InputLine(mode: .muteDuration(targets), text: "1h", cursor: 2)
    case "n": state.input = InputLine(mode: .caseNote(targets[0]), text: "")
    default: break
    }
    return []
}

/// Acts at once, or opens the confirm dialog for an action that needs one (see `ActionLabels.needsConfirmation`).
func moderateOrConfirm(_ state: inout AppState, _ targets: [Int64], _ action: ModerationAction) -> [Effect] {
    // Ban (and ban as spam) always asks, even for experts: it is the one a member cannot come back from.
    if action == .ban || action == .banAsSpam || (state.confirmsActions && ActionLabels.needsConfirmation(action, count: targets.count)) {
        state.overlay = .confirm(caseIDs: targets, action: action)
        return []
    }
    if state.overlay != nil { state.overlay = nil }
    return [.moderate(caseIDs: targets, action: action)]
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
    if !state.taggedCampaigns.isEmpty {
        // On tagged campaigns every command asks first, naming each one.
        let ids = rows.map(\.campaign.id).filter(state.taggedCampaigns.contains)
        state.overlay = .confirmCampaigns(ids: ids, command: c == "t" ? .trigger : c == "x" ? .cancel : .pause)
        return []
    }
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

/// b in Check-ins: 补签 for the member under the cursor. The day offered is the one after their last
/// check-in (today for a streak at risk), else yesterday; the admin can type another.
func reduceCheckinKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
    if key == .character("]") || key == .character("[") {
        scrollRates(&state, by: key == .character("]") ? 3 : -3)
        return []
    }
    guard key == .character("b") else { return nil }
    let rows = state.checkinRows
    guard rows.indices.contains(state.cursor(.checkins)) else { return [] }
    let row = rows[state.cursor(.checkins)]
    let missed = row.member.lastCheckinDay.map { min(row.today, $0.adding(days: 1)) } ?? row.today.adding(days: -1)
    let text = missed.description + " "
    state.input = InputLine(mode: .makeup(groupID: row.member.groupID, memberID: row.member.memberID), text: text, cursor: text.count)
    return []
}

private func reduceNormal(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.focus == .moderation, let effects = reduceModerationKey(&state, key) { return effects }
    if state.focus == .campaigns, let effects = reduceCampaignKey(&state, key) { return effects }
    if state.focus == .checkins, let effects = reduceCheckinKey(&state, key) { return effects }
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
        state.helpFilter = ""
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
        keepingSelection(&state) { $0.activitySort = all[(all.firstIndex(of: $0.activitySort)! + 1) % all.count] }
        state.status = StatusMessage(text: "\(state.t(.sortedBy)): \(ValueLabels.sort(state.activitySort, state.language))", level: .info)
    case .character("o"):
        state.overlay = .groupSwitcher
        state.switcherCursor = state.groupScope.flatMap { id in state.data.groups.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0
    case .character(" "):
        if state.focus == .campaigns, let id = state.selectedIdentity(.campaigns), case let .campaign(campaignID) = id {
            if state.taggedCampaigns.contains(campaignID) { state.taggedCampaigns.remove(campaignID) } else { state.taggedCampaigns.insert(campaignID) }
            move(&state, by: 1)
            return []
        }
        guard state.focus == .moderation, let item = selectedQueueItem(state) else { return [] }
        if state.marked.contains(item.id) { state.marked.remove(item.id) } else { state.marked.insert(item.id) }
        move(&state, by: 1)
    case .escape:
        if state.focus == .campaigns, !state.taggedCampaigns.isEmpty {
            state.taggedCampaigns = []
        } else if !state.marked.isEmpty {
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
    case var .campaignForm(form):
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .tab, .down: form.moveFocus(by: 1)
        case .backTab, .up: form.moveFocus(by: -1)
        case .backspace: form.deleteBackward()
        case .control("u"): form.clearField()
        case let .character(c): form.type(c)
        case .enter:
            if let plan = form.plan(groups: state.data.groups, now: state.data.now) {
                state.overlay = nil
                return [.createCampaign(plan)]
            }
            state.status = StatusMessage(text: state.t(.formHasProblems), level: .danger)
        default: break
        }
        state.overlay = .campaignForm(form)
        return []
    case let .confirmCampaigns(ids, command):
        switch key {
        case .character("y"), .character("Y"):
            state.overlay = nil
            state.taggedCampaigns = []
            let statuses = Dictionary(uniqueKeysWithValues: state.data.campaigns.map { ($0.campaign.id, $0.campaign.status) })
            return ids.map { id in .campaign(id: id, command: command == .pause && statuses[id] == .paused ? .resume : command) }
        case .character("n"), .character("N"), .escape, .character("q"):
            state.overlay = nil
        case .enter:
            state.status = StatusMessage(text: state.t(.confirmWithY), level: .warn)
        default: break
        }
    case let .confirmCampaign(id, command):
        switch key {
        case .character("y"), .character("Y"):
            state.overlay = nil
            return [.campaign(id: id, command: command)]
        case .character("n"), .character("N"), .escape, .character("q"):
            state.overlay = nil
        case .enter:
            // Enter is what a hurried admin presses anyway; only a deliberate y confirms.
            state.status = StatusMessage(text: state.t(.confirmWithY), level: .warn)
        default: break
        }
    case .templatePicker:
        let count = CampaignTemplate.all.count
        switch key {
        case .character("j"), .down: state.templateCursor = min(count - 1, state.templateCursor + 1)
        case .character("k"), .up: state.templateCursor = max(0, state.templateCursor - 1)
        case .enter:
            state.overlay = nil
            state.overlay = .campaignForm(
                CampaignForm(template: state.templateCursor, scope: state.groupScope, groups: state.data.groups, now: state.data.now))
        case .escape, .character("q"): state.overlay = nil
        default: break
        }
    case let .confirm(caseIDs, action):
        switch key {
        case .character("y"), .character("Y"):
            state.overlay = nil
            return [.moderate(caseIDs: caseIDs, action: action)]
        case .character("n"), .character("N"), .escape, .character("q"):
            state.overlay = nil
        case .enter:
            // Enter is what a hurried admin presses anyway; only a deliberate y confirms.
            state.status = StatusMessage(text: state.t(.confirmWithY), level: .warn)
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
    case .message:
        switch key {
        case .character("j"), .down: state.overlayScroll += 1
        case .character("k"), .up: state.overlayScroll = max(0, state.overlayScroll - 1)
        case .escape, .enter, .character("q"):
            state.overlay = nil
            state.status = nil
        default: break
        }
    case .help:
        return reduceHelp(&state, key)
    case .detail:
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
        let suggestions = PaletteCompletion.suggestions(String(chars), state: state)
        if suggestions.indices.contains(state.paletteCursor) {
            chars = Array(suggestions[state.paletteCursor].line)
            input.cursor = chars.count
            state.paletteCursor = 0
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
            return moderateOrConfirm(&state, targets, .mute(seconds: seconds))
        }
        if case let .makeup(groupID, memberID) = input.mode {
            let words = String(chars).trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
            guard let first = words.first, let day = LocalDay(iso: first) else {
                state.status = StatusMessage(text: "补签: \"\(words.first ?? "")\" is not a day (YYYY-MM-DD)", level: .danger)
                return []
            }
            let reason = words.count > 1 ? words[1] : nil
            return [.grantMakeup(groupID: groupID, memberID: memberID, day: day, reason: reason)]
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
            // A partial word runs the highlighted suggestion, as Tab would complete it.
            let suggestions = PaletteCompletion.suggestions(String(chars), state: state)
            let line = !PaletteCompletion.isComplete(typed, state: state) && suggestions.indices.contains(state.paletteCursor)
                ? suggestions[state.paletteCursor].line : typed
            return runPalette(&state, line.trimmingCharacters(in: .whitespaces))
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
        state.paletteCursor = min(state.paletteCursor, max(0, PaletteCompletion.suggestions(input.text, state: state).count - 1))
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
        keepingSelection(&state) { $0.activitySort = sort }
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
    case "help":
        state.overlay = .help
        state.helpFilter = ""
    case "quit", "q":
        state.quitRequested = true
        return [.quit]
    default:
        state.status = StatusMessage(text: "\(state.t(.unknownCommand)): \(name)", level: .danger)
    }
    return []
}

/// The help filters as you type: printable keys go to the filter, arrows and pages scroll, Esc clears
/// the filter and then closes, Enter closes.
private func reduceHelp(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch key {
    case .down: state.overlayScroll += 1
    case .up: state.overlayScroll = max(0, state.overlayScroll - 1)
    case .pageDown: state.overlayScroll += 10
    case .pageUp: state.overlayScroll = max(0, state.overlayScroll - 10)
    case .home: state.overlayScroll = 0
    case .backspace:
        if state.helpFilter.isEmpty { state.overlay = nil } else { state.helpFilter.removeLast() }
        state.overlayScroll = 0
    case .escape:
        if state.helpFilter.isEmpty { state.overlay = nil } else { state.helpFilter = "" }
        state.overlayScroll = 0
    case .enter, .function(1): state.overlay = nil
    case .character("?") where state.helpFilter.isEmpty: state.overlay = nil
    case let .character(c):
        state.helpFilter.append(c)
        state.overlayScroll = 0
    default: break
    }
    return []
}

func scrollRates(_ state: inout AppState, by delta: Int) {
    state.rateScroll = max(0, min(state.checkinRateRows.count - 1, state.rateScroll + delta))
}

/// A click focuses the pane under it and selects the row; the wheel scrolls the pane (or the open
/// overlay) under the pointer three rows at a time. Nothing happens while typing.
private func reduceMouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
    guard state.input == nil else { return [] }
    let wheel = event.button == .wheelDown ? 3 : event.button == .wheelUp ? -3 : 0
    if state.overlay != nil {
        if wheel != 0 { state.overlayScroll = max(0, state.overlayScroll + wheel) }
        return []
    }
    guard let hit = DashboardLayout.hit(x: event.x, y: event.y, state) else { return [] }
    if wheel != 0, hit.pane == .checkins, DashboardLayout.isOnRates(x: event.x, y: event.y, state) {
        scrollRates(&state, by: wheel)
        return []
    }
    if wheel != 0 {
        let count = state.rowCount(hit.pane)
        guard count > 0 else { return [] }
        state.cursors[hit.pane] = max(0, min(count - 1, state.cursor(hit.pane) + wheel))
        return []
    }
    state.focus = hit.pane
    if let row = hit.row { state.cursors[hit.pane] = row }
    return []
}
