import Foundation

/// What deciding an event's consequences may have to look up in the store: facts needed too rarely to
/// carry in `MemberFacts` (a possible flood, a possible split contact id, a suspicious message, a check-in
/// day that arrived out of order). Each is asked only when the decision cannot be made without it.
///
/// Answers reflect the events stored before the one being decided and every row written for them — in the
/// same transaction too — and nothing of the events after it. Times are epoch seconds, as stored.
public protocol IngestHistory {
    /// Times of the member's messages in the group sent strictly between `after` and `before`.
    func messageTimes(groupID: String, memberID: String, after: Double, before: Double) throws -> [Double]

    /// The member's newest message with text in the group sent within `from...through`, other than the
    /// message (`source`, `externalID`) being decided.
    func latestMessage(
        groupID: String, memberID: String, from: Double, through: Double, excludingSource source: String, externalID: String
    ) throws -> RecentMessage?

    /// Whether a flood case was raised for the member in the group at or after `since`.
    func hasFloodCase(groupID: String, memberID: String, since: Double) throws -> Bool

    /// How many cases the member has had in the group, and when they last took a new name (a rename event).
    func caseRecord(groupID: String, memberID: String) throws -> MemberCaseRecord

    /// Every day (`LocalDay.number`) the member checked in in the group.
    func checkinDays(groupID: String, memberID: String) throws -> [Int]
}

/// A member's moderation record as the classifier's trust settings read it.
public struct MemberCaseRecord: Hashable, Sendable {
    public var cases: Int
    public var renamedAt: Double?

    public init(cases: Int, renamedAt: Double?) {
        self.cases = cases
        self.renamedAt = renamedAt
    }
}
