import ArgumentParser
import Foundation
import QunCore
import QunStore

/// `rules learn --spam FILE --ham FILE`: teach the shared classifier from admins' own sample files.
struct RulesLearn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Teach the spam classifier from files of sample messages (one per line); the store keeps them for the team.",
        discussion: """
            One message per line; lines starting with # are comments; \\u{200B} stands for an invisible character;
            `family<TAB>message` lines are accepted (the family is ignored). Lines that cannot be samples are
            reported as FILE:LINE: reason and skipped; lines already learned are skipped.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "A file of spam messages (repeatable).") var spam: [String] = []
    @Option(name: .long, help: "A file of ordinary messages (repeatable).") var ham: [String] = []

    func validate() throws {
        if spam.isEmpty && ham.isEmpty { throw ValidationError("give --spam FILE and/or --ham FILE") }
    }

    func run() throws {
        var imports: [SampleFileImport] = []
        for (paths, label) in [(spam, SampleLabel.spam), (ham, SampleLabel.ham)] {
            for path in paths {
                let text: String
                do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                    throw ValidationError("\(path): cannot read as UTF-8 text (\(error.localizedDescription))")
                }
                let file = SampleFile(text: text, file: path)
                for rejected in file.rejected { printError("\(rejected)") }
                imports.append(SampleFileImport(path: path, label: label, file: file))
            }
        }
        let store = try storeOptions.open()
        let added = try store.learnSamples(imports)
        for (item, count) in zip(imports, added) {
            let skipped = item.file.samples.count - count
            printError("rules learn: \(item.path): \(count) \(item.label.rawValue) sample(s) learned"
                + (skipped > 0 ? ", \(skipped) already known" : "") + (item.file.rejected.isEmpty ? "" : ", \(item.file.rejected.count) bad line(s)"))
        }
        if imports.contains(where: { !$0.file.rejected.isEmpty }) { throw ExitCode(1) }
    }
}

/// `rules model`: what the shared classifier knows.
struct RulesModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Show the spam classifier: samples by source, when it last learned, its strongest features.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "How many top features to show per label.") var top = 15
    @OptionGroup var output: OutputOptions

    func run() throws {
        let opener = try storeOptions.opener
        let summary = opener.exists ? try opener.open().classifierSummary(topFeatures: top) : try seedOnlySummary()
        if output.json {
            struct Feature: Encodable {
                var feature: String
                var weight: Double
                var spam: Int
                var ham: Int
            }
            struct Counts: Encodable {
                var spam: Int
                var ham: Int
            }
            struct Report: Encodable {
                var seed: Counts
                var admin: Counts
                var file: Counts
                var removed: Int
                var lastTrained: Date?
                var features: Int
                var topSpam: [Feature]
                var topHam: [Feature]
            }
            func features(_ list: [FeatureWeight]) -> [Feature] {
                list.map { Feature(feature: $0.token, weight: ($0.weight * 1000).rounded() / 1000, spam: $0.counts.spam, ham: $0.counts.ham) }
            }
            func counts(_ c: ClassifierSummary.Count) -> Counts { Counts(spam: c.spam, ham: c.ham) }
            try JSONOutput.print(Report(
                seed: counts(summary.seed), admin: counts(summary.admin), file: counts(summary.file), removed: summary.removed,
                lastTrained: summary.lastTrained, features: summary.features, topSpam: features(summary.topSpam),
                topHam: features(summary.topHam)))
            return
        }
        var table = TextTable(columns: ["SOURCE", "SPAM", "HAM"])
        table.add(["seed (built in)", String(summary.seed.spam), String(summary.seed.ham)])
        table.add(["admin decisions", String(summary.admin.spam), String(summary.admin.ham)])
        table.add(["files (rules learn)", String(summary.file.spam), String(summary.file.ham)])
        print(table.render(), terminator: "")
        let trained = summary.lastTrained.map { ISO8601DateFormatter().string(from: $0) } ?? "never (seed only)"
        print("\nlast trained: \(trained); \(summary.removed) sample(s) taken back by undo; \(summary.features) features\n")
        var features = TextTable(columns: ["SPAM FEATURE", "WEIGHT", "SPAM/HAM", "HAM FEATURE", "WEIGHT", "SPAM/HAM"])
        for i in 0..<max(summary.topSpam.count, summary.topHam.count) {
            func cells(_ list: [FeatureWeight]) -> [String] {
                guard i < list.count else { return ["", "", ""] }
                return [list[i].token, String(format: "%.2f", list[i].weight), "\(list[i].counts.spam)/\(list[i].counts.ham)"]
            }
            features.add(cells(summary.topSpam) + cells(summary.topHam))
        }
        print(features.render(), terminator: "")
    }

    /// Without a store the classifier is the seed alone.
    private func seedOnlySummary() throws -> ClassifierSummary {
        let model = SpamClassifier.seeded().model
        return ClassifierSummary(
            seed: .init(spam: SeedCorpus.spam.count, ham: SeedCorpus.ham.count), admin: .init(), file: .init(), removed: 0,
            lastTrained: nil, features: model.features.count, topSpam: model.topFeatures(towards: .spam, limit: top),
            topHam: model.topFeatures(towards: .ham, limit: top))
    }
}
