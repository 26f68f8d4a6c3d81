import Foundation

/// Another admin got to a queue item first: it was handled since this admin's dashboard read it, or someone
/// else has claimed it and the claim is still running. Nothing was written.
public struct ModerationConflict: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// Someone else acted first (the case's version moved, or it is no longer open).
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

    /// "handled by 小王 (ban) at 14:02" / "小王 is on it until 14:10", times in `zone` (the group's, in the dashboard).
    public func message(in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "HH:mm"
        switch reason {
        case let .handled(action, at): return "handled by \(actor) (\(action)) at \(formatter.string(from: at))"
        case let .claimed(until): return "\(actor) is on it until \(formatter.string(from: until))"
        }
    }

    public var description: String { message(in: TimeZone(identifier: "UTC")!) }
}
