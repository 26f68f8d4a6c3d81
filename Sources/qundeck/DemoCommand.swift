import ArgumentParser
import Foundation
import QunCore
import QunIngest
import QunStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo community in the store, then open the dashboard with a live simulator.",
        discussion: """
            Eight groups (社区群 and interest groups, Chinese and English names, one in Europe/Berlin), about 1,800
            members, 30 days of history (80,000+ events), pending join requests and campaigns. The same --seed and
            --now give the same store. An existing store that holds anything but demo data is never overwritten.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Random seed; the same seed gives the same community.") var seed: UInt64 = 7
    @Option(name: .long, help: "Pretend it is this time (RFC 3339); default: now.") var now: String?
    @Flag(name: .customLong("no-tui"), help: "Only build the store.") var noTUI = false
    @Flag(name: .long, help: "No progress on stderr.") var quiet = false
    @OptionGroup var dashboard: DashboardOptions

    func run() throws {
        let clock = try now.map { text -> Date in
            guard let date = RFC3339.parse(text) else { throw ValidationError("--now \"\(text)\" is not an RFC 3339 time with an offset") }
            return date
        } ?? Date()
        let target = try storeOptions.opener
        try DemoBuilder(seed: seed, now: clock, quiet: quiet).build(at: target)
        if noTUI { return }
        try DashboardLauncher.launch(target, actor: try storeOptions.actor, options: dashboard, simulate: true, seed: seed)
    }
}

struct DemoBuilder {
    let seed: UInt64
    let now: Date
    let quiet: Bool

    func build(at target: StoreOpener) throws {
        if target.exists {
            let foreign = try target.open().foreignSources(besides: [DemoCommunity.source, "sim"])
            guard foreign.isEmpty else {
                throw CommandFailure(
                    "\(target.address) holds real data (sources: \(foreign.joined(separator: ", "))); not replacing it. "
                        + "Use --store PATH for the demo.")
            }
        }
        let progress = ProgressReporter(label: "demo", quiet: quiet)
        let started = Date()
        let built: (groups: Int, events: Int)
        do {
            // Out of sight until complete: a dashboard open on the store sees the whole community at once.
            built = try target.build { store in try populate(store, progress: progress) }
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        if !quiet {
            let memberships = try target.open().memberCount()
            printError("demo: \(built.groups) groups, \(memberships) memberships, \(built.events) events in \(String(format: "%.1f", Date().timeIntervalSince(started))) s → \(target.address)")
        }
    }

    /// Writes the whole community into `store`, which holds nothing yet.
    private func populate(_ store: any QundeckStore, progress: ProgressReporter) throws -> (groups: Int, events: Int) {
        let community = DemoCommunity(seed: seed, now: now)
        for plan in community.groups { try store.saveGroup(plan.group) }
        for campaign in community.campaigns() { try store.saveCampaign(campaign) }
        var count = 0
        try community.forEachDay { index, days, events in
            var offset = 0
            while offset < events.count {
                let slice = Array(events[offset..<min(offset + 5_000, events.count)])
                count += try store.append(slice, now: now).inserted
                offset += slice.count
                progress.update(count: count, unit: "events", fraction: Double(index) / Double(days))
            }
        }
        // Admins have worked the queue up to two days ago; what is newer still waits for review.
        try store.resolveCases(
            createdBefore: now.addingTimeInterval(-2 * 86_400), resolution: "handled (demo history)", actor: "demo-admin", now: now)
        return (community.groups.count, count)
    }
}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Append live-looking events to the store (a separate process the dashboard picks up).")

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Events per second.") var rate: Double = 2
    @Option(name: .long, help: "Stop after this many seconds (default: until interrupted).") var duration: Double?
    @Option(name: .long, help: "Random seed (default: from the clock).") var seed: UInt64?
    @Flag(name: .long, help: "No progress on stderr.") var quiet = false

    func validate() throws {
        guard rate > 0, rate <= 100_000 else { throw ValidationError("--rate must be between 0 and 100000 events per second") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let stop = InterruptFlag()
        let progress = ProgressReporter(label: "simulate", quiet: quiet)
        let started = Date()
        let total = try SimulationLoop(store: store, rate: rate, seed: seed ?? UInt64(started.timeIntervalSince1970 * 1000)).run {
            count in
            progress.update(count: count, unit: "events", fraction: duration.map { Date().timeIntervalSince(started) / $0 })
            return stop.isSet || duration.map { Date().timeIntervalSince(started) >= $0 } ?? false
        }
        progress.finish()
        if !quiet { printError("simulate: appended \(total) events") }
    }
}
