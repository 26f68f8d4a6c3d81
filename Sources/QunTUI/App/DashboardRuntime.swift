import Foundation
import QunCore
import QunStore

/// Runs the dashboard: reads keys with a short timeout, polls the store's change watcher, performs
/// effects, and draws a frame only when something visible changed. Idle, it wakes a few times a
/// second for one cheap check (a pragma on SQLite, pending notifications on PostgreSQL) — no busy loop.
public final class DashboardRuntime {
    private(set) var store: any QundeckStore
    let terminal: Terminal
    let themes: ThemeLoader
    let clock: () -> Date
    public private(set) var state: AppState
    private var watcher: (any StoreChangeWatcher)?
    /// Opens the store again after a `.reset` (a SQLite file replaced at its path); nil: the same store is read again.
    private let reopenStore: (() throws -> any QundeckStore)?
    /// How often the store's change watcher is polled; changes show within this plus one query.
    public var pollMilliseconds = 250
    /// What is remembered between runs, and where (nil: nothing is written).
    private var settings: Settings
    private let settingsFile: URL?
    /// Who the audit log names for actions taken in this dashboard.
    public var actor: String { state.actor }

    public init(
        store: any QundeckStore, terminal: Terminal, themes: ThemeLoader, theme: Theme, language: Language, confirmsActions: Bool = true,
        keyMap: KeyMap = .standard, settings: Settings = Settings(), settingsFile: URL? = nil, actor: String = "admin",
        reopenStore: (() throws -> any QundeckStore)? = nil, clock: @escaping () -> Date = Date.init
    ) throws {
        self.store = store
        self.reopenStore = reopenStore
        self.terminal = terminal
        self.themes = themes
        self.clock = clock
        let size = terminal.size
        let now = clock()
        state = AppState(
            data: try DashboardLoader.load(store, now: now), width: size.width, height: size.height, language: language,
            themeName: theme.name, themeNames: themes.availableThemeNames())
        state.confirmsActions = confirmsActions
        state.keyMap = keyMap
        state.actor = actor
        self.settings = settings
        self.settingsFile = settingsFile
        watcher = try? store.changeWatcher()
        terminal.setTheme(theme)
    }

    /// Draws the first frame; `run` calls it, benchmarks time it alone.
    public func drawFrame() {
        terminal.draw(DashboardView.render(state))
    }

    public func dispatch(_ action: Action) {
        for effect in reduce(&state, action) { perform(effect) }
    }

    /// Writes run on `worker`; these are the rows each one in flight touches, oldest first.
    private let worker = StoreWorker()
    private var inFlight: [WriteScope] = []
    /// Keys held back because their write would touch a row a write in flight is changing; replayed in order.
    private var heldKeys: [Key] = []
    /// How long a write may wait for the store before the screen says so.
    public var waitNoticeAfter: TimeInterval = 0.3

    /// Reduces a key, unless its write must wait for one in flight: then it is held, in order, not lost.
    private func handle(_ key: Key) {
        if !heldKeys.isEmpty || !tryKey(key) { heldKeys.append(key) }
    }

    private func tryKey(_ key: Key) -> Bool {
        var trial = state
        let effects = reduce(&trial, .key(key))
        let scopes = effects.compactMap(\.writeScope)
        if scopes.contains(where: { scope in inFlight.contains { $0.overlaps(scope) } }) { return false }
        state = trial
        for effect in effects { perform(effect) }
        return true
    }

    /// Hands finished writes' results to the reducer, then replays the keys that waited for them.
    private func collectWrites() -> Bool {
        let results = worker.takeFinished()
        for actions in results {
            inFlight.removeFirst()
            for action in actions { dispatch(action) }
        }
        while let key = heldKeys.first, tryKey(key) { heldKeys.removeFirst() }
        let (count, oldest) = worker.inFlight
        let waiting = count > 0 && oldest.map { Date().timeIntervalSince($0) >= waitNoticeAfter } ?? false
        if waiting != state.storeWaiting { dispatch(.storeWaiting(waiting)) }
        return !results.isEmpty || waiting != state.storeWaiting
    }

