/// Counts of a detector's calls on labelled messages, and the figures the benchmark and `rules replay`
/// report from them.
public struct DetectionScore: Sendable, Equatable {
    public var truePositives = 0
    public var falseNegatives = 0
    public var falsePositives = 0
    public var trueNegatives = 0

    public init() {}

    public mutating func record(flagged: Bool, isSpam: Bool) {
        switch (flagged, isSpam) {
        case (true, true): truePositives += 1
        case (false, true): falseNegatives += 1
        case (true, false): falsePositives += 1
        case (false, false): trueNegatives += 1
        }
    }

    public var spam: Int { truePositives + falseNegatives }
    public var ham: Int { falsePositives + trueNegatives }

    /// Share of spam flagged; nil without spam.
    public var recall: Double? { spam == 0 ? nil : Double(truePositives) / Double(spam) }
    /// Share of flags that were spam; nil without flags.
    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }
    /// Share of ordinary messages flagged; nil without ordinary messages.
    public var falsePositiveRate: Double? { ham == 0 ? nil : Double(falsePositives) / Double(ham) }
}
