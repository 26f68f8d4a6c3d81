import ArgumentParser
import Foundation
import QunCore
import QunIngest
import QunStore

struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Campaigns: create from a template, list, show, trigger, pause, resume, cancel.",
        discussion: "Templates: " + CampaignTemplate.all.map(\.type.rawValue).joined(separator: ", ") + ". See docs/campaigns.md.",
        subcommands: [
            CampaignNew.self, CampaignList.self, CampaignShow.self, CampaignTrigger.self, CampaignPause.self, CampaignResume.self,
            CampaignCancel.self, CampaignRedraw.self,
        ],
        defaultSubcommand: CampaignList.self)
}

/// `--now` for scripts and tests: pretend it is this time (RFC 3339 with an offset).
struct ClockOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Pretend it is this time (RFC 3339 with an offset); default: now.", visibility: .hidden))
    var now: String?

    func resolve() throws -> Date {
        guard let now else { return Date() }
        guard let date = RFC3339.parse(now) else { throw ValidationError("--now \"\(now)\" is not an RFC 3339 time with an offset") }
        return date
    }
}

extension StoreError {
    var asFailure: CommandFailure { CommandFailure(description) }
}

/// Runs a store call, turning store errors into a clean "Error: …" and exit 1.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as StoreError { throw error.asFailure }
}

enum CampaignText {
    static func time(_ date: Date?, zone: TimeZone = TimeZone(identifier: Group.defaultTimeZoneID)!) -> String {
        guard let date else { return "—" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }

    /// "2026-12-22 03:02 Asia/Shanghai": a group's time, naming the group's zone.
    static func zoned(_ date: Date?, zone: TimeZone) -> String {
        guard let date else { return "—" }
        return time(date, zone: zone) + " " + zone.identifier
    }

    static func summary(_ r: CampaignTickReport) -> String {
        var parts: [String] = []
        if !r.queue.inserted.isEmpty || !r.queue.alreadyQueued.isEmpty {
            parts.append("queued \(r.queue.inserted.count)" + (r.queue.alreadyQueued.isEmpty ? "" : " (\(r.queue.alreadyQueued.count) already queued)"))
        }
        if !r.skipped.isEmpty { parts.append("skipped \(r.skipped.count)") }
        if let d = r.draw { parts.append("draw round \(d.round) seed \(d.seed): \(d.winners.map(\.memberID).joined(separator: ", "))") }
        for t in r.transitions { parts.append("\(t.from.rawValue) → \(t.to.rawValue)") }
        if !r.rewards.booked.isEmpty {
            parts.append("booked \(r.rewards.booked.count) reward(s)/prize(s), \(r.rewards.posts.count) announcement(s)")
        }
        if let stop = r.queue.budgetStop ?? r.rewards.budgetStop { parts.append("STOPPED: \(stop)") }
        return "\(r.campaignID) 「\(r.name)」: " + (parts.isEmpty ? "nothing due" : parts.joined(separator: "; "))
    }
}

struct CampaignNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a campaign from a template (scheduled unless --draft); prints its id.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "red_packet, flash_sale, preview, checkin_challenge, referral, lottery, welcome, first_order, holiday, live (or 秒杀, 抽奖 …).")
    var template: String
    @Option(name: .long, help: "The campaign's name.") var name: String
    @Option(name: .long, help: "Target group ids, comma-separated (see `qundeck groups`).") var groups: String
    @Option(name: .long, help: "Budget in yuan, e.g. 500 or 99.50 (default: the template's).") var budget: String?
    @Option(name: .long, help: "HH:mm, 'YYYY-MM-DD HH:mm' (local to the first group) or an RFC 3339 time.") var at: String?
    @Option(name: .long, help: "Campaign id (default: <type>-<yyyyMMdd>-<HHmm>, made unique).") var id: String?
    @Flag(name: .long, help: "Save as a draft instead of scheduling it.") var draft = false
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard CampaignTemplate(named: template) != nil else {
            throw ValidationError("--template \"\(template)\" is not a template (one of \(CampaignTemplate.all.map(\.type.rawValue).joined(separator: ", ")))")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name is empty") }
        guard !groupIDs.isEmpty else { throw ValidationError("--groups is empty: give one or more group ids, comma-separated") }
        if let budget { _ = try Self.parseBudget(budget) }
    }

    var groupIDs: [String] { groups.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    static func parseBudget(_ text: String) throws -> Money {
        guard let money = Money(yuanText: text) else { throw ValidationError("--budget \"\(text)\" is not an amount in yuan (e.g. 500 or 99.50)") }
        return money
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let now = try clock.resolve()
        let tpl = CampaignTemplate(named: template)!
        let zones = try store.groupZones()
        if let unknown = groupIDs.first(where: { zones[$0] == nil }) {
            throw CommandFailure("--groups: no group with id \"\(unknown)\" (see `qundeck groups`)")
        }
        let zone = zones[groupIDs[0]] ?? TimeZone(identifier: Group.defaultTimeZoneID)!
        var plan = tpl.defaultPlan(name: name, groups: groupIDs, now: now, id: id, zone: zone)
        if let budget { plan.budget = try Self.parseBudget(budget) }
        if let at {
            do { plan.schedule = try plan.schedule.applying(at: at, zone: zone, now: now) } catch let error as ScheduleInputError {
                throw CommandFailure(error.description)
            }
        }
        let problems = plan.problems()
        guard problems.isEmpty else {
            throw CommandFailure("the campaign cannot be saved: " + problems.map(\.description).joined(separator: "; "))
        }
        let estimate = plan.estimatedSpend(zones: zones)
        let saved = try storeCall { try store.createCampaign(plan, draft: draft, actor: storeOptions.actor, now: now) }
        if output.json {
            try JSONOutput.print(CampaignJSON(saved, zones: zones, now: now))
        } else {
            print(saved.id)
        }
        let next = saved.nextRuns(after: now, zones: zones, limit: 1).first
        printError("campaign: created \(saved.id) 「\(saved.name)」 (\(tpl.title)), \(saved.status.rawValue), budget \(saved.budget)"
            + (next.map { ", first run \(CampaignText.zoned($0.dueAt, zone: CampaignPlan.zoneFor($0.groupID, zones))) in \($0.groupID)" } ?? ""))
        if estimate > saved.budget {
            printError("campaign: warning: as planned it spends \(estimate), more than its budget \(saved.budget); it will stop when the budget runs out")
        }
    }
}

