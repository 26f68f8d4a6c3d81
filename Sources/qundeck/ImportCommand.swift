import ArgumentParser
import Foundation
import QunCore
import QunIngest
import QunStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a platform export: Telegram Desktop result.json, WhatsApp .txt/.zip, Telegram Bot API updates, DiscordChatExporter JSON.",
        discussion: """
            Streams the file (a 1 GB export stays in bounded memory), reports each bad record as FILE:position: reason and
            imports the rest, then prints a summary. Importing the same file twice adds nothing. Exit status 2 when any
            record was rejected. See docs/imports.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case auto, telegram, whatsapp, discord, telegramBot = "telegram-bot" }

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The export file.") var file: String
    @Option(name: .long, help: "auto, telegram, whatsapp, discord or telegram-bot.") var format: Format = .auto
    @Option(name: .long, help: "Store everything under this group id (default: from the export).") var group: String?
    @Option(name: .long, help: "The exporter's time zone for exports without one (WhatsApp; Telegram `date` without `date_unixtime`).")
    var tz: String?
    @Option(name: .customLong("date-order"), help: "WhatsApp day/month order when the file leaves it ambiguous: dmy or mdy.")
    var dateOrder: String?
    @Flag(name: .customLong("include-private"), help: "Telegram: import personal chats too.") var includePrivate = false
    @Flag(name: .long, help: "No progress or summary on stderr (bad records are still reported).") var quiet = false

    func validate() throws {
        if let tz, TimeZone(identifier: tz) == nil { throw ValidationError("--tz \"\(tz)\" is not an IANA time zone (e.g. Asia/Shanghai)") }
        if let dateOrder, DateOrder(rawValue: dateOrder) == nil { throw ValidationError("--date-order must be dmy or mdy") }
    }

    func run() throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw CommandFailure("\(file): cannot open (\(FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file"))")
        }
        let options = ImportOptions(
            format: format == .auto ? nil : ImportFormat(rawValue: format.rawValue), groupID: group,
            timeZone: tz.flatMap(TimeZone.init(identifier:)), dateOrder: dateOrder.flatMap(DateOrder.init(rawValue:)),
            includePrivateChats: includePrivate)
        let store = try storeOptions.open()
        let progress = ProgressReporter(label: "import", quiet: quiet)
        var stored = AppendResult()
        var seen = 0
        let started = Date()
        let summary: ImportSummary
        do {
            summary = try Importer(options: options).run(
                url: URL(fileURLWithPath: file), into: store,
                onProblem: { [file] problem in printError("\(file):\(problem.position): \(problem.reason)") },
                committed: { result, events in
                    stored = stored + result
                    seen += events
                    progress.update(count: seen, unit: "events")
                })
        } catch let error as ImportError {
            progress.finish()
            throw CommandFailure(error.description)
        }
        progress.finish()
        if !quiet {
            var lines = [
                "import: \(summary.format.displayName) → \(summary.groups.joined(separator: ", "))",
                "  \(summary.messages) messages, \(summary.joins) joins, \(summary.leaves) leaves, \(summary.removes) removes, \(summary.other) other; \(summary.members) members",
                "  stored \(stored.inserted) new events, \(stored.duplicates) already stored, \(stored.flagged) flagged by rules (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)",
            ]
            if summary.skipped > 0 {
                lines.append("  skipped \(summary.skipped): " + summary.skippedReasons.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
            }
            if summary.problems > 0 { lines.append("  \(summary.problems) bad records (reported above)") }
            for warning in summary.warnings { lines.append("  warning: \(warning)") }
            printError(lines.joined(separator: "\n"))
        }
        if summary.problems > 0 { throw ExitCode(2) }
    }
}
