import ArgumentParser
import Foundation
import QunCore
import QunStore
import QunTUI

struct DashboardOptions: ParsableArguments {
    @Option(name: .long, help: "Colour theme: a name from Themes/ or a built-in (default, light, high-contrast, mono, solarized-dark).")
    var theme: String?
    @Option(name: .long, help: "Interface language: en or zh (default: from LANG).")
    var lang: String?
    @Flag(name: .long, help: "Kick, delete, reject and actions on several items act at once, without a confirm dialog (ban still asks).")
    var noConfirm = false
    @Flag(name: .long, help: "Leave clicks and the wheel to the terminal (select and copy text as usual).")
    var noMouse = false

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be en or zh, not \"\(lang)\"") }
    }
}

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the live dashboard (the default when no subcommand is given).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var dashboard: DashboardOptions

    func run() throws {
        let opener = try storeOptions.opener
        let actor = try storeOptions.actor
        guard opener.exists, try !opener.open().isEmpty else {
            printError("""
                qundeck: the store at \(opener.address) is empty.
                  Try the demo community:   qundeck demo
                  Or bring your own data:   qundeck ingest events.jsonl   (format: docs/events.md)
                """)
            // At a terminal, offer the demo right away rather than sending the user off to type it.
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw ExitCode(1) }
            FileHandle.standardError.write(Data("Build the demo community in this store now? [y/N] ".utf8))
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased(), answer == "y" || answer == "yes" else {
                throw ExitCode(1)
            }
            try DemoBuilder(seed: 7, now: Date(), quiet: false).build(at: opener)
            try DashboardLauncher.launch(opener, actor: actor, options: dashboard, simulate: true, seed: 7)
            return
        }
        try DashboardLauncher.launch(opener, actor: actor, options: dashboard, simulate: false, seed: 0)
    }
}

enum DashboardLauncher {
    static func launch(_ opener: StoreOpener, actor: String, options: DashboardOptions, simulate: Bool, seed: UInt64) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("qundeck: the dashboard needs a terminal (stdin and stdout must be a TTY). Use `qundeck stats` or `--json` commands in scripts.")
            throw ExitCode(1)
        }
        if case let .failure(unavailable) = UTF8Locale.install() {
            printError(unavailable.description)
            throw ExitCode(1)
        }
        let environment = ProcessInfo.processInfo.environment
        let themes = ThemeLoader(
            searchPaths: ThemeLoader.defaultSearchPaths(
                environment: environment, currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        let settingsFile = Settings.url(environment: environment)
        let settings: Settings
        do { settings = try Settings.load(from: settingsFile) } catch {
            printError("qundeck: \(error)")
            throw ExitCode(1)
        }
        let theme: Theme
        do {
            theme = try themes.load(named: options.theme ?? environment["QUNDECK_THEME"] ?? settings.theme ?? "default")
        } catch {
            // A remembered theme whose file has gone is no reason not to start.
            guard options.theme == nil, environment["QUNDECK_THEME"] == nil, let remembered = settings.theme else { throw ValidationError("\(error)") }
            printError("qundeck: the remembered theme \"\(remembered)\" cannot be loaded (\(error)); using the default")
            theme = try themes.load(named: "default")
        }
        let language = options.lang.flatMap(Language.init(rawValue:)) ?? Language.fromEnvironment(environment)
        let keyMap: KeyMap
        do { keyMap = try KeyMapFile.load(environment: environment) } catch {
            printError("qundeck: \(error)")
            throw ExitCode(1)
        }
        let store = try opener.open()

        let stopSimulation = StopFlag()
        let simulationDone = DispatchSemaphore(value: 0)
        if simulate {
            // The demo's live feed runs beside the UI as a writer of its own, like a real feed process would.
            let simStore = try opener.open()
            Thread.detachNewThread {
                _ = try? SimulationLoop(store: simStore, rate: 1.5, seed: seed &+ UInt64(Date().timeIntervalSince1970)).run { _ in
                    stopSimulation.isSet
                }
                simulationDone.signal()
            }
        }
        guard let terminal = NcursesTerminal(theme: theme, mouse: settings.mouse && !options.noMouse) else {
            printError("qundeck: cannot start the terminal UI (is TERM set?)")
            throw ExitCode(1)
        }
        do {
            let runtime = try DashboardRuntime(
                store: store, terminal: terminal, themes: themes, theme: theme, language: language,
                confirmsActions: settings.confirm && !options.noConfirm, keyMap: keyMap, settings: settings, settingsFile: settingsFile,
                actor: actor, reopenStore: opener.reopenAfterReset)
            runtime.run()
        } catch {
            terminal.shutdown()
            throw CommandFailure("\(error)")
        }
        if simulate {
            stopSimulation.set()
            _ = simulationDone.wait(timeout: .now() + 2)
        }
    }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