extension CampaignPlan {
    static func zoneFor(_ group: String, _ zones: [String: TimeZone]) -> TimeZone {
        zones[group] ?? TimeZone(identifier: Group.defaultTimeZoneID)!
    }
}

/// A plan as `campaign list/show --json` prints it.
struct CampaignJSON: Encodable {
    var id, name, type, status: String
    var theme, hook, product: String?
    var groups: [String]
    var schedule: String
    var startsAt, endsAt, nextRunAt: Date?
    var goalMetric: String
    var goalTarget: Int
    var budgetFen: Int64
    var budget: String
    var createdAt: Date
    var messages: [String: String]

    init(_ p: CampaignPlan, zones: [String: TimeZone], now: Date) {
        id = p.id
        name = p.name
        type = p.type.rawValue
        status = p.status.rawValue
        theme = p.theme
        hook = p.hook
        product = p.product
        groups = p.groupIDs
        schedule = p.schedule.recurrence.summary
        startsAt = p.schedule.startsAt
        endsAt = p.schedule.endsAt
        nextRunAt = CampaignLifecycle.isLive(p.status) ? p.nextRuns(after: now, zones: zones, limit: 1).first?.dueAt : nil
        goalMetric = p.goal.metric.rawValue
        goalTarget = p.goal.target
        budgetFen = p.budget.fen
        budget = p.budget.description
        createdAt = p.createdAt
        messages = Dictionary(uniqueKeysWithValues: p.messages.map { ($0.key.rawValue, $0.value) })
    }
}

struct CampaignList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every campaign: status, next run, progress, spend.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let now = try clock.resolve()
        let zones = try store.groupZones()
        let plans = Dictionary(uniqueKeysWithValues: try store.campaignPlans().map { ($0.id, $0) })
        let rows = try store.campaigns()
        if output.json {
            struct Row: Encodable {
                var campaign: CampaignJSON
                var achieved: Int
                var spentFen: Int64
            }
            try JSONOutput.print(rows.compactMap { r in
                plans[r.id].map { Row(campaign: CampaignJSON($0, zones: zones, now: now), achieved: r.progress.achieved, spentFen: r.progress.spent.fen) }
            })
            return
        }
        var table = TextTable(columns: ["ID", "NAME", "TYPE", "STATUS", "GROUPS", "NEXT RUN", "PROGRESS", "SPENT / BUDGET"])
        for r in rows {
            let plan = plans[r.id]
            let next = plan.flatMap { CampaignLifecycle.isLive($0.status) ? $0.nextRuns(after: now, zones: zones, limit: 1).first : nil }
            table.add([
                r.id, r.campaign.name, r.campaign.type.rawValue, r.campaign.status.rawValue, r.campaign.groupIDs.joined(separator: ","),
                next.map { CampaignText.zoned($0.dueAt, zone: CampaignPlan.zoneFor($0.groupID, zones)) } ?? "—",
                "\(r.progress.achieved)/\(r.campaign.goalTarget) \(r.campaign.goalMetric)",
                "\(r.progress.spent) / \(r.campaign.budget)",
            ])
        }
        print(table.render(), terminator: "")
    }
}

