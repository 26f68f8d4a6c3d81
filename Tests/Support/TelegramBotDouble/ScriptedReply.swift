import Foundation

/// An answer a test tells the double to give instead of (or before) the documented success, worded
/// as Telegram words it, so a client's error classification can be tested against the real strings.
public indirect enum ScriptedReply: Sendable, Equatable {
    /// Handle the call as usual (the default behaviour); useful after `.delay`.
    case proceed
    /// 429 `Too Many Requests: retry after N` with `parameters.retry_after = N`.
    case tooManyRequests(retryAfter: Int)
    /// 500 and 503 as JSON (`Internal Server Error`, `Service Unavailable`); 502 and 504 as the HTML
    /// page the proxy in front of the Bot API answers with (not JSON: a client must not assume every
    /// body parses).
    case serverError(status: Int)
    /// 400 with this description (give it whole, `Bad Request: …`; see the presets).
    case badRequest(String)
    /// 400 `Bad Request: group chat was upgraded to a supergroup chat`, `parameters.migrate_to_chat_id`.
    case migrated(toChatID: Int64)
    /// 403 with this description (`Forbidden: …`; see the presets).
    case forbidden(String)
    /// 401 `Unauthorized`, as for a revoked token.
    case unauthorized
    /// 409 with this description (`Conflict: …`).
    case conflict(String)
    /// Wait, then answer with `then`. With `.proceed` the call takes effect at once (a sendMessage
    /// is posted) and only the answer is late, which is what a client timeout cannot tell apart.
    case delay(seconds: Double, then: ScriptedReply)
    /// Never answer; the request is released (its connection dropped) by `stop()`.
    case hang
    /// Drop the connection without a complete answer: the status line and headers go out, the body
    /// does not, so the client sees the connection lost mid-response. The call has no effect.
    case closeConnection

    // Descriptions as the Bot API words them.
    public static let messageToDeleteNotFound = ScriptedReply.badRequest("Bad Request: message to delete not found")
    public static let messageCantBeDeleted = ScriptedReply.badRequest("Bad Request: message can't be deleted")
    public static let chatNotFound = ScriptedReply.badRequest("Bad Request: chat not found")
    public static let notEnoughRights = ScriptedReply.badRequest("Bad Request: not enough rights to restrict/unrestrict chat member")
    public static let kickedFromSupergroup = ScriptedReply.forbidden("Forbidden: bot was kicked from the supergroup chat")
    public static let kickedFromGroup = ScriptedReply.forbidden("Forbidden: bot was kicked from the group chat")
    public static let groupChatDeleted = ScriptedReply.forbidden("Forbidden: the group chat was deleted")
    public static let otherPoller = ScriptedReply.conflict(
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")

    /// The answer this scripted reply stands for, when it is a plain one (not proceed/delay/hang/close).
    var plainReply: BotReply? {
        switch self {
        case let .tooManyRequests(retryAfter):
            return .error(429, "Too Many Requests: retry after \(retryAfter)", parameters: ["retry_after": .int(Int64(retryAfter))])
        case let .serverError(status):
            if status == 502 || status == 504 { return BotReply.proxyPage(status: status) }
            let phrase = [500: "Internal Server Error", 503: "Service Unavailable"][status] ?? "Internal Server Error"
            return .error(status, phrase)
        case let .badRequest(description): return .error(400, description)
        case let .migrated(chatID):
            return .error(400, "Bad Request: group chat was upgraded to a supergroup chat", parameters: ["migrate_to_chat_id": .int(chatID)])
        case let .forbidden(description): return .error(403, description)
        case .unauthorized: return .unauthorized
        case let .conflict(description): return .error(409, description)
        case .proceed, .delay, .hang, .closeConnection: return nil
        }
    }
}

extension BotReply {
    /// The nginx-style error page a reverse proxy answers when the Bot API behind it is down.
    static func proxyPage(status: Int) -> BotReply {
        let phrase = [502: "Bad Gateway", 504: "Gateway Time-out"][status] ?? "Error"
        let html = "<html>\r\n<head><title>\(status) \(phrase)</title></head>\r\n<body>\r\n<center><h1>\(status) \(phrase)</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        return BotReply(status: status, contentType: "text/html", body: Data(html.utf8))
    }
}
