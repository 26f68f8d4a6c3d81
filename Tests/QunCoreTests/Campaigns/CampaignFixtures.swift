import Foundation

@testable import QunCore

/// Shared helpers for the campaign tests.
enum CampaignFixtures {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let utc = TimeZone(identifier: "UTC")!

    /// An instant from ISO 8601 with offset ("2026-03-29T05:00:00Z").
    static func date(_ text: String) -> Date {
        guard let d = ISO8601DateFormatter().date(from: text) else { fatalError("bad date \(text)") }
        return d
    }

    static func time(_ text: String) -> LocalTime { LocalTime(text)! }
    static func day(_ text: String) -> LocalDay { LocalDay(iso: text)! }
    static func window(_ text: String) -> LocalTimeWindow { LocalTimeWindow(text)! }

    static func event(
        _ kind: EventKind, member: String, group: String = "g1", at: Date, actor: String? = nil, via: JoinSource? = nil,
        amount: Money? = nil, campaign: String? = nil, name: String? = nil, id: String? = nil
    ) -> Event {
        Event(
            source: "test", externalID: id ?? "\(kind.rawValue)-\(member)-\(Int(at.timeIntervalSince1970))", groupID: group, timestamp: at,
            kind: kind, memberID: member, memberName: name, actorID: actor, via: via, amount: amount, campaignID: campaign)
    }

    static func ledger(_ campaign: String, fen: Int64, at: Date, kind: LedgerKind = .reward, id: Int64 = 0) -> LedgerEntry {
        LedgerEntry(id: id, campaignID: campaign, kind: kind, amount: Money(fen: fen), recordedAt: at)
    }
}

/// A generator that replays fixed values (to test rejection sampling).
struct ReplayGenerator: RandomNumberGenerator {
    var values: [UInt64]
    var index = 0
    init(_ values: [UInt64]) { self.values = values }
    mutating func next() -> UInt64 {
        defer { index += 1 }
        return values[index % values.count]
    }
}
