import Foundation

/// Parses one JSON value held in memory (a message cut out by `JSONByteStream`) into a `JSONValue`.
/// Integers stay integers; errors say what was wrong and where.
enum JSONSliceParser {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "not valid JSON (\(message))" }
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse($0) }
    }

    static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { try parse($0.bindMemory(to: UInt8.self)) }
    }

    private static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var parser = Parser(b: buffer)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.i == buffer.count else { throw parser.fail("unexpected text after the value") }
        return value
    }

    private struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

        func fail(_ what: String) -> Failure {
            if i >= b.count { return Failure(message: "\(what): the text ends at byte \(i)") }
            let c = b[i]
            let shown = c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : String(format: "byte 0x%02X", c)
            return Failure(message: "\(what): \(shown) at byte \(i)")
        }

        mutating func skipWhitespace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth < 512 else { throw fail("nested too deeply") }
            guard i < b.count else { throw fail("expected a value") }
            switch b[i] {
            case 0x7B: return try object(depth: depth)
            case 0x5B: return try array(depth: depth)
            case 0x22: return .string(try string())
            case 0x74: return try literal("true", .bool(true))
            case 0x66: return try literal("false", .bool(false))
            case 0x6E: return try literal("null", .null)
            case 0x2D, 0x30...0x39: return try number()
            default: throw fail("expected a value")
            }
        }

        mutating func literal(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { throw fail("expected \(word)") }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { throw fail("expected \(word)") }
            i += n
            return value
        }

        mutating func object(depth: Int) throws -> JSONValue {
            i += 1
            var fields: [String: JSONValue] = [:]
            skipWhitespace()
            if i < b.count, b[i] == 0x7D {
                i += 1
                return .object(fields)
            }
            while true {
                skipWhitespace()
                guard i < b.count, b[i] == 0x22 else { throw fail("expected a key") }
                let key = try string()
                skipWhitespace()
                guard i < b.count, b[i] == 0x3A else { throw fail("expected ':'") }
                i += 1
                skipWhitespace()
                fields[key] = try value(depth: depth + 1)
                skipWhitespace()
                guard i < b.count else { throw fail("expected ',' or '}'") }
                if b[i] == 0x2C {
                    i += 1
                } else if b[i] == 0x7D {
                    i += 1
                    return .object(fields)
                } else {
                    throw fail("expected ',' or '}'")
                }
            }
        }

        mutating func array(depth: Int) throws -> JSONValue {
            i += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if i < b.count, b[i] == 0x5D {
                i += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard i < b.count else { throw fail("expected ',' or ']'") }
                if b[i] == 0x2C {
                    i += 1
                } else if b[i] == 0x5D {
                    i += 1
                    return .array(items)
                } else {
                    throw fail("expected ',' or ']'")
                }
            }
        }

        mutating func number() throws -> JSONValue {
            let start = i
            var isInteger = true
            if b[i] == 0x2D { i += 1 }
            let digitsStart = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > digitsStart else { throw fail("expected a digit") }
            if i < b.count, b[i] == 0x2E {
                isInteger = false
                i += 1
                let fractionStart = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > fractionStart else { throw fail("expected a digit after '.'") }
            }
            if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
                isInteger = false
                i += 1
                if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                let exponentStart = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > exponentStart else { throw fail("expected a digit in the exponent") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            if isInteger, let value = Int64(text) { return .integer(value) }
            guard let value = Double(text) else { throw fail("bad number") }
            return .number(value)
        }

        /// At the opening quote.
        mutating func string() throws -> String {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < b.count {
                let c = b[i]
                if c == 0x22 {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                if c == 0x5C { break }
                if c < 0x20 { throw fail("control character in a string") }
                i += 1
            }
            var out = [UInt8](UnsafeBufferPointer(rebasing: b[start..<i]))
            while true {
                guard i < b.count else { throw fail("unterminated string") }
                let c = b[i]
                if c == 0x22 {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c < 0x20 { throw fail("control character in a string") }
                if c != 0x5C {
                    out.append(c)
                    i += 1
                    continue
                }
                i += 1
                guard i < b.count else { throw fail("unterminated escape") }
                let e = b[i]
                i += 1
                switch e {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        if i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 {
                            let save = i
                            i += 2
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                i = save
                                scalar = 0xFFFD
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        scalar = 0xFFFD
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default:
                    i -= 1
                    throw fail("unknown escape")
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= b.count else { throw fail("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("bad \\u escape")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}
