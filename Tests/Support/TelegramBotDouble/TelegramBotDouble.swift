import FlyingFox
import FlyingSocks
import Foundation

/// A loopback Telegram Bot API for tests: an HTTP/1.1 server on 127.0.0.1 (a free port) answering
/// `{baseURL}/bot{token}/{method}` as the Bot API does, recording every call, and answering what a
/// test scripts (429, 5xx, 400, 403, late, never, a dropped connection) worded as Telegram words it.
///
///     let api = try await TelegramBotDouble(token: "123456:TEST")
///     api.enqueue(update: TelegramUpdates.message(id: 1, chat: group, from: alice, text: "hi"))
///     api.respond(to: "banChatMember", with: .tooManyRequests(retryAfter: 3))
///     // point the client at api.baseURL …
///     let bans = try await api.waitForCalls(to: "banChatMember", count: 2, timeout: 5)
///     await api.stop()
public final class TelegramBotDouble: @unchecked Sendable {
    public let token: String
    /// `http://127.0.0.1:PORT` — the client appends `/bot{token}/{method}` (as with https://api.telegram.org).
    public private(set) var baseURL: URL
    /// The bot getMe describes and sent messages come `from`; its id is the token's number.
    public let botUser: TelegramUpdates.User

    let world = BotWorld()
    let queue: UpdateQueue
    private let methods: BotMethods
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?

    private let lock = NSLock()
    private var recorded: [RecordedCall] = []
    private var callCount = 0
    private var scripts: [String: [Script]] = [:]

    /// A scripted reply waiting for its call: `parameters` narrows it to calls carrying those values.
    private struct Script {
        var reply: ScriptedReply
        var parameters: [String: String]

        func matches(_ request: BotRequest) -> Bool {
            parameters.allSatisfy { name, value in request.parameters[name]?.parameterText == value }
        }
    }
    private var hanging: [CheckedContinuation<Void, Never>] = []
    private var stopped = false

    public enum DoubleError: Error, CustomStringConvertible {
        case noPort
        case timedOut(method: String, wanted: Int, got: [RecordedCall])

        public var description: String {
            switch self {
            case .noPort: return "the double's server did not report its port"
            case let .timedOut(method, wanted, got):
                return "waited for \(wanted) \(method) call(s), got \(got.count): \(got.map { $0.parameters })"
            }
        }
    }

    /// Starts the server at once; `baseURL` is valid when this returns.
    public init(token: String = "123456789:AAtest-token_for-the-double", firstUpdateID: Int64 = 10_000) async throws {
        self.token = token
        let botID = Int64(token.split(separator: ":").first ?? "") ?? 123_456_789
        botUser = TelegramUpdates.User(id: botID, firstName: "qundeck test bot", username: "qundeck_test_bot", isBot: true)
        queue = UpdateQueue(firstUpdateID: firstUpdateID)
        methods = BotMethods(world: world, queue: queue, botUser: botUser)
        baseURL = URL(string: "http://127.0.0.1")!
        try await start()
    }

