import Foundation

/// One HTTP answer of the double, before it is put on the wire. The Bot API answers every call,
/// success or error, with a JSON object `{"ok":…}` and the error code as the HTTP status too; only
/// proxies in front of it answer otherwise (a 502 page), so `contentType` can differ.
struct BotReply: Sendable {
    var status: Int
    var contentType: String = "application/json"
    var body: Data

    /// `{"ok":true,"result":…}`
    static func ok(_ result: BotJSON) -> BotReply {
        BotReply(status: 200, body: Data(BotJSON.object(["ok": true, "result": result]).jsonText.utf8))
    }

    /// `{"ok":false,"error_code":…,"description":…}` plus `parameters` (ResponseParameters) when given.
    static func error(_ code: Int, _ description: String, parameters: [String: BotJSON]? = nil) -> BotReply {
        var fields: [String: BotJSON] = ["ok": false, "error_code": .int(Int64(code)), "description": .string(description)]
        if let parameters { fields["parameters"] = .object(parameters) }
        return BotReply(status: code, body: Data(BotJSON.object(fields).jsonText.utf8))
    }

    static func badRequest(_ what: String) -> BotReply { error(400, "Bad Request: " + what) }

    static let unauthorized = error(401, "Unauthorized")
    static let notFound = error(404, "Not Found")
}
