import ArgumentParser
import Foundation
import QunCore
import QunPostgres
import QunStore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work on a store as a whole.",
        subcommands: [StoreMigrateCommand.self])
}

struct StoreMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a SQLite store into an empty PostgreSQL store, exactly, and compare both sides.",
        discussion: """
            Every data table is copied with the same ids and values in one PostgreSQL transaction, then each
            table's row count and content hash are compared on both sides; the copy is committed only when all
            match. The target must be empty. The SQLite store is only read.
            Example: qundeck store migrate --to 'postgres://qundeck@db.example/qundeck?schema=shop'
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: ArgumentHelp("The PostgreSQL store to fill (postgres://USER@HOST/DATABASE[?schema=NAME]).", valueName: "address"))
    var to: String
    @Option(name: .long, help: ArgumentHelp("The SQLite store to copy (default: the --store one).", valueName: "path"))
    var from: String?
    @Flag(name: .long, help: "No progress on stderr.") var quiet = false

    func validate() throws {
        guard PostgresAddress.isPostgres(to) else {
            throw ValidationError("--to must be a postgres:// address, not \"\(to)\"")
        }
        if let from, PostgresAddress.isPostgres(from) {
            throw ValidationError("--from must be a SQLite store file; migrating from PostgreSQL is not supported")
        }
    }

    func run() throws {
        let sourceURL: URL
        if let from {
            sourceURL = URL(fileURLWithPath: (from as NSString).expandingTildeInPath)
        } else {
            guard case let .sqlite(url) = try storeOptions.opener else {
                throw ValidationError("--store names a PostgreSQL store; give the SQLite store to copy with --from PATH")
            }
            sourceURL = url
        }
        guard FileManager.default.fileExists(atPath: sourceURL.path) else {
            throw ValidationError("no SQLite store at \(sourceURL.path)")
        }
        let source: SQLiteStore
        let target: PostgresStore
        do {
            source = try SQLiteStore(url: sourceURL)
            target = try PostgresStore(to)
        } catch {
            throw CommandFailure("\(error)")
        }
        let progress = ProgressReporter(label: "migrate", quiet: quiet)
        let started = Date()
        let report: StoreMigration.Report
        do {
            report = try StoreMigration().copy(from: source, to: target) { step in
                progress.update(
                    count: step.copiedRows, unit: "rows (\(step.table))",
                    fraction: step.totalRows == 0 ? nil : Double(step.copiedRows) / Double(step.totalRows))
            }
        } catch StoreMigration.Failure.mismatch(let report) {
            progress.finish()
            print(Self.summary(report), terminator: "")
            throw CommandFailure("the copy did not compare equal; nothing was committed to \(target.address)")
        } catch {
            progress.finish()
            throw CommandFailure("\(error)")
        }
        progress.finish()
        print(Self.summary(report), terminator: "")
        if !quiet {
            printError(
                "migrate: \(NumberText.grouped(report.rows)) rows in \(report.tables.count) tables in "
                    + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s → \(target.address)")
        }
    }

    static func summary(_ report: StoreMigration.Report) -> String {
        var table = TextTable(columns: ["TABLE", "SQLITE ROWS", "POSTGRES ROWS", "SQLITE HASH", "POSTGRES HASH", ""])
        for row in report.tables {
            table.add([
                row.table, NumberText.grouped(row.sourceRows), NumberText.grouped(row.targetRows), String(row.sourceHash.prefix(12)),
                String(row.targetHash.prefix(12)), row.matches ? "✓" : "✗",
            ])
        }
        return table.render()
    }
}
