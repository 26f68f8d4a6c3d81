import Foundation
import QunIngest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Calls Bot API methods (`POST {base}/bot{token}/{method}` with a JSON body) through URLSession.
/// The token is in every URL, so every error text this client produces has it replaced by `<token>`.
public final class TelegramBotClient: Sendable {
    public static let defaultBase = URL(string: "https://api.telegram.org")!

    let base: URL
    private let token: String
    private let session: URLSession
    /// How long a request other than a long poll may take before it counts as unanswered.
    public let requestTimeout: TimeInterval

    public init(token: String, base: URL = TelegramBotClient.defaultBase, requestTimeout: TimeInterval = 30) {
        self.base = base
        self.token = token
        self.requestTimeout = requestTimeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 4
        configuration.timeoutIntervalForResource = 600
        self.session = URLSession(configuration: configuration)
    }

    /// One method call. `timeout` defaults to `requestTimeout`; a long poll passes its own.
    public func call(_ method: String, _ parameters: [String: JSONValue], timeout: TimeInterval? = nil) async -> TelegramAnswer {
        var request = URLRequest(url: base.appendingPathComponent("bot" + token).appendingPathComponent(method))
        request.httpMethod = "POST"
        request.timeoutInterval = timeout ?? requestTimeout
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        do {
            request.httpBody = try JSONEncoder().encode(JSONValue.object(parameters))
        } catch {
            return .notSent("cannot encode \(method) parameters: \(error)")
        }
        let outcome: (Data, Int)
        do {
            outcome = try await perform(request)
        } catch let error as URLError {
            let text = redact("\(method): \(error.localizedDescription) (URLError \(error.code.rawValue))")
            switch error.code {
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .badURL, .unsupportedURL:
                return .notSent(text)
            default:
                return .noAnswer(text)
            }
        } catch is CancellationError {
            return .noAnswer("\(method): cancelled")
        } catch {
            return .noAnswer(redact("\(method): \(error)"))
        }
        return TelegramError.parse(status: outcome.1, body: outcome.0)
    }

    /// A data task whose cancellation follows the calling task's, so Ctrl-C ends a long poll at once.
    private func perform(_ request: URLRequest) async throws -> (Data, Int) {
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, Int), Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else {
                        continuation.resume(returning: (data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
                    }
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }

    func redact(_ text: String) -> String { text.replacingOccurrences(of: token, with: "<token>") }
}

/// Holds a data task for the cancellation handler, which may run before or after the task exists.
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func set(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
