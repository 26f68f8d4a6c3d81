import ArgumentParser
import Foundation
import QunCore
import QunStore

struct ModCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mod", abstract: "The review queue from the command line: list, act, undo, note.",
        subcommands: [ModList.self, ModAct.self, ModUndo.self, ModNote.self], defaultSubcommand: ModList.self)
}

struct ModList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Open queue items, most urgent first.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Only this group.") var group: String?
    @Option(name: .long, help: "At most this many.") var limit: Int = 200
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let total = try store.openCaseCount(groupID: group)
        let rows = try store.moderationQueue(limit: group == nil ? limit : total).filter { group == nil || $0.item.groupID == group }.prefix(limit)
        // On stderr, so a script reading the table or the JSON still gets only rows.
        if rows.count < total { printError("mod list: \(rows.count) of \(total), --limit to see more") }
        if output.json {
            struct Row: Encodable {
                var id: Int64
                var kind, status, group, group_name, member, member_name, reason: String
                var rule, evidence, text, claimed_by: String?
                var severity, prior_cases: Int
                var created_at: Date
            }
            try JSONOutput.print(rows.map {
                Row(id: $0.id, kind: $0.item.kind.rawValue, status: $0.item.status.rawValue, group: $0.item.groupID,
                    group_name: $0.groupName, member: $0.item.memberID, member_name: $0.memberName, reason: $0.item.reason,
                    rule: $0.item.rule, evidence: $0.item.evidence, text: $0.messageText, claimed_by: $0.item.claimedBy,
                    severity: $0.item.severity, prior_cases: $0.priorCases, created_at: $0.item.createdAt)
            })
            return
        }
        var table = TextTable(columns: ["ID", "SEV", "KIND", "GROUP", "MEMBER", "REASON", "AGE"])
        let now = Date()
        for r in rows {
            let age = Int(now.timeIntervalSince(r.item.createdAt))
            table.add([String(r.id), String(r.item.severity), r.item.kind.rawValue + (r.item.status == .escalated ? "!" : ""), r.groupName,
                       r.memberName, r.item.reason + (r.item.evidence.map { ": " + $0 } ?? ""),
                       age < 3600 ? "\(age / 60)m" : age < 86_400 ? "\(age / 3600)h" : "\(age / 86_400)d"])
        }
        print(table.render(), terminator: "")
    }
}

struct ModAct: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act", abstract: "Act on queue items: approve, reject, warn, mute, kick, ban, delete, escalate, claim.",
        discussion: "Several ids are acted on together in one transaction: all succeed or none does.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "Queue item ids (see `qundeck mod list`).") var ids: [Int64]
    @Option(name: .long, help: "approve, reject, warn, mute, kick, ban, delete, escalate or claim.") var action: String
    @Option(name: .long, help: "Why (kept in the audit log).") var reason: String?
    @Option(name: .long, help: "Mute duration, e.g. 30m, 1h, 1d (default 1h).") var duration: String?

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give at least one queue item id") }
        if let duration, DurationText.parse(duration) == nil {
            throw ValidationError("--duration \"\(duration)\" is not a duration (e.g. 30m, 1h, 1d)")
        }
        guard ModerationAction(name: action) != nil else {
            throw ValidationError("unknown action \"\(action)\" (one of \(ModerationAction.names.joined(separator: ", ")))")
        }
        if duration != nil, action != "mute" { throw ValidationError("--duration only applies to --action mute") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let act = ModerationAction(name: action, muteSeconds: duration.flatMap(DurationText.parse))!
        do {
            let audit = try store.act(on: ids, act, actor: storeOptions.actor, reason: reason)
            printError("mod: \(act.name) on \(ids.count) item(s); audit \(audit.map(String.init).joined(separator: ", ")) (undo: qundeck mod undo ID)")
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

struct ModUndo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo an action: the given audit entry, or your latest.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The audit entry id (see `qundeck audit`); default: your latest action.") var auditID: Int64?

    func run() throws {
        let store = try storeOptions.openExisting()
        do {
            for entry in try store.undo(auditID: auditID, actor: storeOptions.actor) {
                printError("mod: undid audit \(entry.undoes ?? 0) (\(entry.action)): \(entry.reason ?? "")")
            }
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

struct ModNote: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to a queue item.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The queue item id.") var id: Int64
    @Argument(help: "The note.") var text: String

    func run() throws {
        let store = try storeOptions.openExisting()
        do { try store.addCaseNote(caseID: id, text: text, author: storeOptions.actor) } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit log: who did what, when, why, on which evidence (newest first).")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Only entries about this member.") var member: String?
    @Option(name: .long, help: "At most this many.") var limit: Int = 100
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let entries = try store.auditEntries(memberID: member, limit: limit)
        if output.json {
            try JSONOutput.print(entries)
            return
        }
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var table = TextTable(columns: ["ID", "AT", "ACTOR", "ACTION", "GROUP", "MEMBER", "ITEM", "REASON", "RULE / EVIDENCE"])
        for e in entries {
            table.add([String(e.id), f.string(from: e.at), e.actor, e.action, e.groupID ?? "", e.memberID ?? "",
                       e.caseID.map(String.init) ?? "", e.reason ?? "", [e.rule, e.evidence].compactMap { $0 }.joined(separator: ": ")])
        }
        print(table.render(), terminator: "")
    }
}
