import Foundation
import XCTest

// Shared machinery for the end-to-end suite: finding the built `qundeck` binary, running it as a plain
// child process, per-test scratch directories, the demo store, and driving the dashboard inside a
// private tmux server. Everything here talks to the real binary; nothing links the app's modules.

/// The fixed clock and seed every demo store in this suite is built with, so screens are reproducible.
enum DemoFixture {
    static let seed = "7"
    static let now = "2026-11-23T12:00:00+08:00"
    /// A group id and names from the seed-7 demo community.
    static let jinshuiGroupID = "zz-jinshui-1"
    static let jinshuiGroupName = "郑州·金水花园1群"
    static let chessGroupName = "棋友群"
}

enum QundeckBinary {
    /// Where `swift test` put the `qundeck` executable. The test target depends on the executable target,
    /// so it sits in the same products directory as the test bundle. On Linux the "bundle" is the
    /// products directory itself; on macOS it is `…/debug/qundeckPackageTests.xctest`, so both that
    /// directory and its parent are tried. `QUNDECK_E2E_BINARY` overrides everything (handy when running
    /// the suite against an installed or release build).
    static let url: URL? = {
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment["QUNDECK_E2E_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let bundle = Bundle(for: BundleLocator.self).bundleURL
        var candidates = [bundle, bundle.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        // Fallback: the default scratch path of the package this file belongs to.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repo.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let binary = directory.appendingPathComponent("qundeck")
            if fm.isExecutableFile(atPath: binary.path) { return binary }
        }
        return nil
    }()

    static func require() throws -> URL {
        guard let url else {
            throw XCTSkip(
                "the qundeck binary was not found next to the test bundle or in .build/debug; "
                    + "build it first (swift build --product qundeck) or set QUNDECK_E2E_BINARY")
        }
        return url
    }
}

private final class BundleLocator {}

/// The result of one finished child process.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    var stdoutData: Data { Data(stdout.utf8) }
}

/// Runs the real binary outside any terminal: stdin is /dev/null, stdout and stderr go to files (not
/// pipes, so large outputs can never fill a pipe buffer and deadlock the test).
enum CLI {
    /// A clean environment: the user's store, theme, language and XDG settings never leak into a test.
    static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("xdg-data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("xdg-config").path,
            "LANG": "C.UTF-8",
        ]
        for (key, value) in extra { env[key] = value }
        return env
    }

    @discardableResult
    static func run(
        _ arguments: [String], in scratch: ScratchDirectory, environment extra: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> CommandResult {
        try start(arguments, in: scratch, environment: extra).finish(timeout: timeout)
    }

    /// Starts `qundeck ARGUMENTS` without waiting, for work that must overlap something else.
    static func start(
        _ arguments: [String], in scratch: ScratchDirectory, environment extra: [String: String] = [:]
    ) throws -> RunningCommand {
        let binary = try QundeckBinary.require()
        return try RunningCommand(binary.path, arguments, in: scratch, environment: environment(home: scratch.url, extra: extra))
    }

    /// Waits up to `timeout` for a Foundation `Process`; one still running then is killed, so a hung binary
    /// fails one test instead of hanging the whole suite.
    static func waitForExit(_ process: Process, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard process.isRunning else { return true }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return false
    }

    /// Parses stdout as JSON, failing the test with the output when it isn't.
    static func json(_ result: CommandResult, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: result.stdoutData)
        } catch {
            XCTFail("stdout is not JSON (\(error)); stdout: \(result.stdout.prefix(500)) stderr: \(result.stderr.prefix(500))", file: file, line: line)
            throw error
        }
    }
}

/// A child process started with `posix_spawn` and reaped with `waitpid`, its stdout and stderr in files.
///
/// Not Foundation's `Process`: on Linux it learns that a child exited when a socket the child inherited is
/// closed, and `tmux new-session` forks a server that inherits that socket and outlives the client — the
/// client would look alive until the server died, and every tmux command would hang until its timeout.
final class RunningCommand {
    let pid: pid_t
    private let outPath: String
    private let errPath: String
    private var status: Int32?

    init(_ executable: String, _ arguments: [String], in scratch: ScratchDirectory, environment: [String: String]) throws {
        let id = UUID().uuidString
        outPath = scratch.path(".out-\(id)")
        errPath = scratch.path(".err-\(id)")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Never the test runner's own stdin: under a terminal that would make `isatty(0)` true.
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // Default signal handling and an empty mask, whatever the test runner set up for itself.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw SpawnError(message: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
    }

    /// Reaps the child if it has exited; true while it is still running.
    var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        let r = waitpid(pid, &raw, WNOHANG)
        if r == pid {
            // WIFEXITED / WEXITSTATUS by hand (they are macros); a signal death reads as 128 + signal.
            status = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
            return false
        }
        if r < 0 && errno == ECHILD { status = -1; return false }
        return true
    }

    /// Waits for the exit (killing the process after `timeout`) and collects its output.
    func finish(timeout: TimeInterval) -> CommandResult {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let timedOut = isRunning
        if timedOut {
            kill(pid, SIGKILL)
            while isRunning { Thread.sleep(forTimeInterval: 0.01) }
        }
        let result = CommandResult(
            status: status ?? -1,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            timedOut: timedOut)
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return result
    }

    deinit {
        // A test that bailed out early must not leave its child behind.
        if isRunning {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            _ = waitpid(pid, &raw, 0)
        }
    }

    struct SpawnError: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

