import Foundation

/// A Bot API call taken apart: `/bot{TOKEN}/{method}` and its parameters, which Telegram accepts in
/// the query string, as an `application/json` body or as an `application/x-www-form-urlencoded` body.
struct BotRequest: Sendable {
    var token: String
    var method: String
    var parameters: [String: BotJSON]
    var encoding: String

    enum Failure: Error, Equatable {
        /// Not `/bot…/method`: Telegram answers 404 Not Found.
        case notABotPath
        /// A body that does not parse as its content type says.
        case unparsableBody(String)
    }

    static func parse(path: String, query: [(String, String)], contentType: String?, body: Data) -> Result<BotRequest, Failure> {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].hasPrefix("bot") else { return .failure(.notABotPath) }
        let token = String(parts[0].dropFirst(3)).removingPercentEncoding ?? String(parts[0].dropFirst(3))
        var parameters: [String: BotJSON] = [:]
        var encoding = query.isEmpty ? "none" : "query"
        for (name, value) in query { parameters[name] = .string(value) }

        let type = (contentType ?? "").lowercased()
        if !body.isEmpty {
            if type.hasPrefix("application/json") {
                guard case let .object(fields)? = BotJSON.parse(body) else {
                    return .failure(.unparsableBody("can't parse JSON object"))
                }
                // The body wins over the query string for a name given in both.
                parameters.merge(fields) { _, body in body }
                encoding = "json"
            } else if type.hasPrefix("application/x-www-form-urlencoded") || type.isEmpty {
                for (name, value) in decodeForm(String(decoding: body, as: UTF8.self)) { parameters[name] = .string(value) }
                encoding = "form"
            } else {
                return .failure(.unparsableBody("unsupported Content-Type \(type)"))
            }
        }
        return .success(BotRequest(token: token, method: String(parts[1]), parameters: parameters, encoding: encoding))
    }

    /// `a=1&b=x+y%21` → [("a","1"), ("b","x y!")].
    static func decodeForm(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }
}
