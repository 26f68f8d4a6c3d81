import Foundation
import QunCore

/// The arithmetic between a pane's queries and its read model — which hours make "today", how per-day counts
/// become a 14-day strip, how a goal picks its counter — shared by every backend, so each only runs its SQL
/// and the results agree.
public enum PaneAssembly {
    /// The hour buckets (hours since the epoch) the Activity pane reads for one group.
    public struct ActivityWindow: Sendable {
        public let nowHour: Int
        public let today: LocalDay
        /// Rollup rows with `hour > firstHourAfter` and `hour <= nowHour`: the last 24 hours and all of today.
        public let firstHourAfter: Int
        /// The baseline: the same three hours of the day on each of the previous 14 days.
        public let baselineAfter: Int
        public let baselineThrough: Int

        public init(now: Date, zone: TimeZone) {
            nowHour = Int((now.timeIntervalSince1970 / 3600).rounded(.down))
            today = LocalDay(now, in: zone)
            let todayStartHour = Int((today.start(in: zone).timeIntervalSince1970 / 3600).rounded(.down))
            firstHourAfter = min(nowHour - 24, todayStartHour - 1)
            baselineAfter = nowHour - 14 * 24 - 3
            baselineThrough = nowHour - 24
        }
    }

    /// One `activity_hourly` row of the Activity pane's window; `gone` is leaves + removes + bans.
    public struct HourRow: Sendable {
        public var hour: Int
        public var localDay: Int
        public var messages: Int
        public var joins: Int
        public var gone: Int

        public init(hour: Int, localDay: Int, messages: Int, joins: Int, gone: Int) {
            self.hour = hour
            self.localDay = localDay
            self.messages = messages
            self.joins = joins
            self.gone = gone
        }
    }

    /// What a backend read for one group's Activity row.
    public struct ActivityFacts: Sendable {
        public var members: Int
        public var activeToday: Int
        public var hours: [HourRow]
        public var messagesLastHour: Int
        public var lastMessageAt: Date?
        public var ownerLastMessageAt: Date?
        public var baselineTotal: Int

        public init(
            members: Int, activeToday: Int, hours: [HourRow], messagesLastHour: Int, lastMessageAt: Date?, ownerLastMessageAt: Date?,
            baselineTotal: Int
        ) {
            self.members = members
            self.activeToday = activeToday
            self.hours = hours
            self.messagesLastHour = messagesLastHour
            self.lastMessageAt = lastMessageAt
            self.ownerLastMessageAt = ownerLastMessageAt
            self.baselineTotal = baselineTotal
        }
    }

    public static func activity(group: Group, window: ActivityWindow, facts: ActivityFacts) -> GroupActivity {
        var hourly = Array(repeating: 0, count: 24)
        var messagesToday = 0, joinsToday = 0, leavesToday = 0
        for row in facts.hours {
            let index = 23 - (window.nowHour - row.hour)
            if (0..<24).contains(index) { hourly[index] = row.messages }
            if row.localDay == window.today.number {
                messagesToday += row.messages
                joinsToday += row.joins
                leavesToday += row.gone
            }
        }
        var activity = GroupActivity(
            group: group, members: facts.members, activeToday: facts.activeToday, messagesLastHour: facts.messagesLastHour,
            messagesToday: messagesToday, joinsToday: joinsToday, leavesToday: leavesToday, hourly: hourly,
            baselineLast3Hours: Double(facts.baselineTotal) / 14, messagesLast3Hours: hourly[21...].reduce(0, +),
            lastMessageAt: facts.lastMessageAt)
        activity.ownerLastMessageAt = facts.ownerLastMessageAt
        return activity
    }

    /// The rollup's first hour counted by `stats(since:)`; all history when `since` is nil.
    public static func statsFirstHour(since: Date?) -> Int {
        since.map { Int(($0.timeIntervalSince1970 / 3600).rounded(.down)) } ?? Int.min
    }

    /// Messages per local hour of the day from (local_hour, messages) sums.
    public static func messagesByHour(_ sums: [(localHour: Int, messages: Int)]) -> [Int] {
        var byHour = Array(repeating: 0, count: 24)
        for (hour, messages) in sums where (0..<24).contains(hour) { byHour[hour] = messages }
        return byHour
    }

    /// The check-in strip: `counts` by local day number, for the 14 days ending `today`.
    public static func checkinRate(group: Group, today: LocalDay, counts: [Int: Int], members: Int) -> GroupCheckinRate {
        let perDay = (0..<14).map { counts[today.number - 13 + $0] ?? 0 }
        return GroupCheckinRate(
            group: group, checkedInToday: perDay[13], checkedInYesterday: perDay[12], members: members, lastDays: perDay)
    }

