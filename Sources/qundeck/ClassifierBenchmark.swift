import ArgumentParser
import Foundation
import QunCore

/// Precision, recall and false positives of the rules, the classifier and both, on labelled messages the
/// classifier was never trained on, and the cost of scoring one message.
struct ClassifierBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier",
        abstract: "Measure the spam classifier against the rules on held-out labelled chat; prints figures.",
        discussion: """
            The classifier is the seed model (SeedCorpus) and nothing else. It is evaluated on
            Benchmarks/classifier/heldout-{spam,ham}.txt and on the rules' corpus in Tests/QunCoreTests/Corpus,
            neither of which it was trained on. Build with `swift build -c release` for meaningful timings.
            """)

    @Option(name: .long, help: "Folder with heldout-spam.txt and heldout-ham.txt.") var heldout = "Benchmarks/classifier"
    @Option(name: .long, help: "Folder with the rules' corpus (spam.txt, ordinary.txt); empty to skip.")
    var corpus = "Tests/QunCoreTests/Corpus"
    @Option(name: .long, help: "Spam probability at which the classifier flags.") var threshold = ClassifierRule.standardThreshold
    @Option(name: .long, help: "Times each message is scored for the timing.") var repeats = 20

    struct EvaluationSet {
        var name: String
        var spam: [String]
        var ham: [String]
    }

    func run() throws {
        var sets = [try load(name: "held-out", spam: "\(heldout)/heldout-spam.txt", ham: "\(heldout)/heldout-ham.txt")]
        if !corpus.isEmpty { sets.append(try load(name: "rules corpus", spam: "\(corpus)/spam.txt", ham: "\(corpus)/ordinary.txt")) }

        let trainingStarted = DispatchTime.now()
        let classifier = SpamClassifier.seeded()
        let trainingMs = Double(DispatchTime.now().uptimeNanoseconds - trainingStarted.uptimeNanoseconds) / 1e6
        print("classifier: seed model, \(classifier.model.spamSamples) spam + \(classifier.model.hamSamples) ham samples, "
            + "\(classifier.model.features.count) features, trained in \(String(format: "%.1f", trainingMs)) ms; threshold \(threshold)")
        let rules = RuleEngine()

        print(String(repeating: "-", count: 86))
        print("set            detector            spam   ham   recall   false pos   precision")
        for set in sets {
            var scores = [("rules alone", DetectionScore()), ("classifier alone", DetectionScore()), ("rules+classifier", DetectionScore())]
            for (texts, isSpam) in [(set.spam, true), (set.ham, false)] {
                for text in texts {
                    let byRules = !rules.evaluate(text).isClean
                    let byClassifier = classifier.assess(text).isSpam(threshold: threshold)
                    scores[0].1.record(flagged: byRules, isSpam: isSpam)
                    scores[1].1.record(flagged: byClassifier, isSpam: isSpam)
                    scores[2].1.record(flagged: byRules || byClassifier, isSpam: isSpam)
                }
            }
            for (name, score) in scores {
                print(
                    set.name.padding(toLength: 15, withPad: " ", startingAt: 0) + name.padding(toLength: 18, withPad: " ", startingAt: 0)
                        + String(format: "%6d %5d   %6.3f   %4d %5.2f%%   %6.3f", score.spam, score.ham, score.recall ?? 0,
                            score.falsePositives, 100 * (score.falsePositiveRate ?? 0), score.precision ?? 0))
            }
            if ProcessInfo.processInfo.environment["QUNDECK_BENCH_MISSES"] != nil {
                for text in set.spam where rules.evaluate(text).isClean && !classifier.assess(text).isSpam(threshold: threshold) {
                    print("  missed: \(text) (\(String(format: "%.3f", classifier.assess(text).probability)))")
                }
                for text in set.ham where classifier.assess(text).isSpam(threshold: threshold) {
                    print("  false positive: \(text) — \(classifier.assess(text).reason)")
                }
            }
        }
        print(String(repeating: "-", count: 86))

        let all = sets.flatMap { $0.spam + $0.ham }
        var sink = 0.0
        let classifierNs = time(all) { sink += classifier.assess($0).probability }
        let tokenizerNs = time(all) { sink += Double(SpamTokenizer.featureHashes(in: $0).count) }
        let rulesNs = time(all) { sink += Double(rules.evaluate($0).flags.count) }
        print(String(format: "per message (mean over %d messages x %d): classifier %.1f µs (of which folding and features %.1f µs), rules %.1f µs",
            all.count, repeats, classifierNs / 1000, tokenizerNs / 1000, rulesNs / 1000))
        if sink.isNaN { print("") }
    }

    private func time(_ texts: [String], _ body: (String) -> Void) -> Double {
        for text in texts { body(text) }  // warm-up: the folding tables are built on first use
        let started = DispatchTime.now()
        for _ in 0..<repeats { for text in texts { body(text) } }
        return Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / Double(repeats * texts.count)
    }

    private func load(name: String, spam: String, ham: String) throws -> EvaluationSet {
        EvaluationSet(name: name, spam: try samples(spam), ham: try samples(ham))
    }

    private func samples(_ path: String) throws -> [String] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationError("\(path): cannot read (\(error.localizedDescription)); run from the repository root or pass --heldout/--corpus")
        }
        let file = SampleFile(text: text, file: path)
        if let first = file.rejected.first { throw ValidationError("\(first)") }
        return file.samples
    }
}