    private func start() async throws {
        // The handler timeout is FlyingFox's own cap on a request; long polls and `.hang` outlast
        // any test, so it is set beyond them.
        // IPv4 loopback by number: FlyingFox's `.loopback` is ::1, and clients are told 127.0.0.1.
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        let server = HTTPServer(address: address, timeout: 3_600, logger: .disabled)
        await server.appendRoute("*") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.handle(request)
        }
        self.server = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 5)
        guard case let .ip4(_, port)? = await server.listeningAddress else { throw DoubleError.noPort }
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Stops the server; hanging and long-polling requests are released (their connections closed).
    public func stop() async {
        let waiting = locked { () -> [CheckedContinuation<Void, Never>] in
            stopped = true
            defer { hanging = [] }
            return hanging
        }
        waiting.forEach { $0.resume() }
        queue.stop()
        await server?.stop(timeout: 0)
        serverTask?.cancel()
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: updates

    /// Queues one Update given as JSON text (from `TelegramUpdates` or written by hand), with or
    /// without `update_id`; without, it gets the next id in order. Returns the update_id.
    @discardableResult
    public func enqueue(update json: String) -> Int64 {
        guard case let .object(fields)? = BotJSON.parse(json) else {
            preconditionFailure("enqueue(update:) needs a JSON object, got: \(json)")
        }
        world.observe(update: fields)
        return queue.enqueue(fields)
    }

    /// The update_ids given out but not yet confirmed by an `offset`.
    public var unconfirmedUpdateIDs: [Int64] { queue.unconfirmedIDs }

    /// True while a getUpdates is held open waiting for updates (a long poll in progress).
    public var isLongPolling: Bool { queue.hasWaiter }

    /// Waits until a client holds a long poll open, so an update enqueued next reaches it mid-wait.
    public func waitUntilLongPolling(timeout: TimeInterval) async throws {
        try await waitUntil(timeout: timeout) { queue.hasWaiter ? () : nil } orThrow: {
            DoubleError.timedOut(method: "getUpdates (held open)", wanted: 1, got: calls(to: "getUpdates"))
        }
    }

    /// The `allowed_updates` last sent (Telegram remembers it); nil while the default applies.
    public var allowedUpdates: [String]? { queue.allowedUpdates }

    /// A webhook URL makes getUpdates answer 409 (as after setWebhook) until deleteWebhook or nil.
    public var webhookURL: String? {
        get { queue.webhookURL }
        set { queue.webhookURL = newValue }
    }

    /// Whether banChatMember was called for this member and not undone by unbanChatMember since.
    public func isBanned(chat: Int64, user: Int64) -> Bool { world.isBanned(chat: chat, user: user) }

    /// Makes getChat know a chat (chats in enqueued updates are known already).
    public func addChat(_ chat: TelegramUpdates.Chat) { world.addChat(chat.json) }

    // MARK: scripting

    /// The next `times` calls to `method` get `reply` instead of the usual answer; scripts for one
    /// method are used in the order given. Method names match case-insensitively, as in the Bot API.
    /// With `parameters`, only calls carrying those values (compared as text, so `["chat_id": "-100123"]`
    /// matches a JSON number or a form string alike) use the script, e.g. one group that migrated.
    public func respond(to method: String, with reply: ScriptedReply, times: Int = 1, parameters: [String: String] = [:]) {
        let script = Script(reply: reply, parameters: parameters)
        locked { scripts[method.lowercased(), default: []].append(contentsOf: Array(repeating: script, count: times)) }
    }

    /// Scripted replies not used yet, per method (lower-cased).
    public var unusedScripts: [String: [ScriptedReply]] {
        locked { scripts.filter { !$0.value.isEmpty }.mapValues { $0.map(\.reply) } }
    }

    private func nextScript(for request: BotRequest) -> ScriptedReply? {
        locked {
            let key = request.method.lowercased()
            guard let index = scripts[key]?.firstIndex(where: { $0.matches(request) }) else { return nil }
            return scripts[key]?.remove(at: index).reply
        }
    }

    // MARK: recorded calls

    /// Every call received, in order of arrival (also those answered 401 for a wrong token).
    public var calls: [RecordedCall] { locked { recorded } }

    /// Forgets the calls recorded so far (e.g. after a test's setup phase); scripts and updates stay.
    public func clearCalls() { locked { recorded.removeAll() } }

    /// The calls to one method (case-insensitive).
    public func calls(to method: String) -> [RecordedCall] {
        calls.filter { $0.method.caseInsensitiveCompare(method) == .orderedSame }
    }

    /// Waits until at least `count` calls to `method` have arrived; throws when `timeout` passes first.
    @discardableResult
    public func waitForCalls(to method: String, count: Int, timeout: TimeInterval) async throws -> [RecordedCall] {
        try await wait(for: method, count: count, timeout: timeout) { _ in true }
    }

    /// Waits until `count` calls to `method` have all been answered and returns them (for asserting
    /// on the status after a client has given up waiting).
    @discardableResult
    public func waitForAnswers(to method: String, count: Int, timeout: TimeInterval) async throws -> [RecordedCall] {
        try await wait(for: method, count: count, timeout: timeout) { $0.allSatisfy { $0.status != nil } }
    }

    private func wait(
        for method: String, count: Int, timeout: TimeInterval, until done: ([RecordedCall]) -> Bool
    ) async throws -> [RecordedCall] {
        try await waitUntil(timeout: timeout) { () -> [RecordedCall]? in
            let got = calls(to: method)
            return got.count >= count && done(got) ? got : nil
        } orThrow: {
            DoubleError.timedOut(method: method, wanted: count, got: calls(to: method))
        }
    }

    /// Polls `check` every 5 ms until it gives a value or `timeout` passes. Polling keeps waiting
    /// free of continuations that every state change would have to remember to resume.
    private func waitUntil<T>(
        timeout: TimeInterval, _ check: () -> T?, orThrow failure: () -> DoubleError
    ) async throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = check() { return value }
            if Date() >= deadline { throw failure() }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
    }

    private func record(_ request: BotRequest) -> Int {
        locked {
            let call = RecordedCall(
                method: request.method, parameters: request.parameters, encoding: request.encoding, receivedAt: Date(),
                status: nil, sequence: callCount + 1)
            callCount += 1
            recorded.append(call)
            return call.sequence
        }
    }

    private func setStatus(_ status: Int, of sequence: Int) {
        locked {
            // Found by sequence, not position: clearCalls() may have dropped earlier calls meanwhile.
            if let index = recorded.lastIndex(where: { $0.sequence == sequence }) { recorded[index].status = status }
        }
    }

    // MARK: serving

    /// What to do with one request: an answer, or drop the connection.
    private enum Outcome {
        case reply(BotReply)
        case drop
    }

    private func handle(_ http: HTTPRequest) async -> HTTPResponse {
        let body = (try? await http.bodyData) ?? Data()
        let query = http.query.map { ($0.name, $0.value) }
        let parsed = BotRequest.parse(path: http.path, query: query, contentType: http.headers[.contentType], body: body)
        let request: BotRequest
        switch parsed {
        case .failure(.notABotPath): return Self.response(.notFound)
        case let .failure(.unparsableBody(why)): return Self.response(.badRequest(why))
        case let .success(r): request = r
        }
        let sequence = record(request)
        let outcome: Outcome
        if request.token != token {
            outcome = .reply(.unauthorized)
        } else if !BotMethods.names.contains(request.method.lowercased()) {
            outcome = .reply(.notFound)
        } else {
            outcome = await perform(nextScript(for: request) ?? .proceed, request)
        }
        switch outcome {
        case let .reply(reply):
            setStatus(reply.status, of: sequence)
            return Self.response(reply)
        case .drop:
            return DroppedBody.response
        }
    }

    private func perform(_ script: ScriptedReply, _ request: BotRequest) async -> Outcome {
        switch script {
        case .proceed:
            return .reply(await methods.answer(method: request.method, parameters: request.parameters))
        case let .delay(seconds, then):
            // With .proceed the call takes effect now and only its answer is late.
            let early: Outcome? = then == .proceed ? await perform(.proceed, request) : nil
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
            if let early { return early }
            return await perform(then, request)
        case .hang:
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let already = locked { () -> Bool in
                    if stopped { return true }
                    hanging.append(c)
                    return false
                }
                if already { c.resume() }
            }
            return .drop
        case .closeConnection:
            return .drop
        default:
            return .reply(script.plainReply ?? .error(500, "Internal Server Error"))
        }
    }

    private static func response(_ reply: BotReply) -> HTTPResponse {
        HTTPResponse(
            statusCode: HTTPStatusCode(reply.status, phrase: phrase(reply.status)),
            headers: [.contentType: reply.contentType], body: reply.body)
    }

    private static func phrase(_ status: Int) -> String {
        [
            200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
            429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Time-out",
        ][status] ?? "Error"
    }
}
