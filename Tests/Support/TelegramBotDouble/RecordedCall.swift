import Foundation

/// One request the double received: which method, with which parameters, when, and what it answered.
public struct RecordedCall: Sendable, Equatable {
    /// The method as the client spelled it in the URL (the Bot API matches methods case-insensitively).
    public var method: String
    /// All parameters, merged from the query string and the body. Values from a JSON body keep their
    /// JSON type; form and query values are strings — use `string(_:)`, `int64(_:)`, `json(_:)`.
    public var parameters: [String: BotJSON]
    /// How the parameters came: `json`, `form`, `query` (or `none`).
    public var encoding: String
    public var receivedAt: Date
    /// The HTTP status answered; nil while it is still being answered, or never answered (hang, drop).
    public var status: Int?
    /// Order of arrival, from 1.
    public var sequence: Int

    public func string(_ name: String) -> String? { parameters[name]?.parameterText }
    public func int64(_ name: String) -> Int64? { parameters[name]?.int64Value }
    public func bool(_ name: String) -> Bool? { parameters[name]?.boolValue }
    /// A structured parameter (`entities`, `permissions`, `message_ids`, `allowed_updates`) decoded
    /// whether it came as JSON or as JSON-serialized text.
    public func json(_ name: String) -> BotJSON? { parameters[name]?.decodedStructure }
}
