import Foundation
import XCTest

@testable import QunCore

/// Recall on labelled spam and false positives on ordinary group chat (Corpus/spam.txt, Corpus/ordinary.txt).
final class CorpusTests: XCTestCase {
    struct Line {
        var family: String
        var text: String
        /// The rule that must fire: the family's first part ("ad" for "ad/homophone").
        var rule: String { String(family.split(separator: "/").first ?? "") }
    }

    static func load(_ name: String) throws -> [Line] {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Corpus", withExtension: nil))
        let content = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return content.split(separator: "\n", omittingEmptySubsequences: true).compactMap { raw in
            let line = String(raw)
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            if let tab = line.firstIndex(of: "\t") {
                return Line(family: String(line[..<tab]), text: decodeEscapes(String(line[line.index(after: tab)...])))
            }
            return Line(family: "", text: decodeEscapes(line))
        }
    }

    /// `\u{200B}` in the corpus stands for the invisible character itself, so the files stay readable.
    static func decodeEscapes(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "\\u{") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "}"), let value = UInt32(after[..<close], radix: 16), let scalar = Unicode.Scalar(value) else {
                out += "\\u{"
                rest = after
                continue
            }
            out.unicodeScalars.append(scalar)
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    func testCorporaAreLargeAndWithoutDuplicates() throws {
        let spam = try Self.load("spam.txt")
        let ordinary = try Self.load("ordinary.txt")
        XCTAssertGreaterThanOrEqual(spam.count, 300)
        XCTAssertGreaterThanOrEqual(ordinary.count, 300)
        XCTAssertEqual(Set(spam.map(\.text)).count, spam.count, "duplicate spam lines")
        XCTAssertEqual(Set(ordinary.map(\.text)).count, ordinary.count, "duplicate ordinary lines")
        XCTAssertTrue(spam.allSatisfy { ["link", "ad"].contains($0.rule) }, "every spam line names its rule")
    }

    func testRecallOnSpamAndFalsePositivesOnOrdinaryChat() throws {
        let engine = RuleEngine()
        let spam = try Self.load("spam.txt")
        let ordinary = try Self.load("ordinary.txt")

        var caughtByFamily: [String: (caught: Int, total: Int)] = [:]
        var missed: [String] = []
        for line in spam {
            let caught = engine.evaluate(line.text).flags.contains { $0.rule.rawValue == line.rule }
            caughtByFamily[line.family, default: (0, 0)].total += 1
            if caught { caughtByFamily[line.family]!.caught += 1 } else { missed.append("\(line.family)\t\(line.text)") }
        }
        var falsePositives: [String] = []
        for line in ordinary {
            let flags = engine.evaluate(line.text).flags
            if !flags.isEmpty { falsePositives.append("\(line.text) → \(flags.map { "\($0.rule.rawValue): \($0.reason)" })") }
        }

        let caught = spam.count - missed.count
        let recall = Double(caught) / Double(spam.count)
        let falsePositiveRate = Double(falsePositives.count) / Double(ordinary.count)
        var report = String(format: "spam recall %d/%d = %.1f%%; ordinary false positives %d/%d = %.2f%%\n",
                            caught, spam.count, recall * 100, falsePositives.count, ordinary.count, falsePositiveRate * 100)
        for (family, counts) in caughtByFamily.sorted(by: { $0.key < $1.key }) {
            report += String(format: "  %-16@ %3d/%3d\n", family as NSString, counts.caught, counts.total)
        }
        for line in missed { report += "  missed: \(line)\n" }
        for line in falsePositives { report += "  false positive: \(line)\n" }
        print(report)

        XCTAssertLessThanOrEqual(falsePositiveRate, 0.02, report)
        XCTAssertGreaterThanOrEqual(recall, 0.95, report)
        for (family, counts) in caughtByFamily {
            XCTAssertGreaterThanOrEqual(Double(counts.caught) / Double(counts.total), 0.85, "\(family)\n\(report)")
        }
    }

    /// Prints the cost per message; the real budget (≤ 50 µs in release) is checked with
    /// `swift test -c release --filter CorpusTests`. The assertion here only catches a blow-up.
    func testEvaluationCost() throws {
        let engine = RuleEngine()
        let lines = try (Self.load("ordinary.txt") + Self.load("spam.txt")).map(\.text)
        _ = engine.evaluate("预热 加微信 www.x.com")
        let rounds = 5
        let start = Date()
        var flagged = 0
        for _ in 0..<rounds {
            for text in lines { flagged += engine.evaluate(MessageInput(text: text, groupID: "g", sentAt: start)).flags.count }
        }
        let perLine = Date().timeIntervalSince(start) / Double(rounds * lines.count) * 1_000_000
        print(String(format: "rule engine: %.1f µs per message over %d messages", perLine, lines.count))
        XCTAssertGreaterThan(flagged, 0)
        XCTAssertLessThan(perLine, 2_000)
    }
}
