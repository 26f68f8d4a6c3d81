import Foundation
import QunCore
import QunStore

/// Runs the dashboard: reads keys with a short timeout, polls the store's change counter, performs
/// effects, and draws a frame only when something visible changed. Idle, it wakes a few times a
/// second for one cheap pragma — no busy loop.
public final class DashboardRuntime {
    private(set) var store: SQLiteStore
    let terminal: Terminal
    let themes: ThemeLoader
    let clock: () -> Date
    public private(set) var state: AppState
    private var watcher: ChangeWatcher?
    /// How often the store's change counter is polled; changes show within this plus one query.
    public var pollMilliseconds = 250
    private var lastCampaignTick = Date.distantPast
    /// Who the audit log names for actions taken in this dashboard.
    public var actor = ProcessInfo.processInfo.environment["USER"] ?? "qundeck"

    public init(
        store: SQLiteStore, terminal: Terminal, themes: ThemeLoader, theme: Theme, language: Language, confirmsActions: Bool = true,
        clock: @escaping () -> Date = Date.init
    ) throws {
        self.store = store
        self.terminal = terminal
        self.themes = themes
        self.clock = clock
        let size = terminal.size
        let now = clock()
        state = AppState(
            data: try DashboardLoader.load(store, now: now), width: size.width, height: size.height, language: language,
            themeName: theme.name, themeNames: themes.availableThemeNames())
        state.confirmsActions = confirmsActions
        watcher = try? ChangeWatcher(store: store)
        terminal.setTheme(theme)
    }

    /// Draws the first frame; `run` calls it, benchmarks time it alone.
    public func drawFrame() {
        terminal.draw(DashboardView.render(state))
    }