    /// Runs a write on the worker; its actions come back through `collectWrites`.
    private func write(_ effect: Effect, _ work: @escaping @Sendable () throws -> [Action]) {
        inFlight.append(effect.writeScope ?? .everything)
        worker.submit {
            do { return try work() } catch { return [.failed("\(error)")] }
        }
    }

    private func perform(_ effect: Effect) {
        let store = self.store
        let actor = self.actor
        let now = clock()
        switch effect {
        case .reload:
            reload()
        case let .loadContext(item):
            do { dispatch(.contextLoaded(try store.context(of: item))) } catch { dispatch(.failed("\(error)")) }
        case let .switchTheme(name):
            do {
                terminal.setTheme(try themes.load(named: name))
                dispatch(.themeApplied(name))
                if let settingsFile {
                    settings.theme = name
                    do { try settings.save(to: settingsFile) } catch {
                        dispatch(.failed("theme \(name) is on, but could not be remembered in \(settingsFile.path): \(error.localizedDescription)"))
                    }
                }
            } catch {
                dispatch(.failed("\(error)"))
            }
        case let .loadMember(groupID, memberID):
            do { dispatch(.memberLoaded(try store.memberProfile(groupID: groupID, memberID: memberID, now: now))) } catch {
                dispatch(.failed("\(error)"))
            }
        case let .setTags(groupID, memberID, tags):
            write(effect) {
                try store.setTags(groupID: groupID, memberID: memberID, tags: tags, actor: actor, now: now)
                return [.memberLoaded(try store.memberProfile(groupID: groupID, memberID: memberID, now: now))]
            }
        case let .addNote(groupID, memberID, text):
            write(effect) {
                try store.addNote(groupID: groupID, memberID: memberID, text: text, author: actor, now: now)
                return [.memberLoaded(try store.memberProfile(groupID: groupID, memberID: memberID, now: now))]
            }
        case let .loadStaff(groupID):
            do { dispatch(.staffLoaded(try store.staffActivity(groupID: groupID))) } catch { dispatch(.failed("\(error)")) }
        case let .moderate(caseIDs, action):
            let queue = state.data.queue
            let language = state.language
            // The versions the pane shows: if another admin changed an item since, the store refuses.
            let expectedVersions = Dictionary(uniqueKeysWithValues: queue.filter { caseIDs.contains($0.id) }.map { ($0.id, $0.item.version) })
            write(effect) {
                let audit: [Int64]
                do {
                    audit = try store.act(on: caseIDs, action, actor: actor, reason: nil, expectedVersions: expectedVersions, now: now)
                } catch let conflict as ModerationConflict {
                    return [.conflict(conflict)]
                }
                var outcome = ActionReport(action: action, caseIDs: caseIDs, lastAuditID: audit.last)
                if action == .warn {
                    outcome.warnings = try caseIDs.compactMap { id in
                        guard let row = queue.first(where: { $0.id == id }) else { return nil }
                        let count = try store.activeWarnings(groupID: row.item.groupID, memberID: row.item.memberID, now: now)
                        let penalty = try store.penaltyLadder(groupID: row.item.groupID).penalty(forActiveWarnings: count)
                        return ActionReport.Warning(memberName: row.memberName, number: count, penalty: penalty)
                    }
                }
                return [.moderated(outcome.text(language))]
            }
        case let .claim(caseIDs, release):
            let language = state.language
            write(effect) {
                do {
                    if release {
                        try store.releaseClaim(caseIDs: caseIDs, actor: actor, now: now)
                    } else {
                        try store.claim(caseIDs: caseIDs, actor: actor, for: ClaimToggle.duration, now: now)
                    }
                } catch let conflict as ModerationConflict {
                    return [.conflict(conflict)]
                }
                let items = caseIDs.count == 1 ? "#\(caseIDs[0])" : "\(caseIDs.count) items"
                return [.moderated("\(items) \((release ? Label.claimReleased : .claimed).text(language))")]
            }
        case .undoLast:
            write(effect) {
                let entries = try store.undo(actor: actor, now: now)
                let first = entries.first
                return [.moderated("\(first?.action ?? "undo")" + (entries.count > 1 ? " ×\(entries.count)" : "") + " · \(first?.reason ?? "")")]
            }
        case let .addCaseNote(caseID, text):
            write(effect) {
                try store.addCaseNote(caseID: caseID, text: text, author: actor, now: now)
                return [.moderated("note added to #\(caseID)")]
            }
        case let .campaign(id, command):
            let detailOpen = state.overlay == .detail(.campaigns)
            write(effect) {
                var actions: [Action]
                switch command {
                case .trigger:
                    let report = try store.triggerCampaign(id: id, actor: actor, now: now)
                    if let stop = report.queue.budgetStop {
                        actions = [.failed(stop)]
                    } else {
                        actions = [.moderated("\(report.name): \(report.queue.inserted.count) posts queued"
                            + (report.queue.alreadyQueued.isEmpty ? "" : ", \(report.queue.alreadyQueued.count) already queued"))]
                    }
                case .pause, .resume, .cancel:
                    let transition: CampaignLifecycle.Command = command == .pause ? .pause : command == .resume ? .resume : .cancel
                    try store.transitionCampaign(id: id, command: transition, actor: actor, now: now)
                    actions = [.moderated("\(id): \(command.rawValue)")]
                }
                if detailOpen { actions.append(.campaignLoaded(try CampaignDetail.load(store, id: id, now: now))) }
                return actions
            }
        case let .grantMakeup(groupID, memberID, day, reason):
            let name = state.data.checkinMembers.first { $0.member.groupID == groupID && $0.member.memberID == memberID }?.member.shownName ?? memberID
            write(effect) {
                try store.grantMakeupCheckin(groupID: groupID, memberID: memberID, day: day, actor: actor, reason: reason, now: now)
                return [.moderated("补签 \(name) · \(day) · audited")]
            }
        case let .loadCampaign(id):
            do { dispatch(.campaignLoaded(try CampaignDetail.load(store, id: id, now: now))) } catch { dispatch(.failed("\(error)")) }
        case let .createCampaign(plan):
            write(effect) {
                let created = try store.createCampaign(plan, actor: actor, now: now)
                return [.moderated("created \(created.name) (\(created.id)) · t trigger · p pause")]
            }
        case .quit:
            break
        }
    }

