import Foundation
import QunCore
import QunIngest

/// What a Bot API answer means for an outbox item (docs/connectors.md, "Error classes"). Telegram's
/// `error_code` is coarse (most failures are 400), so the `description` decides as well.
public enum DeliveryVerdict: Equatable, Sendable {
    /// Done; `response` is the platform's result (the sent message), when it has one worth keeping.
    case done(response: String?)
    /// Try again after a while: a rate limit (`chatWide`: the wait applies to every item of the chat), a
    /// server error or a request that did not go out.
    case retry(after: TimeInterval, reason: String, chatWide: Bool)
    /// The group became a supergroup with a new id: rewrite the group's chat id and send again.
    case moveChat(to: Int64, reason: String)
    /// It cannot be done; an admin sees why.
    case failed(String)
    /// The bot cannot reach the group any more: failed, and the group is marked disconnected.
    case chatGone(String)
    /// No answer to a visible post: it may be in the group already, so it is not resent blindly.
    case unknown(String)
    /// The token is wrong or revoked: nothing can be sent; the connector stops.
    case stopConnector(String)

    /// Attempts after which a retryable error counts as a failure.
    public static let maxAttempts = 8

    /// Backoff after the `attempt`-th failed attempt: 2, 4, 8 … seconds, at most 5 minutes.
    public static func backoff(attempt: Int) -> TimeInterval {
        min(300, pow(2, Double(max(1, min(attempt, 12)))))
    }

    public static func judge(_ answer: TelegramAnswer, command: OutboxCommand, attempt: Int) -> DeliveryVerdict {
        func retryOrGiveUp(_ reason: String) -> DeliveryVerdict {
            attempt >= maxAttempts ? .failed("gave up after \(attempt) attempts: \(reason)") : .retry(after: backoff(attempt: attempt), reason: reason, chatWide: false)
        }
        switch answer {
        case let .success(result):
            if case .object = result {
                return .done(response: (try? JSONEncoder().encode(result)).map { String(decoding: $0, as: UTF8.self) })
            }
            return .done(response: nil)
        case let .notSent(reason):
            return retryOrGiveUp(reason)
        case let .noAnswer(reason):
            return command.isVisiblePost ? .unknown("no answer: \(reason); check the group, then `qundeck outbox resolve`") : retryOrGiveUp(reason)
        case let .error(error):
            let text = error.text.lowercased()
            if error.errorCode == 429 || error.httpStatus == 429 {
                return .retry(after: TimeInterval(max(1, error.retryAfter ?? 5)), reason: error.description, chatWide: true)
            }
            if let newChat = error.migrateToChatID { return .moveChat(to: newChat, reason: error.description) }
            if error.errorCode == 401 || error.httpStatus == 401 {
                return .stopConnector("Telegram refused the bot token (\(error.description)): check QUNDECK_TELEGRAM_TOKEN")
            }
            if error.httpStatus >= 500 || error.errorCode >= 500 { return retryOrGiveUp(error.description) }
            if text.contains("message to delete not found") { return .done(response: nil) }
            if text.contains("message can't be deleted") {
                return .failed("\(error.description) (bots cannot delete messages older than 48 hours, or lack the right to delete)")
            }
            if error.errorCode == 403
                || text.contains("bot was kicked") || text.contains("chat not found") || text.contains("group chat was deleted")
                || text.contains("bot is not a member")
            {
                return .chatGone(error.description)
            }
            if case .approveJoinRequest = command, text.contains("user_already_participant") {
                // Approved already (by an admin in Telegram, or an earlier attempt): the member is in, the goal holds.
                return .done(response: nil)
            }
            return .failed(error.description)
        }
    }
}
