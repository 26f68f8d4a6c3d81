import Foundation

/// A JSON value as the Bot API sends and receives it. Integers stay `Int64` so chat ids (up to 52
/// significant bits) and message ids compare exactly; a double is only what had a fraction.
public enum BotJSON: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([BotJSON])
    case object([String: BotJSON])

    /// Parses JSON text; nil when it is not JSON.
    public static func parse(_ text: String) -> BotJSON? { parse(Data(text.utf8)) }

    public static func parse(_ data: Data) -> BotJSON? {
        try? JSONDecoder().decode(BotJSON.self, from: data)
    }

    /// Compact JSON text with sorted keys, so answers and recorded values are stable to compare.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "null"
    }

    public subscript(key: String) -> BotJSON? {
        if case let .object(fields) = self { return fields[key] }
        return nil
    }

    public subscript(index: Int) -> BotJSON? {
        if case let .array(items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// An integer, also from its decimal text: form and query parameters arrive as text.
    public var int64Value: Int64? {
        switch self {
        case let .int(i): return i
        case let .double(d) where d == d.rounded() && abs(d) < 9e15: return Int64(d)
        case let .string(s): return Int64(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case let .int(i): return Double(i)
        case let .double(d): return d
        case let .string(s): return Double(s)
        default: return nil
        }
    }

    /// A boolean, also from the text `true`/`false` that form encoding carries.
    public var boolValue: Bool? {
        switch self {
        case let .bool(b): return b
        case let .string(s): return s == "true" ? true : s == "false" ? false : nil
        default: return nil
        }
    }

    public var arrayValue: [BotJSON]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// The value as a parameter's text: a string as itself, anything else as its JSON.
    public var parameterText: String {
        if case let .string(s) = self { return s }
        return jsonText
    }

    /// Structured parameters (`entities`, `allowed_updates`, `permissions`, `message_ids`) come as
    /// JSON in a JSON body but as JSON-serialized text in form and query parameters, as the Bot API
    /// documents; this gives the structure either way.
    public var decodedStructure: BotJSON? {
        switch self {
        case .array, .object: return self
        case let .string(s): return BotJSON.parse(s)
        default: return nil
        }
    }
}

extension BotJSON: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([BotJSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: BotJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .int(i): try c.encode(i)
        case let .double(d): try c.encode(d)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }
}

extension BotJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: BotJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, BotJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