struct CampaignShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One campaign: plan, next runs per group, progress, spend, outbox items, draws and timeline.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The campaign id (see `qundeck campaign list`).") var id: String
    @Option(name: .long, help: "Next runs to show per group.") var runs: Int = 5
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let now = try clock.resolve()
        guard let plan = try store.campaignPlan(id: id) else { throw CommandFailure("no campaign with id \"\(id)\" (see `qundeck campaign list`)") }
        let zones = try store.groupZones()
        let progress = try store.campaigns().first { $0.id == id }?.progress ?? CampaignProgress(achieved: 0, spent: .zero)
        let budget = try storeCall { try store.campaignBudget(id: id, now: now) }
        let outbox = try store.campaignOutbox(id: id)
        let audit = try store.campaignAudit(id: id)
        let draws = try store.lotteryDraws(campaignID: id)
        let ledger = try store.campaignLedger(id: id)
        let cost = CostPerResult(metric: plan.goal.metric, results: progress.achieved, spent: progress.spent)
        let nextRuns: [(String, [ScheduledSlot])] = plan.groupIDs.map { gid in
            (gid, plan.schedule.nextRuns(campaignID: plan.id, groupID: gid, after: now, in: CampaignPlan.zoneFor(gid, zones), limit: runs))
        }
        if output.json {
            struct Run: Encodable { var group: String; var dueAt: Date; var local: String; var adjustment: String; var key: String }
            struct Show: Encodable {
                var campaign: CampaignJSON
                var nextRuns: [Run]
                var achieved: Int
                var goalTarget: Int
                var progress: Double
                var spentFen, reservedFen, budgetFen, remainingFen: Int64
                var costPerResultFen: Int64?
                var lastRun: Date?
                var outbox: [OutboxItem]
                var ledger: [LedgerEntry]
                var draws: [LotteryDraw]
                var audit: [AuditEntry]
            }
            try JSONOutput.print(Show(
                campaign: CampaignJSON(plan, zones: zones, now: now),
                nextRuns: nextRuns.flatMap { g in
                    g.1.map { Run(group: g.0, dueAt: $0.dueAt, local: $0.local.description, adjustment: "\($0.adjustment)", key: $0.idempotencyKey) }
                },
                achieved: progress.achieved, goalTarget: plan.goal.target,
                progress: plan.goal.target > 0 ? Double(progress.achieved) / Double(plan.goal.target) : 0,
                spentFen: budget.spent.fen, reservedFen: budget.reserved.fen, budgetFen: budget.budget.fen, remainingFen: budget.remaining.fen,
                costPerResultFen: cost.cost?.fen, lastRun: try store.campaignLastRun(id: id), outbox: outbox, ledger: ledger, draws: draws,
                audit: audit))
            return
        }
        var out = ""
        func line(_ s: String = "") { out += TerminalText.sanitize(s) + "\n" }
        line("\(plan.id) 「\(plan.name)」 — \(CampaignTemplate(plan.type).title), \(plan.status.rawValue)")
        if let theme = plan.theme { line("theme: \(theme)") }
        if let hook = plan.hook { line("hook: \(hook)") }
        line("groups: \(plan.groupIDs.joined(separator: ", "))")
        let planZone = CampaignPlan.zoneFor(plan.groupIDs.first ?? "", zones)
        line("schedule: \(plan.schedule.recurrence.summary), from \(CampaignText.time(plan.schedule.startsAt, zone: planZone)) to "
            + "\(CampaignText.time(plan.schedule.endsAt, zone: planZone)) (\(planZone.identifier))")
        let percent = plan.goal.target > 0 ? progress.achieved * 100 / plan.goal.target : 0
        line("goal: \(progress.achieved)/\(plan.goal.target) \(plan.goal.metric.rawValue) (\(percent)%), cost per result \(cost.label)")
        line("budget: spent \(budget.spent), reserved \(budget.reserved), budget \(budget.budget), left \(budget.remaining)")
        line()
        line("next runs:")
        for (gid, slots) in nextRuns {
            let zone = CampaignPlan.zoneFor(gid, zones)
            if slots.isEmpty { line("  \(gid): none (\(plan.schedule.hasClockSlots ? "schedule finished" : plan.schedule.recurrence.summary))") }
            for s in slots {
                let note = s.adjustment == .exact ? "" : " (\(s.adjustment): asked for \(s.local))"
                line("  \(gid)  \(CampaignText.time(s.dueAt, zone: zone)) \(zone.identifier)\(note)")
            }
        }
        for d in draws {
            line()
            line("draw round \(d.round): seed \(d.seed), \(d.pool.count) eligible, winners \(d.winners.map(\.memberID).joined(separator: ", "))"
                + (d.shortfall > 0 ? ", \(d.shortfall) not given" : ""))
        }
        if !ledger.isEmpty {
            line()
            line("ledger (\(ledger.count) entries, \(progress.spent)):")
            for e in ledger.suffix(10) { line("  \(CampaignText.time(e.recordedAt))  \(e.kind.rawValue)  \(e.amount)  \(e.memberID ?? "")  \(e.note ?? "")") }
        }
        line()
        line("outbox (\(outbox.count)):")
        var table = TextTable(columns: ["ID", "STATE", "DUE", "GROUP", "ACTION", "TEXT"])
        for o in outbox {
            table.add([String(o.id), o.state.rawValue, CampaignText.time(o.dueAt, zone: CampaignPlan.zoneFor(o.groupID, zones)), o.groupID, o.action,
                       o.command.detail])
        }
        out += table.render()
        line()
        line("timeline:")
        for e in audit { line("  \(CampaignText.time(e.at))  \(e.actor)  \(e.action)  \(e.reason ?? "")") }
        print(out, terminator: "")
    }
}