/// A per-test temporary directory, removed in tearDown.
final class ScratchDirectory {
    let url: URL

    init(label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("qundeck-e2e-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Builds the seed-7 demo store once per test run and hands each test its own copy: building it takes
/// seconds on a 2-core CI box, copying a file takes milliseconds, and every test still gets a private store.
final class DemoStoreTemplate: @unchecked Sendable {
    static let shared = DemoStoreTemplate()
    private let lock = NSLock()
    private var built: Result<URL, Error>?
    private var directory: ScratchDirectory?

    func copy(into scratch: ScratchDirectory, name: String = "store.sqlite") throws -> String {
        let template = try lock.withLock { () throws -> URL in
            if built == nil {
                built = Result { try build() }
                // XCTest on Linux has no suite-wide teardown; exit handlers still run when the runner exits.
                atexit { DemoStoreTemplate.shared.removeFiles() }
            }
            return try built!.get()
        }
        let target = scratch.path(name)
        try FileManager.default.copyItem(atPath: template.path, toPath: target)
        return target
    }

    private func build() throws -> URL {
        let dir = try ScratchDirectory(label: "template")
        directory = dir
        let store = dir.path("demo.sqlite")
        let result = try CLI.run(
            ["demo", "--no-tui", "--seed", DemoFixture.seed, "--now", DemoFixture.now, "--store", store, "--quiet"], in: dir,
            timeout: 120)
        guard result.status == 0, FileManager.default.fileExists(atPath: store) else {
            throw TemplateError(message: "demo build failed (exit \(result.status)): \(result.stderr)")
        }
        // The demo renames a finished store into place, so there are no -wal/-shm files to copy along.
        return URL(fileURLWithPath: store)
    }

    /// Removes the template at exit; harmless if it was never built.
    func removeFiles() {
        lock.withLock {
            directory?.remove()
            directory = nil
            built = nil
        }
    }

    struct TemplateError: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

/// Shell quoting for the one command line tmux runs through `sh -c`.
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// Symbols below U+1F000 that terminals draw two columns wide (emoji presentation by default).
private let wideSymbols: Set<UInt32> = [
    0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615, 0x267F, 0x2693,
    0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA,
    0x26FD, 0x2705, 0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797,
    0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55,
]

/// The rough display width of captured text: East Asian wide and fullwidth characters and emoji take two
/// columns, everything else one — close enough to check that a line fits a terminal width.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        let v = scalar.value
        if v == 0xFE0F || v == 0x200D || (0x0300...0x036F).contains(v) { return width }
        let wide =
            (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F000...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v) || wideSymbols.contains(v)
        return width + (wide ? 2 : 1)
    }
}

/// One dashboard running in a private tmux server (`tmux -L <unique socket>`, no config file), so a test
/// never touches the user's own tmux. The app's stdout is the pane itself: ncurses must draw there.
final class TmuxDashboard {
    static let tmuxPath: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static func requireTmux() throws -> String {
        guard let tmuxPath else {
            throw XCTSkip("tmux is not installed (not found on PATH); the end-to-end dashboard tests drive the real binary inside tmux")
        }
        return tmuxPath
    }

    let socket = "qundeck-e2e-\(UUID().uuidString)"
    let session = "qd"
    let scratch: ScratchDirectory
    let tmux: String
    /// Written by the shell after the app exits: `EXIT=<status>`.
    let exitFile: String
    private(set) var started = false

    init(scratch: ScratchDirectory) throws {
        tmux = try Self.requireTmux()
        self.scratch = scratch
        exitFile = scratch.path("exit-status")
    }

    /// Starts `qundeck ARGUMENTS` in a new detached session of the given size. The shell records the exit
    /// status in `exitFile` once the app has quit; the pane then closes and the server exits, unless
    /// `keepPaneAfterExit` leaves it (tmux `remain-on-exit`) so what the app printed last can be captured.
    /// `terminal` is the TERM tmux gives the pane (its `default-terminal`, "screen" unless set).
    func start(
        _ arguments: [String], width: Int = 140, height: Int = 45, environment: [String: String] = [:], keepPaneAfterExit: Bool = false,
        terminal: String? = nil
    ) throws {
        let binary = try QundeckBinary.require()
        let command = ([binary.path] + arguments).map(shellQuote).joined(separator: " ")
            + "; echo EXIT=$? > \(shellQuote(exitFile))"
        // One tmux invocation, so the option is set before the command can possibly exit.
        var args = keepPaneAfterExit ? ["set-option", "-wg", "remain-on-exit", "on", ";"] : []
        if let terminal { args += ["set-option", "-g", "default-terminal", terminal, ";"] }
        args += ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"]
        // Session environment for the app itself (tmux passes these to the pane's shell).
        let paneEnvironment = CLI.environment(home: scratch.url, extra: environment)
        for (key, value) in paneEnvironment.sorted(by: { $0.key < $1.key }) where key != "PATH" { args += ["-e", "\(key)=\(value)"] }
        args.append(command)
        let result = try tmuxCommand(args)
        guard result.status == 0 else { throw TmuxError(message: "tmux new-session failed: \(result.stderr)") }
        started = true
    }

    @discardableResult
    func tmuxCommand(_ arguments: [String]) throws -> CommandResult {
        // -f /dev/null: the user's ~/.tmux.conf must not change key bindings, sizes or the shell.
        let env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": scratch.url.path,
            "LANG": "C.UTF-8",
            "SHELL": "/bin/sh",
            "TERM": "xterm-256color",
        ]
        return try RunningCommand(tmux, ["-u", "-L", socket, "-f", "/dev/null"] + arguments, in: scratch, environment: env)
            .finish(timeout: 15)
    }

    /// Named keys (`Enter`, `Escape`, `Tab`, `BTab`, `q`…), each sent as its own key press.
    func press(_ keys: String...) throws {
        for key in keys { try tmuxCommand(["send-keys", "-t", session, key]) }
    }

    /// Literal text, typed as-is (UTF-8 included).
    func type(_ text: String) throws {
        try tmuxCommand(["send-keys", "-t", session, "-l", text])
    }

    func capture() throws -> Screen {
        let result = try tmuxCommand(["capture-pane", "-p", "-t", session])
        return Screen(text: result.stdout)
    }

    /// The pane including its scrollback, for output that may have scrolled off the top.
    func captureWithHistory() throws -> Screen {
        let result = try tmuxCommand(["capture-pane", "-p", "-S", "-200", "-t", session])
        return Screen(text: result.stdout)
    }

    func resize(width: Int, height: Int) throws {
        let result = try tmuxCommand(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
        guard result.status == 0 else { throw TmuxError(message: "tmux resize-window failed: \(result.stderr)") }
    }

    /// Polls the screen every 100 ms until `condition` holds; fails with the last screen after `timeout`.
    @discardableResult
    func waitForScreen(
        _ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
        _ condition: (Screen) -> Bool
    ) throws -> Screen {
        let deadline = Date().addingTimeInterval(timeout)
        var last = Screen(text: "")
        while true {
            last = try capture()
            if condition(last) { return last }
            if Date() >= deadline { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("timed out after \(timeout) s waiting for \(what); the screen was:\n\(last.text)", file: file, line: line)
        throw TmuxError(message: "timed out waiting for \(what)")
    }

    func waitForText(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> Screen {
        try waitForScreen("\"\(text)\"", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Waits for the shell to record the app's exit status; nil if it never exits within `timeout`.
    func waitForExitStatus(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: exitFile, encoding: .utf8), text.hasSuffix("\n"),
                let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "EXIT=", with: ""))
            {
                return status
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// Where tmux puts the `-L` socket: tmux commands here run without TMUX_TMPDIR, so always /tmp.
    var socketPath: String { "/tmp/tmux-\(getuid())/\(socket)" }

    /// Stops this test's tmux server (and with it the app, if still running) and removes its socket file,
    /// which tmux leaves behind even when the server exits on its own.
    func kill() {
        if started || FileManager.default.fileExists(atPath: socketPath) { _ = try? tmuxCommand(["kill-server"]) }
        started = false
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    struct TmuxError: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

/// A captured tmux pane: one string per row, as `capture-pane -p` prints it (trailing blanks trimmed).
struct Screen {
    let text: String
    let lines: [String]

    init(text: String) {
        self.text = text
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    func contains(_ s: String) -> Bool { text.contains(s) }

    /// The tab bar is row 1: "1 Activity  2 Check-ins  3 Moderation (n)  4 Campaigns (n) … N events".
    var tabBar: String { lines.count > 1 ? lines[1] : "" }

    /// The number in the tab bar's "12,345 events" (or "12,345 条事件"), if shown.
    var eventCount: Int? {
        let bar = tabBar
        for marker in [" events", " 条事件"] {
            guard let range = bar.range(of: marker) else { continue }
            let digits = bar[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
            return Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
        }
        return nil
    }

    /// The top-left pane (Activity in the 2×2 grid): from each row, the text up to and including the first
    /// box corner or border after column 0. Works without knowing character widths because the Activity
    /// box's right edge (┐ │ ┘) comes before anything of the pane beside it.
    var topLeftPane: [String] {
        var rows: [String] = []
        var inBox = false
        for line in lines.dropFirst(2) {
            guard let first = line.first else { if inBox { break } else { continue } }
            if !inBox {
                guard first == "┌" else { continue }
                inBox = true
            }
            let rest = line.dropFirst()
            if let end = rest.firstIndex(where: { "┐│┘".contains($0) }) {
                rows.append(String(line[...end]))
            } else {
                rows.append(line)
            }
            if first == "└" { break }
        }
        return rows
    }

    /// Box titles: the text on rows that start a box (┌), i.e. every pane or overlay heading.
    var boxTopRows: [String] { lines.filter { $0.contains("┌") } }

    var widestLine: Int { lines.map(displayWidth).max() ?? 0 }
}
