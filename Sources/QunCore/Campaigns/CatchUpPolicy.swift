import Foundation

/// What a scheduler does with slots that fell due while it was not running.
///
/// A slot late by more than `maxLateness` is skipped and reported (a 秒杀 push for 11:00 posted at 11:40 is
/// wrong information); with `latestOnly`, of several late-but-acceptable slots in one group only the most
/// recent posts (two stale previews back to back are spam). Slots older than `maxLookback` are not even
/// enumerated; `lookbackTruncated` says so.
public struct CatchUpPolicy: Codable, Hashable, Sendable {
    /// nil: never too late (a lottery draw still happens).
    public var maxLateness: TimeInterval?
    public var latestOnly: Bool
    public var maxLookback: TimeInterval

    public init(maxLateness: TimeInterval?, latestOnly: Bool = true, maxLookback: TimeInterval = 7 * 86_400) {
        self.maxLateness = maxLateness
        self.latestOnly = latestOnly
        self.maxLookback = maxLookback
    }

    /// True when something due at `dueAt` is too late to post at `now` (for event-driven posts such as
    /// welcomes, which have no clock slots to run through `dueSlots`).
    public func isTooLate(dueAt: Date, now: Date) -> Bool {
        guard let limit = maxLateness else { return false }
        return now.timeIntervalSince(dueAt) > limit
    }

    /// The default per campaign type (see docs/campaigns.md, "Catch-up after downtime").
    public static func `default`(for type: CampaignType) -> CatchUpPolicy {
        switch type {
        case .flashSale, .redPacket: return CatchUpPolicy(maxLateness: 30 * 60)
        case .preview, .checkinChallenge: return CatchUpPolicy(maxLateness: 2 * 3600)
        case .welcome: return CatchUpPolicy(maxLateness: 3600, latestOnly: false)
        case .referral, .firstOrder: return CatchUpPolicy(maxLateness: 6 * 3600)
        case .lottery: return CatchUpPolicy(maxLateness: nil, latestOnly: false)
        case .holiday, .live: return CatchUpPolicy(maxLateness: 3600)
        }
    }
}

/// A slot the scheduler will not post, and why.
public struct SkippedSlot: Codable, Hashable, Sendable {
    public enum Reason: String, Codable, Hashable, Sendable {
        /// Later than the policy's `maxLateness`.
        case tooLate = "too_late"
        /// A later slot of the same group is posted instead (`latestOnly`).
        case superseded
    }

    public var slot: ScheduledSlot
    public var lateBy: TimeInterval
    public var reason: Reason

    public init(slot: ScheduledSlot, lateBy: TimeInterval, reason: Reason) {
        self.slot = slot
        self.lateBy = lateBy
        self.reason = reason
    }

    /// "skipped 11:00 push in zz-jinshui-1: 42 min late (limit 30 min)"
    public func describe(policy: CatchUpPolicy) -> String {
        let late = Int((lateBy / 60).rounded(.down))
        switch reason {
        case .tooLate:
            let limit = policy.maxLateness.map { " (limit \(Int($0 / 60)) min)" } ?? ""
            return "skipped \(slot.local) in \(slot.groupID): \(late) min late\(limit)"
        case .superseded:
            return "skipped \(slot.local) in \(slot.groupID): a later slot posts instead"
        }
    }
}

/// The outcome of catching up: what to post now, and what was skipped.
public struct CatchUpResult: Codable, Hashable, Sendable {
    /// Post these now (each under its own idempotency key), in due order.
    public var due: [ScheduledSlot]
    public var skipped: [SkippedSlot]
    /// True when the downtime exceeded `maxLookback` and older slots were not enumerated.
    public var lookbackTruncated: Bool

    public init(due: [ScheduledSlot] = [], skipped: [SkippedSlot] = [], lookbackTruncated: Bool = false) {
        self.due = due
        self.skipped = skipped
        self.lookbackTruncated = lookbackTruncated
    }

    public mutating func merge(_ other: CatchUpResult) {
        due = (due + other.due).sorted()
        skipped = (skipped + other.skipped).sorted { $0.slot < $1.slot }
        lookbackTruncated = lookbackTruncated || other.lookbackTruncated
    }
}

extension CampaignSchedule {
    /// The slots that fell due in `(lastRun, now]` for one group, after the catch-up policy.
    /// A scheduler calls this every tick with `lastRun` = the end of its previous tick; after downtime,
    /// `lastRun` is the last tick before it stopped. The outbox's unique idempotency key makes a second
    /// scheduler (or a restart that re-covers the same window) harmless.
    public func dueSlots(
        campaignID: String, groupID: String, between lastRun: Date, and now: Date, in zone: TimeZone, policy: CatchUpPolicy
    ) -> CatchUpResult {
        let floor = now.addingTimeInterval(-policy.maxLookback)
        let from = max(lastRun, floor)
        var result = CatchUpResult(lookbackTruncated: lastRun < floor)
        let candidates = slots(campaignID: campaignID, groupID: groupID, from: from, through: now, in: zone)
        var acceptable: [ScheduledSlot] = []
        for slot in candidates {
            let late = now.timeIntervalSince(slot.dueAt)
            if let limit = policy.maxLateness, late > limit {
                result.skipped.append(SkippedSlot(slot: slot, lateBy: late, reason: .tooLate))
            } else {
                acceptable.append(slot)
            }
        }
        if policy.latestOnly, let last = acceptable.last {
            for slot in acceptable.dropLast() {
                result.skipped.append(SkippedSlot(slot: slot, lateBy: now.timeIntervalSince(slot.dueAt), reason: .superseded))
            }
            acceptable = [last]
        }
        result.due = acceptable
        result.skipped.sort { $0.slot < $1.slot }
        return result
    }
}