struct CampaignTrigger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger", abstract: "Run a campaign now in every target group (budget-checked; a lottery draws).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The campaign id.") var id: String
    @Option(name: .long, help: "Lottery: the draw's seed (a UInt64, or --seed-text); default random, recorded either way.") var seed: UInt64?
    @Option(name: .long, help: "Lottery: derive the seed from public text agreed on before the draw.") var seedText: String?
    @OptionGroup var clock: ClockOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let seed = seedText.map(LotteryDraw.seed(fromPublicText:)) ?? seed
        let report = try storeCall { try store.triggerCampaign(id: id, actor: storeOptions.actor, now: try clock.resolve(), seed: seed) }
        printError("campaign: " + CampaignText.summary(report))
        if let stop = report.queue.budgetStop { throw CommandFailure("campaign \(id) stopped and paused: \(stop)") }
    }
}

struct CampaignRedraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redraw", abstract: "Lottery: draw more winners with a new recorded seed, never repeating a winner.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The campaign id.") var id: String
    @Option(name: .long, help: "How many more winners (default 1).") var winners: Int = 1
    @Option(name: .long, help: "The seed (default random, recorded).") var seed: UInt64?
    @OptionGroup var clock: ClockOptions

    func validate() throws {
        guard winners > 0 else { throw ValidationError("--winners must be at least 1") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let result = try storeCall {
            try store.drawLottery(campaignID: id, seed: seed, winners: winners, actor: storeOptions.actor, now: try clock.resolve())
        }
        if let stop = result.queue.budgetStop { throw CommandFailure("campaign \(id) stopped and paused: \(stop)") }
        if let d = result.draw {
            printError("campaign: \(id) round \(d.round), seed \(d.seed): \(d.winners.map(\.memberID).joined(separator: ", "))"
                + (d.shortfall > 0 ? " (\(d.shortfall) not given: pool too small)" : ""))
        }
    }
}

/// pause / resume / cancel share everything but the command.
protocol CampaignMove: ParsableCommand {
    static var command: CampaignLifecycle.Command { get }
    var storeOptions: StoreOptions { get }
    var id: String { get }
    var reason: String? { get }
    var clock: ClockOptions { get }
}

extension CampaignMove {
    func run() throws {
        let store = try storeOptions.openExisting()
        let move = try storeCall {
            try store.transitionCampaign(id: id, command: Self.command, actor: storeOptions.actor, reason: reason, now: try clock.resolve())
        }
        printError("campaign: " + move.describe(campaignID: id, reason: reason))
    }
}

struct CampaignPause: CampaignMove {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a scheduled or running campaign.")
    static let command = CampaignLifecycle.Command.pause
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The campaign id.") var id: String
    @Option(name: .long, help: "Why (kept in the audit log).") var reason: String?
    @OptionGroup var clock: ClockOptions
}

struct CampaignResume: CampaignMove {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a paused campaign (slots that fell in the pause are not posted).")
    static let command = CampaignLifecycle.Command.resume
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The campaign id.") var id: String
    @Option(name: .long, help: "Why (kept in the audit log).") var reason: String?
    @OptionGroup var clock: ClockOptions
}

struct CampaignCancel: CampaignMove {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a campaign (final).")
    static let command = CampaignLifecycle.Command.cancel
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The campaign id.") var id: String
    @Option(name: .long, help: "Why (kept in the audit log).") var reason: String?
    @OptionGroup var clock: ClockOptions
}
