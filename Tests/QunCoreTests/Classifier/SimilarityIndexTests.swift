import XCTest

@testable import QunCore

final class SimilarityIndexTests: XCTestCase {
    func testFindsNearCopiesOfStoredSpamWithTheirText() {
        var index = SimilarityIndex()
        let removed = "群主新号，请大家重新加一下微信 qz88667，老群不用了"
        index.add(id: 7, text: removed, features: SpamTokenizer.tokens(in: removed))
        index.add(id: 8, text: "今天下午三点小区停水", features: SpamTokenizer.tokens(in: "今天下午三点小区停水"))
        let evidence = index.similar(to: SpamTokenizer.tokens(in: "群主新号，请大家重新加一下微信 qz99881，老群不用了！"))
        XCTAssertEqual(evidence.count, 1)
        XCTAssertEqual(evidence.nearest.first?.id, 7)
        XCTAssertEqual(evidence.nearest.first?.text, removed)
        XCTAssertGreaterThanOrEqual(evidence.nearest.first?.similarity ?? 0, 0.75)
    }

    func testUnrelatedMessagesAndTinyMessagesFindNothing() {
        var index = SimilarityIndex()
        for (i, text) in SeedCorpus.spam.enumerated() { index.add(id: Int64(i), text: text, features: SpamTokenizer.tokens(in: text)) }
        XCTAssertEqual(index.similar(to: SpamTokenizer.tokens(in: "周六早上七点在公园南门集合，别迟到")).count, 0)
        XCTAssertEqual(index.similar(to: SpamTokenizer.tokens(in: "好的")).count, 0, "too few features to compare")
    }

    func testRemovedSamplesAreNoLongerCited() {
        var index = SimilarityIndex()
        let text = "扫码进群，每天都有免费福利，内部优惠券"
        index.add(id: 1, text: text, features: SpamTokenizer.tokens(in: text))
        XCTAssertEqual(index.count, 1)
        index.remove(id: 1)
        XCTAssertEqual(index.count, 0)
        XCTAssertEqual(index.similar(to: SpamTokenizer.tokens(in: text)).count, 0)
        index.add(id: 1, text: text, features: SpamTokenizer.tokens(in: text))
        XCTAssertEqual(index.similar(to: SpamTokenizer.tokens(in: text)).count, 1, "re-added once, cited once")
    }

    func testSignaturesAreTheSameInEveryProcess() {
        let signature = MinHashSignature(features: ["加微", "微信"])
        XCTAssertEqual(signature, MinHashSignature(features: ["微信", "加微"]))
        XCTAssertEqual(StableHash.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
    }
}
