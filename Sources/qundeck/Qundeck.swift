import ArgumentParser
import Foundation
import QunCore
import QunStore
import QunTUI

struct Qundeck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qundeck",
        abstract: "A keyboard-driven terminal dashboard for community chat groups (社群运营).",
        discussion: """
            With no subcommand, qundeck opens the dashboard on the default store.
            Store: --store PATH|postgres://USER@HOST/DB, else $QUNDECK_STORE, else $XDG_DATA_HOME/qundeck/qundeck.sqlite.
            Actor (who the audit log names): --actor NAME, else `actor` in config.toml, else $USER.
            """,
        subcommands: [
            DashboardCommand.self, DemoCommand.self, SimulateCommand.self, IngestCommand.self, GroupsCommand.self, GroupCommand.self,
            MembersCommand.self, MemberCommand.self, CheckinsCommand.self, TopCommand.self, StatsCommand.self, ExportCommand.self,
            ImportCommand.self, RulesCommand.self, ModCommand.self, AuditCommand.self, OutboxCLI.self, ConnectCommand.self, BenchCommand.self,
            CampaignCommand.self, RunCommand.self, KeysCommand.self,
            StoreCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self)
}

struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: a SQLite file, or a team store on PostgreSQL as postgres://USER@HOST[:PORT]/DB[?schema=NAME] "
                + "(password from PGPASSWORD). Default: $QUNDECK_STORE or ~/.local/share/qundeck/qundeck.sqlite.",
            valueName: "path|postgres://…"))
    var store: String?

    @Option(
        name: .customLong("actor"),
        help: ArgumentHelp("Who the audit log names for this command's actions (default: `actor` in config.toml, else $USER).", valueName: "name"))
    var explicitActor: String?

    func validate() throws {
        if let explicitActor, explicitActor.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--actor needs a name")
        }
        _ = try opener
    }

    var opener: StoreOpener { get throws { try StoreOpener(explicit: store) } }

    func open() throws -> any QundeckStore { try opener.open() }

    /// Opens an existing store; listing commands must not create an empty one by accident.
    func openExisting() throws -> any QundeckStore { try opener.openExisting() }

    /// Who acts: `--actor`, else `actor` in config.toml, else $USER.
    var actor: String {
        get throws {
            if let explicitActor { return explicitActor }
            let environment = ProcessInfo.processInfo.environment
            do {
                if let configured = try Settings.load(from: Settings.url(environment: environment)).actor { return configured }
            } catch {
                throw CommandFailure("\(error)")
            }
            return environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
        }
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false
}

enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// Parses `--since` values: YYYY-MM-DD (midnight in the given zone), RFC 3339, or a span like 7d / 12h.
enum DateArgument {
    static func parse(_ text: String, now: Date, zone: TimeZone) throws -> Date {
        if let day = LocalDay(iso: text) { return day.start(in: zone) }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        if let span = try? DurationArgument.parse(text) { return now.addingTimeInterval(-span) }
        throw ValidationError("\"\(text)\" is not a date: use YYYY-MM-DD, an RFC 3339 time, or a span such as 7d or 12h")
    }
}

enum DurationArgument {
    /// "90s", "15m", "1h", "7d", "2w" → seconds (QunCore's `DurationText`), with a usage error for anything else.
    static func parse(_ text: String) throws -> TimeInterval {
        guard let seconds = DurationText.parse(text) else {
            throw ValidationError("\"\(text)\" is not a duration: use a number and s, m, h, d or w (e.g. 1h, 7d)")
        }
        return seconds
    }
}
