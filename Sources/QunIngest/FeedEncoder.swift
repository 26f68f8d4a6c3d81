import Foundation
import QunCore

/// Writes events back as feed lines (docs/events.md), so `export --format jsonl` re-ingests as-is.
public struct FeedEncoder: Sendable {
    struct Line: Encodable {
        var v = FeedParser.version
        var id: String
        var source: String
        var group: String
        var ts: String
        var kind: String
        var member: String
        var group_name: String?
        var member_name: String?
        var text: String?
        var actor: String?
        var via: String?
        var reply_to: String?
        var amount: Decimal?
        var campaign: String?
        var platform: String?
        var group_tz: String?
        var role: String?
    }

    public init() {}

    public func encode(_ event: Event) throws -> String {
        let line = Line(
            id: event.externalID, source: event.source, group: event.groupID, ts: Self.timestamp(event.timestamp),
            kind: event.kind.rawValue, member: event.memberID, group_name: event.groupName, member_name: event.memberName,
            text: event.text, actor: event.actorID, via: event.via?.rawValue, reply_to: event.replyTo,
            amount: event.amount.map { Decimal($0.fen) / 100 }, campaign: event.campaignID,
            platform: event.groupPlatform?.rawValue, group_tz: event.groupTimeZoneID, role: event.memberRole?.rawValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(line), as: UTF8.self)
    }

    /// RFC 3339 in UTC with milliseconds: exact enough to round-trip and readable.
    public static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = Int(millis.quotientAndRemainder(dividingBy: 1000).quotient) - (millis < 0 && millis % 1000 != 0 ? 1 : 0)
        let ms = Int((millis % 1000 + 1000) % 1000)
        let day = LocalDay(number: Int((Double(seconds) / 86_400).rounded(.down)))
        let secOfDay = seconds - day.number * 86_400
        // Built by hand: String(format:) was most of the time `export` and `bench` spend writing a feed.
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return day.description + "T" + padded(secOfDay / 3600, 2) + ":" + padded(secOfDay % 3600 / 60, 2) + ":"
            + padded(secOfDay % 60, 2) + "." + padded(ms, 3) + "Z"
    }
}
