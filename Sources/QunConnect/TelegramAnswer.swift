import Foundation
import QunIngest

/// What came back for one Bot API request: the documented envelope
/// (`{"ok":true,"result":…}` or `{"ok":false,"error_code":…,"description":…,"parameters":{…}}`), or no
/// answer at all.
public enum TelegramAnswer: Sendable, Equatable {
    case success(result: JSONValue)
    case error(TelegramError)
    /// The request may have reached Telegram but no answer came (a timeout, a dropped connection).
    case noAnswer(String)
    /// The request did not reach Telegram (connection refused, name not resolved): safe to send again.
    case notSent(String)
}

/// An error answer from the Bot API, as documented: `error_code`, `description`, `parameters`.
public struct TelegramError: Sendable, Equatable, CustomStringConvertible {
    public var httpStatus: Int
    public var errorCode: Int
    public var text: String
    public var retryAfter: Int?
    public var migrateToChatID: Int64?

    public init(httpStatus: Int, errorCode: Int, text: String, retryAfter: Int? = nil, migrateToChatID: Int64? = nil) {
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.text = text
        self.retryAfter = retryAfter
        self.migrateToChatID = migrateToChatID
    }

    public var description: String { "\(errorCode) \(text)" }

    /// Reads an HTTP answer. A body that is not the documented envelope (a proxy's HTML 502) keeps the
    /// HTTP status as the error code.
    public static func parse(status: Int, body: Data) -> TelegramAnswer {
        guard let envelope = try? JSONDecoder().decode(JSONValue.self, from: body), let ok = envelope["ok"]?.boolValue else {
            let snippet = String(decoding: body.prefix(120), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            return .error(TelegramError(httpStatus: status, errorCode: status, text: "HTTP \(status): \(snippet)"))
        }
        if ok, status < 300 { return .success(result: envelope["result"] ?? .null) }
        return .error(TelegramError(
            httpStatus: status, errorCode: Int(envelope["error_code"]?.int64Value ?? Int64(status)),
            text: envelope["description"]?.stringValue ?? "HTTP \(status)",
            retryAfter: envelope["parameters"]?["retry_after"]?.int64Value.map(Int.init),
            migrateToChatID: envelope["parameters"]?["migrate_to_chat_id"]?.int64Value))
    }
}
