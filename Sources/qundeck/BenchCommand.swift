import ArgumentParser
import Foundation
import QunCore
import QunStore
import QunTUI

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ingest rate, dashboard first frame, per-key latency, memory and idle CPU; prints figures.",
        discussion: """
            Builds (or reuses) a deterministic synthetic store of the given size, then measures the dashboard in
            a fresh process through the headless terminal, so the figures are the dashboard's, not the builder's.
            Build with `swift build -c release` for meaningful numbers.
            """,
        subcommands: [ClassifierBenchmark.self])

    @Option(name: .long, help: "Events in the synthetic store.") var events: Int = 1_000_000
    @Option(name: .long, help: "Memberships in the synthetic store.") var members: Int = 100_000
    @Option(name: .long, help: "Groups in the synthetic store.") var groups: Int = 50
    @Option(name: .long, help: "SQLite store to build or reuse (default: a file in the system temp directory named by the size).")
    var store: String?
    @Option(name: .long, help: "Key presses to time.") var keys: Int = 2_000
    @Option(name: .long, help: "Seconds to measure idle CPU over.") var idleSeconds: Double = 30
    @Option(name: .customLong("import-mb"), help: "Also import a generated Telegram export and WhatsApp chat of this many MB each (e.g. 200).")
    var importMB: Int = 0
    @Option(
        name: .long,
        help: "Also append the same synthetic events to a PostgreSQL server (postgres://USER@HOST/DB; fresh schemas, dropped after), time psql's \\copy of them as its floor, and measure the dashboard on that store.")
    var postgres: String?
    @Flag(name: .customLong("postgres-only"), help: "With --postgres: skip the SQLite store and its figures.")
    var postgresOnly = false
    @Flag(name: .long, help: "No progress on stderr.") var quiet = false
    @Flag(name: .customLong("probe"), help: .hidden) var probeOnly = false

    func run() throws {
        let path = store ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("qundeck-bench-\(events)-\(members)-\(groups).sqlite").path
        let url = URL(fileURLWithPath: path)
        if probeOnly {
            try DashboardProbe(store: try StoreOpener(explicit: path), keys: keys, idleSeconds: idleSeconds).run()
            return
        }
        if postgresOnly && postgres == nil { throw ValidationError("--postgres-only needs --postgres URL") }
        if !postgresOnly {
            if try !FileManager.default.fileExists(atPath: path) || StoreOpener.sqlite(url).open().eventCount() < events {
                try? FileManager.default.removeItem(atPath: path)
                try buildStore(url)
            } else {
                print("store: reusing \(path)")
            }
            try runProbe(store: path)
            if importMB > 0 { try ImportBenchmark(megabytes: importMB, directory: url.deletingLastPathComponent()).run() }
        }
        if let postgres {
            let community = SyntheticCommunity(events: events, members: members, groups: groups, now: Date())
            try PostgresIngestBenchmark(community: community, address: postgres, quiet: quiet) { address in
                try runProbe(store: address)
            }.run()
        }
    }

    /// The dashboard figures come from a fresh process: its memory is the dashboard's alone.
    func runProbe(store address: String) throws {
        fflush(nil)
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if !FileManager.default.isExecutableFile(atPath: probe.executableURL!.path) {
            probe.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        probe.arguments = ["bench", "--probe", "--store", address, "--keys", String(keys), "--idle-seconds", String(idleSeconds)]
        try probe.run()
        probe.waitUntilExit()
        if probe.terminationStatus != 0 { throw ExitCode(probe.terminationStatus) }
    }

    func buildStore(_ url: URL) throws {
        let community = SyntheticCommunity(events: events, members: members, groups: groups, now: Date())
        try IngestBenchmark(community: community, storeURL: url, quiet: quiet).run()
    }
}

/// Measures the dashboard on an existing store through the headless terminal.
struct DashboardProbe {
    let store: StoreOpener
    let keys: Int
    let idleSeconds: Double

    func run() throws {
        let started = DispatchTime.now()
        let store = try self.store.open()
        let terminal = HeadlessTerminal(width: 140, height: 45)
        let themes = ThemeLoader(searchPaths: [])
        let runtime = try DashboardRuntime(
            store: store, terminal: terminal, themes: themes, theme: try themes.load(named: "default"), language: .en)
        runtime.drawFrame()
        let firstFrame = Self.milliseconds(since: started)
        print(String(format: "first frame: %.1f ms (open store, load every pane, render 140x45)", firstFrame))

        // A realistic key mix: moving, switching panes, filtering and clearing.
        let script: [Key] = [.character("j"), .character("j"), .tab, .character("j"), .character("k"), .tab, .character("j"),
                             .character("/"), .character("金"), .enter, .escape, .tab, .character("G"), .character("g"), .tab]
        var samples: [Double] = []
        samples.reserveCapacity(keys)
        var slowest: (ms: Double, key: Key, pane: Pane) = (0, .tab, .activity)
        for i in 0..<keys {
            let key = script[i % script.count]
            let pane = runtime.state.focus
            let t = DispatchTime.now()
            runtime.step(key)
            runtime.drawFrame()
            let ms = Self.milliseconds(since: t)
            samples.append(ms)
            if ms > slowest.ms { slowest = (ms, key, pane) }
        }
        samples.sort()
        let median = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
        print(String(format: "key update+render: median %.2f ms, p99 %.2f ms over %d keys (slowest: %@ in %@, %.1f ms)",
                     median, p99, keys, slowest.key.name, "\(slowest.pane)", slowest.ms))

        let reloadStart = DispatchTime.now()
        _ = try DashboardLoader.load(store, now: Date())
        print(String(format: "live refresh (reload every pane after a change): %.1f ms", Self.milliseconds(since: reloadStart)))
        let now = Date()
        let parts: [(String, () throws -> Void)] = [
            ("member totals", { _ = try store.memberCounts() }), ("activity", { _ = try store.activity(now: now) }), ("check-in rates", { _ = try store.checkinRates(now: now) }),
            ("streak rows", { _ = try store.checkinMembers(now: now) }), ("queue", { _ = try store.moderationQueue(limit: 1000) }),
            ("campaigns", { _ = try store.campaigns() }), ("event count", { _ = try store.eventCount() }),
        ]
        var breakdown: [String] = []
        for (name, work) in parts {
            let t = DispatchTime.now()
            try work()
            breakdown.append(String(format: "%@ %.1f", name, Self.milliseconds(since: t)))
        }
        print("  refresh breakdown (ms): " + breakdown.joined(separator: ", "))
        print(String(format: "resident memory: %.1f MB (peak %.1f MB)", Self.residentMB("VmRSS"), Self.residentMB("VmHWM")))

        if idleSeconds > 0 {
            let cpuBefore = Self.cpuSeconds()
            let wallStart = Date()
            while Date().timeIntervalSince(wallStart) < idleSeconds {
                // What the real loop does when no key arrives: wait out the poll timeout, check for changes.
                Thread.sleep(forTimeInterval: Double(runtime.pollMilliseconds) / 1000)
                if runtime.step(nil) { runtime.drawFrame() }
            }
            let cpu = Self.cpuSeconds() - cpuBefore
            print(String(format: "idle CPU: %.2f%% of one core over %.0f s (%.3f s CPU)", cpu / idleSeconds * 100, idleSeconds, cpu))
        }
        let counts = (try store.eventCount(), try store.memberCount())
        print("store: \(counts.0) events, \(counts.1) members, \(self.store.address) (\(store.backend))")
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }

    static func residentMB(_ field: String) -> Double {
        Double(ImportBenchmark.status(field)) / 1024
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
