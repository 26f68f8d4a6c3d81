import Foundation

/// A multinomial naive Bayes model over `SpamTokenizer` features, kept as counts so that a sample can be
/// added or taken back exactly (an admin's undo unlearns what their decision taught).
///
/// Each feature counts once per message (short chat messages make the binary variant the better one),
/// with add-one smoothing. Features never seen in training say nothing and are left out of the score;
/// otherwise every unseen word would push towards the class with fewer samples.
public struct NaiveBayesModel: Codable, Sendable, Equatable {
    public struct Counts: Codable, Sendable, Equatable {
        public var spam: Int
        public var ham: Int
    }

    public private(set) var spamSamples = 0
    public private(set) var hamSamples = 0
    public private(set) var spamFeatureTotal = 0
    public private(set) var hamFeatureTotal = 0
    public private(set) var features: [String: Counts] = [:]
    /// `features` keyed by `StableHash.fnv1a` of the feature, for scoring from `SpamTokenizer.featureHashes`.
    private var hashed: [UInt64: Counts] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case spamSamples, hamSamples, spamFeatureTotal, hamFeatureTotal, features
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        spamSamples = try container.decode(Int.self, forKey: .spamSamples)
        hamSamples = try container.decode(Int.self, forKey: .hamSamples)
        spamFeatureTotal = try container.decode(Int.self, forKey: .spamFeatureTotal)
        hamFeatureTotal = try container.decode(Int.self, forKey: .hamFeatureTotal)
        features = try container.decode([String: Counts].self, forKey: .features)
        for (token, counts) in features { hashed[StableHash.fnv1a(token)] = counts }
    }

    public mutating func add(_ tokens: [String], as label: SampleLabel) {
        apply(tokens, label, +1)
    }

    /// Takes back a sample added earlier with the same tokens and label. Counts never go below zero,
    /// so removing a sample that was never added cannot corrupt the model.
    public mutating func remove(_ tokens: [String], as label: SampleLabel) {
        apply(tokens, label, -1)
    }

    private mutating func apply(_ tokens: [String], _ label: SampleLabel, _ delta: Int) {
        switch label {
        case .spam:
            spamSamples = max(0, spamSamples + delta)
            spamFeatureTotal = max(0, spamFeatureTotal + delta * tokens.count)
        case .ham:
            hamSamples = max(0, hamSamples + delta)
            hamFeatureTotal = max(0, hamFeatureTotal + delta * tokens.count)
        }
        for token in tokens {
            var counts = features[token] ?? Counts(spam: 0, ham: 0)
            switch label {
            case .spam: counts.spam = max(0, counts.spam + delta)
            case .ham: counts.ham = max(0, counts.ham + delta)
            }
            let stored: Counts? = counts.spam == 0 && counts.ham == 0 ? nil : counts
            features[token] = stored
            hashed[StableHash.fnv1a(token)] = stored
        }
    }

    public var isEmpty: Bool { spamSamples == 0 || hamSamples == 0 }

    /// log P(spam | tokens) − log P(ham | tokens). Zero when the model has not seen both classes.
    public func logOdds(_ tokens: [String]) -> Double {
        logOdds(hashes: tokens.map(StableHash.fnv1a))
    }

    /// P(spam | tokens), 0…1.
    public func probability(_ tokens: [String]) -> Double {
        probability(hashes: tokens.map(StableHash.fnv1a))
    }

    /// `logOdds` from feature hashes (`SpamTokenizer.featureHashes`): the same figure, without the strings.
    public func logOdds(hashes: [UInt64]) -> Double {
        guard !isEmpty else { return 0 }
        let vocabulary = Double(features.count)
        let spamDenominator = log(Double(spamFeatureTotal) + vocabulary)
        let hamDenominator = log(Double(hamFeatureTotal) + vocabulary)
        var score = log(Double(spamSamples)) - log(Double(hamSamples))
        for hash in hashes {
            guard let counts = hashed[hash] else { continue }
            score += log(Double(counts.spam + 1)) - spamDenominator
            score -= log(Double(counts.ham + 1)) - hamDenominator
        }
        return score
    }

    public func probability(hashes: [UInt64]) -> Double {
        1 / (1 + exp(-logOdds(hashes: hashes)))
    }

    /// How strongly one feature points to `label`: the log ratio of its smoothed likelihoods.
    public func weight(of token: String, towards label: SampleLabel = .spam) -> Double {
        let counts = features[token] ?? Counts(spam: 0, ham: 0)
        let vocabulary = Double(features.count)
        let spam = log(Double(counts.spam + 1)) - log(Double(spamFeatureTotal) + vocabulary)
        let ham = log(Double(counts.ham + 1)) - log(Double(hamFeatureTotal) + vocabulary)
        return label == .spam ? spam - ham : ham - spam
    }

    /// The features that point most strongly to `label`, seen in at least `minimumSamples` of its samples
    /// (a feature seen once says more about that message than about spam).
    public func topFeatures(towards label: SampleLabel, limit: Int, minimumSamples: Int = 2) -> [FeatureWeight] {
        var weights: [FeatureWeight] = []
        for (token, counts) in features where (label == .spam ? counts.spam : counts.ham) >= minimumSamples {
            weights.append(FeatureWeight(token: token, weight: weight(of: token, towards: label), counts: counts))
        }
        weights.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.token < $1.token }
        return Array(weights.prefix(limit))
    }
}

/// One feature and how strongly it points to a label, for `rules model`.
public struct FeatureWeight: Sendable, Equatable {
    public var token: String
    public var weight: Double
    public var counts: NaiveBayesModel.Counts
}
