import Foundation

/// How often a campaign runs. Wall-clock times are read in each target group's own zone.
public enum Recurrence: Hashable, Sendable, Codable {
    /// Once, at an instant (a lottery draw, a live session).
    case once(at: Date)
    /// Every day at a local time (07:00 check-in greeting, 20:00 preview).
    case daily(at: LocalTime)
    /// Every hour at minute `minute` inside a local window, both ends included
    /// (10:00–20:00 at :00 → 11 pushes a day).
    case hourly(window: LocalTimeWindow, minute: Int)
    /// Every `n` days at a local time, counting from the civil date `anchor` (anchor, anchor+n, …).
    case everyNDays(n: Int, at: LocalTime, anchor: LocalDay)
    /// No clock: one post per new member, `delayMinutes` after the join (welcome message).
    case onJoin(delayMinutes: Int)
    /// No clock: runs only when triggered (`t`, `qundeck campaign trigger`).
    case manual

    /// Short human text: "daily 07:00", "hourly 10:00–20:00 at :00".
    public var summary: String {
        switch self {
        case let .once(at): return "once at \(ISO8601DateFormatter().string(from: at))"
        case let .daily(at): return "daily \(at)"
        case let .hourly(window, minute): return "hourly \(window) at :\(String(format: "%02d", minute))"
        case let .everyNDays(n, at, anchor): return "every \(n) days at \(at) from \(anchor)"
        case let .onJoin(delay): return "on join +\(delay) min"
        case .manual: return "manual"
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, at, window, minute, n, anchor, delayMinutes = "delay_minutes" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "once": self = .once(at: try c.decode(Date.self, forKey: .at))
        case "daily": self = .daily(at: try c.decode(LocalTime.self, forKey: .at))
        case "hourly":
            self = .hourly(window: try c.decode(LocalTimeWindow.self, forKey: .window), minute: try c.decode(Int.self, forKey: .minute))
        case "every_n_days":
            let anchorText = try c.decode(String.self, forKey: .anchor)
            guard let anchor = LocalDay(iso: anchorText) else {
                throw DecodingError.dataCorruptedError(forKey: .anchor, in: c, debugDescription: "not a date: \(anchorText)")
            }
            self = .everyNDays(n: try c.decode(Int.self, forKey: .n), at: try c.decode(LocalTime.self, forKey: .at), anchor: anchor)
        case "on_join": self = .onJoin(delayMinutes: try c.decode(Int.self, forKey: .delayMinutes))
        case "manual": self = .manual
        default: throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown recurrence \(kind)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .once(at):
            try c.encode("once", forKey: .kind)
            try c.encode(at, forKey: .at)
        case let .daily(at):
            try c.encode("daily", forKey: .kind)
            try c.encode(at, forKey: .at)
        case let .hourly(window, minute):
            try c.encode("hourly", forKey: .kind)
            try c.encode(window, forKey: .window)
            try c.encode(minute, forKey: .minute)
        case let .everyNDays(n, at, anchor):
            try c.encode("every_n_days", forKey: .kind)
            try c.encode(n, forKey: .n)
            try c.encode(at, forKey: .at)
            try c.encode(anchor.description, forKey: .anchor)
        case let .onJoin(delay):
            try c.encode("on_join", forKey: .kind)
            try c.encode(delay, forKey: .delayMinutes)
        case .manual:
            try c.encode("manual", forKey: .kind)
        }
    }
}

/// When a campaign runs: a recurrence bounded by an optional start and end (both included).
public struct CampaignSchedule: Codable, Hashable, Sendable {
    public var recurrence: Recurrence
    public var startsAt: Date?
    public var endsAt: Date?

