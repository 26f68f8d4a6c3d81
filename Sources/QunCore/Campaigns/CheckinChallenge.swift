import Foundation

/// One member's progress in a check-in challenge (days are the group's local days).
public struct ChallengeStanding: Codable, Hashable, Sendable {
    public var member: MemberKey
    /// Check-in days inside the challenge.
    public var days: Int
    public var longestStreak: Int
    /// The streak ending today or yesterday (0 when broken).
    public var currentStreak: Int
    /// The day the streak first reached the required days.
    public var completedOn: LocalDay?
    /// Checked in yesterday, not yet today, not yet completed: deserves a nudge.
    public var atRisk: Bool

    public var completed: Bool { completedOn != nil }
}

/// 签到挑战 progress: participants, completions, the streak distribution and who is at risk.
public struct ChallengeReport: Codable, Hashable, Sendable {
    /// Most days first, then member.
    public var standings: [ChallengeStanding]
    /// Longest streak (in days) → members.
    public var streakDistribution: [Int: Int]

    public var participants: Int { standings.count }
    /// Members (by member id, once even if in several groups) who completed.
    public var completions: Int { Set(standings.filter(\.completed).map(\.member.memberID)).count }
    public var checkins: Int { standings.reduce(0) { $0 + $1.days } }
    public var atRisk: [MemberKey] { standings.filter(\.atRisk).map(\.member) }

    /// Check-in days per member from the store's `checkins` table; only days in `first...last` count, and
    /// `today` is the local day now (it may be past `last`). A member completes when `requiredDays`
    /// consecutive days fall inside the challenge.
    public static func evaluate(
        checkinDays: [MemberKey: [LocalDay]], rules: CheckinChallengeRules, first: LocalDay, last: LocalDay, today: LocalDay
    ) -> ChallengeReport {
        var standings: [ChallengeStanding] = []
        for (member, rawDays) in checkinDays {
            let days = Array(Set(rawDays.filter { $0 >= first && $0 <= last && $0 <= today })).sorted()
            guard !days.isEmpty else { continue }
            var run = 0
            var longest = 0
            var completedOn: LocalDay?
            var previous: LocalDay?
            for day in days {
                run = (previous.map { day.number == $0.number + 1 } ?? false) ? run + 1 : 1
                longest = max(longest, run)
                if completedOn == nil, rules.requiredDays > 0, run >= rules.requiredDays { completedOn = day }
                previous = day
            }
            let lastDay = days.last!
            let current = lastDay.number >= today.number - 1 ? run : 0
            let atRisk = completedOn == nil && lastDay.number == today.number - 1 && today <= last
            standings.append(ChallengeStanding(
                member: member, days: days.count, longestStreak: longest, currentStreak: current, completedOn: completedOn, atRisk: atRisk))
        }
        standings.sort { a, b in
            if a.days != b.days { return a.days > b.days }
            return a.member < b.member
        }
        var distribution: [Int: Int] = [:]
        for s in standings { distribution[s.longestStreak, default: 0] += 1 }
        return ChallengeReport(standings: standings, streakDistribution: distribution)
    }
}