    /// The store was replaced under us (a SQLite file restored at its path) or its connection came back after
    /// a loss: open it again where that is needed, and read everything again.
    private func reset() {
        guard let reopenStore else { return reload() }
        do {
            store = try reopenStore()
            watcher = try store.changeWatcher()
            reload()
            state.status = StatusMessage(text: "store replaced; reopened \(store.address)", level: .warn)
        } catch {
            dispatch(.failed("store replaced and cannot be reopened: \(error)"))
        }
    }

    func reload() {
        do {
            dispatch(.loaded(try DashboardLoader.load(store, now: clock())))
        } catch {
            dispatch(.failed("store: \(error)"))
        }
    }

    /// Handles one key (or a timeout when nil); returns whether the frame needs redrawing.
    @discardableResult
    public func step(_ key: Key?) -> Bool {
        var dirty = collectWrites()
        if let key {
            if key == .resize {
                let size = terminal.size
                dispatch(.resized(width: size.width, height: size.height))
            } else {
                handle(key)
            }
            return true
        }
        if state.live {
            switch (try? watcher?.poll()) ?? nil {
            case nil: break
            case .data:
                reload()
                dirty = true
            case .reset:
                reset()
                dirty = true
            }
        }
        let now = clock()
        if Int(now.timeIntervalSince1970) != Int(state.data.now.timeIntervalSince1970) {
            state.data.now = now
            dirty = true
        }
        return dirty
    }

    /// Waits for every write asked for so far and reduces its results (tests, and quitting).
    public func finishWrites() {
        worker.waitUntilIdle()
        _ = collectWrites()
    }

    public func run() {
        // Campaign posts go out while the dashboard is open, as `qundeck run` would send them — from one
        // dashboard (or `qundeck run`) per store, whichever holds the scheduler lease.
        let scheduler = CampaignScheduler(store: store)
        scheduler.start()
        drawFrame()
        while !state.quitRequested {
            // While a write is in flight its result is looked for often, not only between keys.
            let timeout = worker.inFlight.count > 0 || !heldKeys.isEmpty ? 20 : pollMilliseconds
            let key = terminal.readKey(timeoutMilliseconds: timeout)
            if step(key) { drawFrame() }
        }
        finishWrites()
        scheduler.stop()
        terminal.shutdown()
    }
}
