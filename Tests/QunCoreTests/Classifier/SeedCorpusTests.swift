import XCTest

@testable import QunCore

/// The seed corpus is training data; the held-out files and the rules' corpus measure it, so none of
/// their lines may be in it.
final class SeedCorpusTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func lines(_ relativePath: String) throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent(relativePath), encoding: .utf8)
        return text.split(separator: "\n").map { String($0) }.filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { line in line.firstIndex(of: "\t").map { String(line[line.index(after: $0)...]) } ?? line }
    }

    func testSeedIsLargeBalancedAndWithoutDuplicates() {
        XCTAssertGreaterThanOrEqual(SeedCorpus.spam.count, 200)
        XCTAssertGreaterThanOrEqual(SeedCorpus.ham.count, 250)
        XCTAssertEqual(Set(SeedCorpus.spam).count, SeedCorpus.spam.count)
        XCTAssertEqual(Set(SeedCorpus.ham).count, SeedCorpus.ham.count)
        XCTAssertTrue(Set(SeedCorpus.spam).isDisjoint(with: SeedCorpus.ham))
    }

    func testHeldOutLinesAreNeverTrainedOn() throws {
        let seed = Set(SeedCorpus.spam + SeedCorpus.ham)
        for file in [
            "Benchmarks/classifier/heldout-spam.txt", "Benchmarks/classifier/heldout-ham.txt",
            "Tests/QunCoreTests/Corpus/spam.txt", "Tests/QunCoreTests/Corpus/ordinary.txt",
        ] {
            let lines = try Self.lines(file)
            XCTAssertGreaterThan(lines.count, 50, file)
            XCTAssertEqual(lines.filter(seed.contains), [], "\(file) lines in the seed corpus")
        }
    }
}
