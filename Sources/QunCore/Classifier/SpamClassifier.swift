import Foundation

/// Naive Bayes over `SpamTokenizer` features plus a similarity index of confirmed spam: the first says
/// how spam-like a message reads, the second which removed messages it resembles. Pure: it changes only
/// through `learn`/`unlearn`, and the caller decides where samples come from and where the model is kept.
public struct SpamClassifier: Sendable {
    /// A message this similar to a stored spam sample is spam whatever its probability: a near copy of
    /// something the admins removed.
    public static let nearDuplicate = 0.75

    public private(set) var model: NaiveBayesModel
    public private(set) var index: SimilarityIndex

    public init(model: NaiveBayesModel = NaiveBayesModel(), index: SimilarityIndex = SimilarityIndex()) {
        self.model = model
        self.index = index
    }

    /// Trained on the shipped seed corpus (`SeedCorpus`); seed spam is indexed with negative ids.
    public static func seeded() -> SpamClassifier {
        var classifier = SpamClassifier()
        for (offset, text) in SeedCorpus.spam.enumerated() { classifier.learn(text, as: .spam, id: -Int64(offset + 1)) }
        for text in SeedCorpus.ham { classifier.learn(text, as: .ham) }
        return classifier
    }

    /// Adds a sample. Spam with an `id` also goes into the similarity index, so later messages can cite it.
    public mutating func learn(_ text: String, as label: SampleLabel, id: Int64? = nil) {
        let features = SpamTokenizer.tokens(in: text)
        model.add(features, as: label)
        if label == .spam, let id { index.add(id: id, text: text, features: features) }
    }

    /// Takes back a sample `learn` added with the same text, label and id.
    public mutating func unlearn(_ text: String, as label: SampleLabel, id: Int64? = nil) {
        model.remove(SpamTokenizer.tokens(in: text), as: label)
        if label == .spam, let id { index.remove(id: id) }
    }

    public func assess(_ text: String) -> SpamAssessment {
        let hashes = SpamTokenizer.featureHashes(in: text)
        return SpamAssessment(probability: model.probability(hashes: hashes), similar: index.similar(toHashes: hashes))
    }

    public func assess(features: [String]) -> SpamAssessment {
        SpamAssessment(probability: model.probability(features), similar: index.similar(to: features))
    }
}

/// What the classifier says about one message.
public struct SpamAssessment: Sendable, Hashable {
    /// P(spam), 0…1.
    public var probability: Double
    /// The stored spam samples it resembles.
    public var similar: SimilarityEvidence

    public init(probability: Double, similar: SimilarityEvidence) {
        self.probability = probability
        self.similar = similar
    }

    /// The highest similarity to a stored spam sample, 0 when none is near.
    public var nearestSimilarity: Double { similar.nearest.first?.similarity ?? 0 }

    /// Spam at this threshold: probable enough, or a near copy of confirmed spam.
    public func isSpam(threshold: Double) -> Bool {
        probability >= threshold || nearestSimilarity >= SpamClassifier.nearDuplicate
    }

    /// What the case says: the score, then how many known spam messages look like this one.
    public var reason: String {
        let score = String(format: "%.2f", probability)
        guard similar.count > 0 else { return "looks like spam \(score)" }
        return "looks like spam \(score): similar to \(similar.count) removed message\(similar.count == 1 ? "" : "s")"
    }

    public var chineseReason: String {
        let score = String(format: "%.2f", probability)
        guard similar.count > 0 else { return "疑似广告 \(score)" }
        return "疑似广告 \(score)：与 \(similar.count) 条已删除消息相似"
    }
}
