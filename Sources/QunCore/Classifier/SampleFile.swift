/// A file of training or evaluation samples: one message per line, `#` starts a comment line, and
/// `\u{200B}` stands for the invisible character itself (as in the rules' corpus). A line may also be
/// `family<TAB>message` (the rules' corpus format); the family is dropped.
///
/// Lines that cannot be a sample are reported with their line number and skipped, like ingest's rejects.
public struct SampleFile: Sendable {
    public struct Rejected: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// Longer than any chat message a platform delivers; a longer line is a broken file, not a sample.
    public static let maximumLength = 4096

    public var samples: [String] = []
    /// The line number of each sample, parallel to `samples`.
    public var lineNumbers: [Int] = []
    public var rejected: [Rejected] = []

    public init(text: String, file: String) {
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if let tab = line.firstIndex(of: "\t") { line = String(line[line.index(after: tab)...]) }
            guard line.count <= Self.maximumLength else {
                rejected.append(Rejected(file: file, line: number, reason: "line is \(line.count) characters (at most \(Self.maximumLength))"))
                continue
            }
            let decoded: String
            switch Self.decodeEscapes(line) {
            case .success(let text): decoded = text
            case .failure(let problem):
                rejected.append(Rejected(file: file, line: number, reason: problem.message))
                continue
            }
            guard !SpamTokenizer.tokens(in: decoded).isEmpty else {
                rejected.append(Rejected(file: file, line: number, reason: "no letters, digits, Chinese characters or emoji to learn from"))
                continue
            }
            samples.append(decoded)
            lineNumbers.append(number)
        }
    }

    struct EscapeProblem: Error {
        var message: String
    }

    /// `\u{XXXX}` → the scalar. A malformed escape is an error, not literal text: it means the file was
    /// written for this format and got it wrong.
    static func decodeEscapes(_ text: String) -> Result<String, EscapeProblem> {
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "\\u{") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                return .failure(EscapeProblem(message: "unterminated \\u{ escape"))
            }
            let hex = after[..<close]
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                return .failure(EscapeProblem(message: "\\u{\(hex)} is not a Unicode scalar"))
            }
            out.unicodeScalars.append(scalar)
            rest = after[after.index(after: close)...]
        }
        return .success(out + rest)
    }
}
