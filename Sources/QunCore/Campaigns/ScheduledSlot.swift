import Foundation

/// One run of a campaign in one group: when it is due, which wall-clock reading it stands for, and the key
/// that keeps it from being posted twice.
public struct ScheduledSlot: Codable, Hashable, Sendable, Comparable {
    public var campaignID: String
    public var groupID: String
    /// The instant the slot is due.
    public var dueAt: Date
    /// The wall-clock reading the schedule asked for in the group's zone (for a spring-forward gap this is the
    /// reading that did not exist, e.g. 02:30, while `dueAt` is 03:00).
    public var local: LocalDateTime
    public var adjustment: LocalClock.Adjustment
    /// `campaign:<id>:group:<gid>:slot:<local ISO date-time>` — stable across processes and restarts.
    public var idempotencyKey: String

    public init(campaignID: String, groupID: String, dueAt: Date, local: LocalDateTime, adjustment: LocalClock.Adjustment = .exact) {
        self.campaignID = campaignID
        self.groupID = groupID
        self.dueAt = dueAt
        self.local = local
        self.adjustment = adjustment
        self.idempotencyKey = ScheduledSlot.key(campaignID: campaignID, groupID: groupID, local: local)
    }

    /// A slot for "trigger now" (`t` in the dashboard, `qundeck campaign trigger`): due at `now`, keyed
    /// `campaign:<id>:group:<gid>:trigger:<local ISO date-time>` so a double press within the same minute
    /// posts once and never collides with a scheduled slot.
    public static func manualTrigger(campaignID: String, groupID: String, at now: Date, in zone: TimeZone) -> ScheduledSlot {
        let local = LocalDateTime(now, in: zone)
        var slot = ScheduledSlot(campaignID: campaignID, groupID: groupID, dueAt: now, local: local)
        slot.idempotencyKey = "campaign:\(campaignID):group:\(groupID):trigger:\(local)"
        return slot
    }

    public static func key(campaignID: String, groupID: String, local: LocalDateTime) -> String {
        "campaign:\(campaignID):group:\(groupID):slot:\(local)"
    }

    /// Due time first, then group id, so merged lists of several groups are stable.
    public static func < (a: ScheduledSlot, b: ScheduledSlot) -> Bool {
        if a.dueAt != b.dueAt { return a.dueAt < b.dueAt }
        if a.groupID != b.groupID { return a.groupID < b.groupID }
        return a.idempotencyKey < b.idempotencyKey
    }
}
