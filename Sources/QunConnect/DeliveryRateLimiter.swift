import Foundation

/// Keeps a bot inside Telegram's limits: about 30 requests a second overall, 20 messages a minute in one
/// group, and whatever `retry_after` a 429 asked for (one chat, or every request when it came for a
/// request that names no chat). Pure: the caller passes the time and records what it sent.
public struct DeliveryRateLimiter: Sendable {
    public var perSecond: Int
    public var messagesPerChatPerMinute: Int
    private var recent: [Date] = []
    private var recentMessages: [Int64: [Date]] = [:]
    private var chatBlockedUntil: [Int64: Date] = [:]
    private var allBlockedUntil: Date?

    public init(perSecond: Int = 30, messagesPerChatPerMinute: Int = 20) {
        self.perSecond = perSecond
        self.messagesPerChatPerMinute = messagesPerChatPerMinute
    }

    /// How long to wait before a request to `chat` (a post when `isMessage`) may go out; 0 = now.
    public mutating func wait(chat: Int64?, isMessage: Bool, now: Date) -> TimeInterval {
        recent.removeAll { now.timeIntervalSince($0) >= 1 }
        var until = now
        if let all = allBlockedUntil, all > until { until = all }
        if recent.count >= perSecond, let oldest = recent.first { until = max(until, oldest.addingTimeInterval(1)) }
        if let chat {
            if let blocked = chatBlockedUntil[chat], blocked > until { until = blocked }
            if isMessage {
                var sent = recentMessages[chat] ?? []
                sent.removeAll { now.timeIntervalSince($0) >= 60 }
                recentMessages[chat] = sent
                if sent.count >= messagesPerChatPerMinute, let oldest = sent.first { until = max(until, oldest.addingTimeInterval(60)) }
            }
        }
        return max(0, until.timeIntervalSince(now))
    }

    public mutating func record(chat: Int64?, isMessage: Bool, at now: Date) {
        recent.append(now)
        if let chat, isMessage { recentMessages[chat, default: []].append(now) }
    }

    /// A 429: wait `seconds` before the next request to `chat`, or to anything when `chat` is nil.
    public mutating func block(chat: Int64?, for seconds: TimeInterval, now: Date) {
        let until = now.addingTimeInterval(seconds)
        if let chat {
            chatBlockedUntil[chat] = max(chatBlockedUntil[chat] ?? until, until)
        } else {
            allBlockedUntil = max(allBlockedUntil ?? until, until)
        }
    }

    /// The latest moment anything is blocked until, for the status line ("backing off until 14:02").
    public func blockedUntil(now: Date) -> Date? {
        ([allBlockedUntil].compactMap { $0 } + Array(chatBlockedUntil.values)).filter { $0 > now }.max()
    }
}
