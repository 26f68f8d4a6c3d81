import ArgumentParser
import Foundation
import QunCore
import QunStore
import QunTUI

/// The headless scheduler: puts due campaign posts into the outbox until interrupted.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Headless scheduler: queue due campaign posts into the outbox until Ctrl-C.",
        discussion: """
            Each tick runs every scheduled or running campaign: due slots (in each group's time zone) go into the
            outbox under their idempotency keys, so several `qundeck run` processes, or a restart, never post a
            slot twice. Slots missed while nothing was running follow each campaign type's catch-up policy.
            Only one scheduler runs per store: this loop and open dashboards share a lease in the store, and
            whoever holds it schedules (--once ignores the lease).
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Seconds between ticks.") var interval: Double = 30
    @Flag(name: .long, help: "Run one tick and exit (for scripts and cron).") var once = false
    @Flag(name: .long, help: "Print nothing but errors.") var quiet = false
    @OptionGroup var clock: ClockOptions

    func validate() throws {
        guard interval.isFinite, interval >= 0.1 else { throw ValidationError("--interval \(interval) must be at least 0.1 seconds") }
        if clock.now != nil, !once { throw ValidationError("--now only applies with --once") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        if once {
            let count = try tick(store, now: try clock.resolve())
            if !quiet { printError("run: \(count) item(s) queued") }
            return
        }
        let stop = InterruptFlag()
        if !quiet { printError("run: scheduling campaigns in \(store.address) every \(interval) s (Ctrl-C to stop)") }
        var total = 0
        let holder = CampaignScheduler.processHolder
        var waitingFor: String?
        defer { try? store.releaseLease(CampaignScheduler.leaseName, holder: holder) }
        while !stop.isSet {
            let now = Date()
            if try storeCall({ try store.acquireLease(CampaignScheduler.leaseName, holder: holder, ttl: interval * 3, now: now) }) {
                if waitingFor != nil, !quiet { printError("run: took over scheduling") }
                waitingFor = nil
                total += try tick(store, now: now)
            } else if let other = try store.leaseHolder(CampaignScheduler.leaseName, now: now), other != waitingFor {
                if !quiet { printError("run: \(other) is scheduling this store; waiting for its lease to end") }
                waitingFor = other
            }
            let until = Date().addingTimeInterval(interval)
            while !stop.isSet, Date() < until { Thread.sleep(forTimeInterval: min(0.2, interval)) }
        }
        if !quiet { printError("run: stopped; \(total) item(s) queued") }
    }

    /// One tick; returns how many outbox items it queued.
    private func tick(_ store: any QundeckStore, now: Date) throws -> Int {
        let reports = try storeCall { try store.runDue(now: now, actor: storeOptions.explicitActor ?? "scheduler") }
        for r in reports {
            if r.queue.budgetStop != nil {
                printError("run: " + CampaignText.summary(r))
            } else if !quiet {
                printError("run: " + CampaignText.summary(r))
            }
        }
        // Reward and best-luck announcements are outbox items too.
        return reports.reduce(0) { $0 + $1.queue.inserted.count + $1.rewards.posts.count }
    }
}
