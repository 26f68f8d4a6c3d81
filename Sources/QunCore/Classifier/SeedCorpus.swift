import Foundation

/// The labelled lines the classifier starts from, so a new store catches spam before any admin has
/// decided anything. Written by hand for qundeck (see docs/rules.md, "Seed corpus"); compiled in, so an
/// installed binary needs no resource bundle. The held-out lines in Benchmarks/classifier and the rules'
/// corpus in Tests/QunCoreTests/Corpus are never part of it: they measure it.
public enum SeedCorpus {
    public static let spam: [String] = lines(spamText)
    public static let ham: [String] = lines(hamText)

    /// One sample per line; blank lines and lines starting with "#" are skipped.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("#") ? nil : line
        }
    }
}
