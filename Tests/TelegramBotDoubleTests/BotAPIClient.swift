import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import TelegramBotDouble

/// A bare URLSession client for the tests: sends one Bot API call the way a connector would and
/// hands back the raw answer, so the tests see exactly what goes over the wire.
struct BotAPIClient {
    let base: URL
    let token: String
    var timeout: TimeInterval = 5

    init(_ api: TelegramBotDouble, token: String? = nil, timeout: TimeInterval = 5) {
        base = api.baseURL
        self.token = token ?? api.token
        self.timeout = timeout
    }

    struct Answer {
        var status: Int
        var contentType: String?
        var body: Data
        var json: BotJSON? { BotJSON.parse(body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Body {
        case none
        case json(BotJSON)
        case form(String)
    }

    /// Each call gets its own session so concurrent calls never queue behind one connection.
    func call(_ method: String, query: String? = nil, body: Body = .none) async throws -> Answer {
        var components = URLComponents(url: base.appendingPathComponent("bot\(token)/\(method)"), resolvingAgainstBaseURL: false)!
        if let query { components.percentEncodedQuery = query }
        var request = URLRequest(url: components.url!, timeoutInterval: timeout)
        switch body {
        case .none:
            request.httpMethod = "GET"
        case let .json(value):
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(value.jsonText.utf8)
        case let .form(text):
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(text.utf8)
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        return Answer(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: data)
    }

    /// A JSON-body call.
    func post(_ method: String, _ parameters: [String: BotJSON]) async throws -> Answer {
        try await call(method, body: .json(.object(parameters)))
    }
}
