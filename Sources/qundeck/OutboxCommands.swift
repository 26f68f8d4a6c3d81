import ArgumentParser
import Foundation
import QunCore
import QunStore

/// `qundeck outbox`: what qundeck has asked the platforms to do, item by item, and the operator's tools
/// for items that need a person.
struct OutboxCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "What qundeck has asked the platforms to do, and whether it was done.",
        subcommands: [OutboxList.self, OutboxRetry.self, OutboxCancel.self, OutboxResolve.self], defaultSubcommand: OutboxList.self)
}

extension OutboxState: ExpressibleByArgument {}

struct OutboxList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Outbox items, newest first: state, attempts, the last error and the platform's answer.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: [.long, .customLong("status")], help: ArgumentHelp(
        "Only items in these states (repeat or comma-separate): \(OutboxState.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "state"))
    var state: [String] = []
    @Option(name: .long, help: "Only this group.") var group: String?
    @Option(name: .long, help: "At most this many.") var limit: Int = 200
    @OptionGroup var output: OutputOptions

    func run() throws {
        var states = Set<OutboxState>()
        for name in state.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
            guard let parsed = OutboxState(rawValue: name) else {
                throw ValidationError("--state: unknown state '\(name)' (one of \(OutboxState.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            states.insert(parsed)
        }
        let store = try storeOptions.openExisting()
        let items = try storeCall { try store.outbox(states: states, groupID: group, limit: limit) }
        if output.json {
            try JSONOutput.print(items)
            return
        }
        let zones = try store.groupZones()
        var table = TextTable(columns: ["ID", "STATE", "TRIES", "DUE", "GROUP", "ACTION", "DETAIL", "LAST ERROR"])
        for o in items {
            table.add([
                String(o.id), o.state.rawValue, String(o.attempts), CampaignText.time(o.dueAt, zone: CampaignPlan.zoneFor(o.groupID, zones)),
                o.groupID, o.action, o.command.detail, o.lastError ?? "",
            ])
        }
        print(table.render(), terminator: "")
        let counts = try store.outboxCounts()
        let total = counts.values.reduce(0, +)
        if items.count < total, states.isEmpty, group == nil {
            print("\(items.count) of \(total) items, --limit to see more")
        }
        if let unknown = counts[.unknown], unknown > 0 {
            print("\(unknown) item(s) in state unknown: check the group, then `qundeck outbox resolve ID --sent` or `--not-sent`")
        }
    }
}

struct OutboxRetry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Send a failed, unknown or cancelled item again.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The item's id (see `qundeck outbox`).") var id: Int64

    func run() throws {
        let store = try storeOptions.openExisting()
        try storeCall { try store.retryOutboxItem(id: id, actor: storeOptions.actor) }
        print("outbox item \(id) queued again")
    }
}

struct OutboxCancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Stop an item that has not been sent (pending, held, or claimed and not yet sent).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The item's id (see `qundeck outbox`).") var id: Int64

    func run() throws {
        let store = try storeOptions.openExisting()
        try storeCall { try store.cancelOutboxItem(id: id, actor: storeOptions.actor) }
        print("outbox item \(id) cancelled")
    }
}

struct OutboxResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle an item in state unknown (its request got no answer): say whether the platform did it.",
        discussion: "Look at the group first. --sent marks it done; --not-sent marks it failed, and `outbox retry ID` sends it again.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The item's id (see `qundeck outbox --state unknown`).") var id: Int64
    @Flag(name: .long, help: "The platform did it.") var sent = false
    @Flag(name: .customLong("not-sent"), help: "The platform did not do it.") var notSent = false

    func validate() throws {
        guard sent != notSent else { throw ValidationError("say either --sent or --not-sent") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        try storeCall { try store.resolveOutboxItem(id: id, sent: sent, actor: storeOptions.actor) }
        print("outbox item \(id) resolved as \(sent ? "sent" : "not sent")")
    }
}