    /// Check-in rows of several local dates merged: at-risk first, then the longest streak, then by name.
    public static func rankedCheckinMembers(_ rows: [CheckinMemberRow], limit: Int) -> [CheckinMemberRow] {
        let sorted = rows.sorted { a, b in
            if a.atRisk != b.atRisk { return a.atRisk }
            if a.currentStreak != b.currentStreak { return a.currentStreak > b.currentStreak }
            if a.member.shownName != b.member.shownName { return a.member.shownName < b.member.shownName }
            // Equal names in several groups: a fixed order, whatever order the queries returned them in.
            return (a.member.groupID, a.member.memberID) < (b.member.groupID, b.member.memberID)
        }
        return Array(sorted.prefix(limit))
    }

    /// A campaign's counters as `campaign_stats` holds them (nil when the campaign has no row yet).
    public struct CampaignCounters: Sendable {
        public var claims: Int?
        public var orders: Int?
        public var joins: Int?
        public var checkins: Int?
        public var messages: Int?

        public init(claims: Int?, orders: Int?, joins: Int?, checkins: Int?, messages: Int?) {
            self.claims = claims
            self.orders = orders
            self.joins = joins
            self.checkins = checkins
            self.messages = messages
        }

        public init<R: StoredRow>(_ row: R) throws(R.Failure) {
            self.init(
                claims: try row.optionalInt("claims"), orders: try row.optionalInt("orders"), joins: try row.optionalInt("joins"),
                checkins: try row.optionalInt("checkins"), messages: try row.optionalInt("messages"))
        }
    }

    public static func campaignRow(_ campaign: Campaign, counters: CampaignCounters, spent: Money, groupNames: [String: String]) -> CampaignRow {
        let achieved: Int?
        switch campaign.goalMetric {
        case "claims": achieved = counters.claims
        case "orders": achieved = counters.orders
        case "invites", "joins": achieved = counters.joins
        case "checkins": achieved = counters.checkins
        default: achieved = counters.messages
        }
        return CampaignRow(
            campaign: campaign, progress: CampaignProgress(achieved: achieved ?? 0, spent: spent),
            groupNames: campaign.groupIDs.map { groupNames[$0] ?? $0 })
    }

    /// Each day from `first` to `today` (oldest first): check-ins, and the members the group had that day,
    /// rebuilt from today's count by undoing each later day's net joins.
    public static func checkinHistory(
        today: LocalDay, first: LocalDay, checkedIn: [Int: Int], netJoins: [Int: Int], membersToday: Int
    ) -> [CheckinDay] {
        var members = membersToday
        var result: [CheckinDay] = []
        var day = today
        while day >= first {
            result.append(CheckinDay(day: day, checkedIn: checkedIn[day.number] ?? 0, members: max(members, 0)))
            members -= netJoins[day.number] ?? 0
            day = day.adding(days: -1)
        }
        return result.reversed()
    }

    /// How many check-in days (newest first) run back without a gap from `day`.
    public static func streak(endingOn day: LocalDay, daysNewestFirst days: [Int]) -> Int {
        var streak = 0
        for (i, d) in days.enumerated() where d == day.number - i { streak += 1 }
        return streak
    }

    /// The day a 30-day invite counts as qualified from: joined at least `InviteCount.qualifyingDays` ago.
    public static func inviteCutoff(now: Date) -> Double {
        now.timeIntervalSince1970 - Double(InviteCount.qualifyingDays) * 86_400
    }

    /// The leaderboard column for a counted metric.
    public static func topColumn(_ metric: TopMetric) -> String {
        metric == .messages ? "message_count" : metric == .checkins ? "checkin_count" : "order_count"
    }

    /// What a profile adds from the moderation settings: warnings in force, the penalty the next one brings,
    /// and what the rules find wrong with the member's shown name.
    public static func judge(_ profile: inout MemberProfile, activeWarnings: Int, rules: RuleEngine, ladder: PenaltyLadder) {
        profile.activeWarnings = activeWarnings
        profile.nicknameProblems = rules
            .evaluateNickname(profile.member.shownName, groupID: profile.member.groupID, format: profile.group.nicknameFormat).map(\.reason)
        profile.nextPenalty = ladder.nextPenalty(afterActiveWarnings: activeWarnings)
    }
}

/// A group's penalty ladder as `group_settings.penalty_ladder` stores it (JSON); the standard ladder when
/// none is stored or it cannot be read.
public enum StoredPenaltyLadder {
    public static func decode(_ json: String?) -> PenaltyLadder {
        guard let json, let ladder = try? JSONDecoder().decode(PenaltyLadder.self, from: Data(json.utf8)) else { return .standard }
        return ladder
    }
}