    public func dispatch(_ action: Action) {
        for effect in reduce(&state, action) { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .reload:
            reload()
        case let .loadContext(item):
            do { dispatch(.contextLoaded(try store.context(of: item))) } catch { dispatch(.failed("\(error)")) }
        case let .switchTheme(name):
            do {
                terminal.setTheme(try themes.load(named: name))
                dispatch(.themeApplied(name))
            } catch {
                dispatch(.failed("\(error)"))
            }
        case let .loadMember(groupID, memberID):
            do { dispatch(.memberLoaded(try store.memberProfile(groupID: groupID, memberID: memberID, now: clock()))) } catch {
                dispatch(.failed("\(error)"))
            }
        case let .setTags(groupID, memberID, tags):
            do {
                try store.setTags(groupID: groupID, memberID: memberID, tags: tags, actor: actor, now: clock())
                perform(.loadMember(groupID: groupID, memberID: memberID))
            } catch {
                dispatch(.failed("\(error)"))
            }
        case let .addNote(groupID, memberID, text):
            do {
                try store.addNote(groupID: groupID, memberID: memberID, text: text, author: actor, now: clock())
                perform(.loadMember(groupID: groupID, memberID: memberID))
            } catch {
                dispatch(.failed("\(error)"))
            }
        case let .loadStaff(groupID):
            do { dispatch(.staffLoaded(try store.staffActivity(groupID: groupID))) } catch { dispatch(.failed("\(error)")) }
        case let .moderate(caseIDs, action):
            do {
                let now = clock()
                let audit = try store.act(on: caseIDs, action, actor: actor, now: now)
                var outcome = ModerationOutcome(action: action, caseIDs: caseIDs, lastAuditID: audit.last)
                if action == .warn {
                    outcome.warnings = try caseIDs.compactMap { id in
                        guard let row = state.data.queue.first(where: { $0.id == id }) else { return nil }
                        let count = try store.activeWarnings(groupID: row.item.groupID, memberID: row.item.memberID, now: now)
                        let penalty = try store.penaltyLadder(groupID: row.item.groupID).penalty(forActiveWarnings: count)
                        return ModerationOutcome.Warning(memberName: row.memberName, number: count, penalty: penalty)
                    }
                }
                dispatch(.moderated(outcome.text(state.language)))
            } catch {
                dispatch(.failed("\(error)"))
            }
        case .undoLast:
            do {
                let entries = try store.undo(actor: actor, now: clock())
                let first = entries.first
                dispatch(.moderated("\(first?.action ?? "undo")" + (entries.count > 1 ? " ×\(entries.count)" : "") + " · \(first?.reason ?? "")"))
            } catch {
                dispatch(.failed("\(error)"))
            }
        case let .addCaseNote(caseID, text):
            do {
                try store.addCaseNote(caseID: caseID, text: text, author: actor, now: clock())
                dispatch(.moderated("note added to #\(caseID)"))
            } catch {
                dispatch(.failed("\(error)"))
            }
        case let .campaign(id, command):
            do {
                let now = clock()
                switch command {
                case .trigger:
                    let report = try store.triggerCampaign(id: id, actor: actor, now: now)
                    if let stop = report.queue.budgetStop {
                        dispatch(.failed(stop))
                        reload()
                    } else {
                        dispatch(.moderated("\(report.name): \(report.queue.inserted.count) posts queued"
                            + (report.queue.alreadyQueued.isEmpty ? "" : ", \(report.queue.alreadyQueued.count) already queued")))
                    }
                case .pause: try store.transitionCampaign(id: id, command: .pause, actor: actor, now: now)
                case .resume: try store.transitionCampaign(id: id, command: .resume, actor: actor, now: now)
                case .cancel: try store.transitionCampaign(id: id, command: .cancel, actor: actor, now: now)
                }
                if command != .trigger { dispatch(.moderated("\(id): \(command.rawValue)")) }
                if state.overlay == .detail(.campaigns) { perform(.loadCampaign(id: id)) }
            } catch {
                dispatch(.failed("\(error)"))
            }
        case let .loadCampaign(id):
            do { dispatch(.campaignLoaded(try CampaignDetail.load(store, id: id, now: clock()))) } catch { dispatch(.failed("\(error)")) }
        case let .createCampaign(template, name, groupIDs):
            do {
                let zone = state.data.groups.first { groupIDs.contains($0.id) }?.timeZone ?? TimeZone(identifier: Group.defaultTimeZoneID)!
                let plan = CampaignTemplate.all[template].defaultPlan(name: name, groups: groupIDs, now: clock(), zone: zone)
                let created = try store.createCampaign(plan, actor: actor, now: clock())
                dispatch(.moderated("created \(created.name) (\(created.id)) · t trigger · p pause"))
            } catch {
                dispatch(.failed("\(error)"))
            }
        case .quit:
            break
        }
    }

    /// The store file was replaced under us: open the new one and read everything again.
    private func reopen() {
        do {
            store = try SQLiteStore(url: URL(fileURLWithPath: store.path))
            watcher = try ChangeWatcher(store: store)
            reload()
            state.status = StatusMessage(text: "store file replaced; reopened \(store.path)", level: .warn)
        } catch {
            dispatch(.failed("store file replaced and cannot be reopened: \(error)"))
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
        if let key {
            if key == .resize {
                let size = terminal.size
                dispatch(.resized(width: size.width, height: size.height))
            } else {
                dispatch(.key(key))
            }
            return true
        }
        var dirty = false
        if state.live {
            switch (try? watcher?.check()) ?? .none {
            case .none: break
            case .data:
                reload()
                dirty = true
            case .replaced:
                reopen()
                dirty = true
            }
        }
        let now = clock()
        // Campaign posts go out while only the dashboard is open, as `qundeck run` would send them.
        if state.live, now.timeIntervalSince(lastCampaignTick) >= 30 {
            lastCampaignTick = now
            _ = try? store.runDue(now: now, actor: "scheduler")
        }
        if Int(now.timeIntervalSince1970) != Int(state.data.now.timeIntervalSince1970) {
            state.data.now = now
            dirty = true
        }
        return dirty
    }

    public func run() {
        drawFrame()
        while !state.quitRequested {
            let key = terminal.readKey(timeoutMilliseconds: pollMilliseconds)
            if step(key) { drawFrame() }
        }
        terminal.shutdown()
    }
}
