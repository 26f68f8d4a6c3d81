import Foundation

/// What the classifier's trust settings look at: how long the member has been here under this name and
/// how many of their messages went through without a case.
public struct MemberStanding: Sendable, Equatable {
    public var messagesWithoutCase: Int
    public var joinedAt: Date?
    /// When the member last changed their name, if ever.
    public var renamedAt: Date?
    public var isStaff: Bool
    /// When the message being judged was sent.
    public var now: Date

    public init(messagesWithoutCase: Int, joinedAt: Date?, renamedAt: Date? = nil, isStaff: Bool = false, now: Date) {
        self.messagesWithoutCase = messagesWithoutCase
        self.joinedAt = joinedAt
        self.renamedAt = renamedAt
        self.isStaff = isStaff
        self.now = now
    }

    /// Joined or renamed within the last `hours`. A member whose join time is unknown is not new.
    public func isRecent(within hours: Int) -> Bool {
        let window = Double(hours) * 3600
        return [joinedAt, renamedAt].contains { date in
            guard let date else { return false }
            let age = now.timeIntervalSince(date)
            return age >= 0 && age < window
        }
    }
}
