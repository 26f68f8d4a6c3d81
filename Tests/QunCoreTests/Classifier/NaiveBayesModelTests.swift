import XCTest

@testable import QunCore

final class NaiveBayesModelTests: XCTestCase {
    func testLearnsWhichFeaturesPointToSpam() {
        var model = NaiveBayesModel()
        model.add(["加微", "微信", "<num:11>"], as: .spam)
        model.add(["加微", "兼职", "日结"], as: .spam)
        model.add(["早上", "上好", "<num:11>"], as: .ham)
        model.add(["吃饭", "饭了", "微信"], as: .ham)
        XCTAssertGreaterThan(model.probability(["加微", "日结"]), 0.8)
        XCTAssertLessThan(model.probability(["早上", "吃饭"]), 0.2)
        XCTAssertGreaterThan(model.weight(of: "加微"), 0)
        XCTAssertLessThan(model.weight(of: "吃饭"), 0)
    }

    func testUnseenFeaturesSayNothing() {
        var model = NaiveBayesModel()
        model.add(["a", "b"], as: .spam)
        model.add(["c", "d"], as: .ham)
        XCTAssertEqual(model.probability(["never", "seen"]), 0.5, accuracy: 1e-12)
    }

    func testRemovingASampleRestoresTheModelExactly() {
        var model = NaiveBayesModel()
        model.add(["a", "b"], as: .spam)
        model.add(["c"], as: .ham)
        let before = model
        model.add(["b", "e"], as: .spam)
        XCTAssertNotEqual(model, before)
        model.remove(["b", "e"], as: .spam)
        XCTAssertEqual(model, before)
    }

    func testRemovingWhatWasNeverAddedCannotGoNegative() {
        var model = NaiveBayesModel()
        model.remove(["x"], as: .ham)
        XCTAssertEqual(model, NaiveBayesModel())
        XCTAssertTrue(model.isEmpty)
        XCTAssertEqual(model.probability(["x"]), 0.5, accuracy: 1e-12, "an empty model has no opinion")
    }

    func testTopFeaturesNeedSeveralSamples() {
        var model = NaiveBayesModel()
        model.add(["加微", "once"], as: .spam)
        model.add(["加微", "兼职"], as: .spam)
        model.add(["早上"], as: .ham)
        let top = model.topFeatures(towards: .spam, limit: 5)
        XCTAssertEqual(top.map(\.token), ["加微"])
    }

    func testRoundTripsThroughJSON() throws {
        var model = NaiveBayesModel()
        model.add(["加微", "微信"], as: .spam)
        model.add(["早上"], as: .ham)
        let decoded = try JSONDecoder().decode(NaiveBayesModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
    }
}
