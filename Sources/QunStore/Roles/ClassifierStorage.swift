import Foundation
import QunCore

/// The spam classifier's samples (learned from admins' decisions and imported files) and the model built from them.
public protocol ClassifierStorage: Sendable {
    func classifier() throws -> SpamClassifier
    func classifier(trainedBefore date: Date) throws -> SpamClassifier
    @discardableResult func learnSamples(_ imports: [SampleFileImport], now: Date) throws -> [Int]
    func classifierSummary(topFeatures: Int) throws -> ClassifierSummary
    func learnedSamples(limit: Int) throws -> [LearnedSample]
    func messageDecisions(groupID: String) throws -> [String: SampleLabel]
}

extension ClassifierStorage {
    @discardableResult public func learnSamples(_ imports: [SampleFileImport], now: Date = Date()) throws -> [Int] {
        try learnSamples(imports, now: now)
    }
    public func classifierSummary(topFeatures: Int = 15) throws -> ClassifierSummary {
        try classifierSummary(topFeatures: topFeatures)
    }
    public func learnedSamples(limit: Int = 100) throws -> [LearnedSample] {
        try learnedSamples(limit: limit)
    }
}
