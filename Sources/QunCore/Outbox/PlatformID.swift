/// An id as the platform itself writes it: Telegram's chat, user and message ids are numbers (a
/// supergroup is -100…), WeChat's and WhatsApp's are strings. Encoded as a JSON number or string, so a
/// connector reads the platform's own value and never parses qundeck's ingest keys.
public enum PlatformID: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Int64)
    case text(String)

    /// The id as qundeck's store keeps it (group ids, member ids): digits become a number.
    public init(stored: String) {
        if let n = Int64(stored) { self = .number(n) } else { self = .text(stored) }
    }

    public var number: Int64? {
        if case let .number(n) = self { return n }
        return nil
    }

    public var description: String {
        switch self {
        case let .number(n): return String(n)
        case let .text(s): return s
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int64.self) {
            self = .number(n)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .number(n): try container.encode(n)
        case let .text(s): try container.encode(s)
        }
    }
}
