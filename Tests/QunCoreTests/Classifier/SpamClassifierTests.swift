import XCTest

@testable import QunCore

final class SpamClassifierTests: XCTestCase {
    func testSeededClassifierSeparatesSpamFromChat() {
        let classifier = SpamClassifier.seeded()
        XCTAssertTrue(classifier.assess("宝妈在家兼职，每天两小时，日结三百，加v了解").isSpam(threshold: 0.9))
        XCTAssertFalse(classifier.assess("明天早上八点在小区门口集合，大家别迟到").isSpam(threshold: 0.9))
    }

    func testAnAdminDecisionMakesTheNextCatchBetter() {
        var classifier = SpamClassifier.seeded()
        let novel = "家里闲置的黄金首饰回收，克价比金店高二十，上门收"
        let variant = "家里闲置黄金首饰回收，克价比金店高二十，可以上门收"
        let before = classifier.assess(variant)
        XCTAssertEqual(before.similar.count, 0)
        classifier.learn(novel, as: .spam, id: 42)
        let after = classifier.assess(variant)
        XCTAssertGreaterThan(after.probability, before.probability)
        XCTAssertEqual(after.similar.nearest.first?.id, 42)
        XCTAssertTrue(after.isSpam(threshold: 0.99), "a near copy of removed spam is spam")
        XCTAssertTrue(after.reason.contains("similar to 1 removed message"), after.reason)
        XCTAssertTrue(after.chineseReason.contains("与 1 条已删除消息相似"), after.chineseReason)

        classifier.unlearn(novel, as: .spam, id: 42)
        XCTAssertEqual(classifier.assess(variant), before, "undo takes the lesson back")
    }

    func testHamLearnedFromAnApprovalLowersTheScore() {
        var classifier = SpamClassifier.seeded()
        let text = "业主群通知：明早八点物业上门检查燃气管道，家里留人"
        let before = classifier.assess(text).probability
        classifier.learn(text, as: .ham)
        XCTAssertLessThan(classifier.assess(text).probability, before)
    }

    func testReasonWithoutSimilarSamplesGivesTheScoreOnly() {
        let assessment = SpamAssessment(probability: 0.934, similar: SimilarityEvidence(count: 0, nearest: []))
        XCTAssertEqual(assessment.reason, "looks like spam 0.93")
        XCTAssertEqual(assessment.chineseReason, "疑似广告 0.93")
    }
}