    public init(_ recurrence: Recurrence, startsAt: Date? = nil, endsAt: Date? = nil) {
        self.recurrence = recurrence
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    /// True for schedules with clock slots (not `manual` or `onJoin`).
    public var hasClockSlots: Bool {
        switch recurrence {
        case .manual, .onJoin: return false
        default: return true
        }
    }

    /// The next `limit` slots strictly after `after`, computed in `zone` (the target group's zone), in due order.
    /// DST: a slot whose wall-clock time does not exist that day runs at the first minute after the gap; a
    /// repeated wall-clock time runs once, at its first occurrence; two readings that land on the same instant
    /// (02:00 moved past the gap onto the 03:00 slot) post once, as the reading that exists.
    public func nextRuns(campaignID: String, groupID: String, after: Date, in zone: TimeZone, limit: Int) -> [ScheduledSlot] {
        guard limit > 0 else { return [] }
        let lower = max(after, startsAt?.addingTimeInterval(-0.001) ?? after)
        switch recurrence {
        case .manual, .onJoin:
            return []
        case let .once(at):
            guard at > lower, inBounds(at) else { return [] }
            return [ScheduledSlot(campaignID: campaignID, groupID: groupID, dueAt: at, local: LocalDateTime(at, in: zone))]
        case .daily, .hourly, .everyNDays:
            var result: [ScheduledSlot] = []
            var seen = Set<Date>()
            var day = LocalDay(lower, in: zone).adding(days: -1)
            if case let .everyNDays(_, _, anchor) = recurrence, day < anchor { day = anchor }
            let lastDay = endsAt.map { LocalDay($0, in: zone).adding(days: 1) }
            let maxDays = limit * stepDays + 3
            var scanned = 0
            while result.count < limit, scanned < maxDays {
                if let lastDay, day > lastDay { break }
                for slot in slots(on: day, campaignID: campaignID, groupID: groupID, in: zone)
                where slot.dueAt > lower && slot.dueAt > after && inBounds(slot.dueAt) && !seen.contains(slot.dueAt) {
                    seen.insert(slot.dueAt)
                    result.append(slot)
                }
                day = day.adding(days: 1)
                scanned += 1
            }
            return Array(result.sorted().prefix(limit))
        }
    }

    /// Every slot with `from < dueAt <= through`, in due order (used by the scheduler's catch-up).
    public func slots(campaignID: String, groupID: String, from: Date, through: Date, in zone: TimeZone) -> [ScheduledSlot] {
        guard from < through else { return [] }
        switch recurrence {
        case .manual, .onJoin:
            return []
        case let .once(at):
            guard at > from, at <= through, inBounds(at) else { return [] }
            return [ScheduledSlot(campaignID: campaignID, groupID: groupID, dueAt: at, local: LocalDateTime(at, in: zone))]
        case .daily, .hourly, .everyNDays:
            var result: [ScheduledSlot] = []
            var seen = Set<Date>()
            var day = LocalDay(from, in: zone).adding(days: -1)
            let last = LocalDay(through, in: zone).adding(days: 1)
            while day <= last {
                for slot in slots(on: day, campaignID: campaignID, groupID: groupID, in: zone)
                where slot.dueAt > from && slot.dueAt <= through && inBounds(slot.dueAt) && !seen.contains(slot.dueAt) {
                    seen.insert(slot.dueAt)
                    result.append(slot)
                }
                day = day.adding(days: 1)
            }
            return result.sorted()
        }
    }

    /// The wall-clock times the recurrence asks for on `day` (empty on days it skips).
    public func localTimes(on day: LocalDay) -> [LocalTime] {
        switch recurrence {
        case .manual, .onJoin, .once: return []
        case let .daily(at): return [at]
        case let .hourly(window, minute): return window.hourlyTimes(atMinute: minute)
        case let .everyNDays(n, at, anchor):
            guard n > 0, day >= anchor, (day.number - anchor.number) % n == 0 else { return [] }
            return [at]
        }
    }

    /// The slots of one local day, one per distinct instant, in due order (before the start/end bounds).
    func slots(on day: LocalDay, campaignID: String, groupID: String, in zone: TimeZone) -> [ScheduledSlot] {
        var byInstant: [Date: ScheduledSlot] = [:]
        for time in localTimes(on: day) {
            let local = LocalDateTime(day: day, time: time)
            let resolved = LocalClock.resolve(local, in: zone)
            let slot = ScheduledSlot(
                campaignID: campaignID, groupID: groupID, dueAt: resolved.instant, local: local, adjustment: resolved.adjustment)
            // Prefer the reading that exists over one moved onto the same instant from a gap.
            if let existing = byInstant[resolved.instant], existing.adjustment != .movedPastGap { continue }
            byInstant[resolved.instant] = slot
        }
        return byInstant.values.sorted()
    }

    private var stepDays: Int {
        if case let .everyNDays(n, _, _) = recurrence { return max(1, n) }
        return 1
    }

    func inBounds(_ date: Date) -> Bool {
        if let startsAt, date < startsAt { return false }
        if let endsAt, date > endsAt { return false }
        return true
    }
}
