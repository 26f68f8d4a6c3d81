import Foundation

/// Another admin got to a queue item first: they acted on it since this admin's screen showed it, or they
/// claimed it and the claim is still running. Nothing was written; the screen refreshes and says who.
public struct ModerationConflict: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// Someone else acted first (the item's version moved, or it is no longer open).
        case handled(action: String, at: Date)
        /// Someone else claimed it and the claim is still running.
        case claimed(until: Date)
    }

    public let caseID: Int64
    /// Who got there first.
    public let actor: String
    public let reason: Reason

    public init(caseID: Int64, actor: String, reason: Reason) {
        self.caseID = caseID
        self.actor = actor
        self.reason = reason
    }

    /// "handled by 小王 (ban) at 14:02" / "小王 is on it until 14:10", times in UTC.
    public var description: String { message(in: TimeZone(identifier: "UTC")!) }

    /// The same with times in `zone` (the group's), as the dashboard shows it.
    public func message(in zone: TimeZone) -> String {
        switch reason {
        case let .handled(action, at): return "handled by \(actor) (\(action)) at \(Self.clock(at, in: zone))"
        case let .claimed(until): return "\(actor) is on it until \(Self.clock(until, in: zone))"
        }
    }

    private static func clock(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
