/// Streaks from a member's check-in days. Pure, so imports of out-of-order history give the same
/// answer as live ingest.
public enum StreakCalculator {
    public struct Result: Hashable, Sendable {
        /// Consecutive days ending at `lastDay`.
        public var streakEndingAtLast: Int
        public var longest: Int
        public var lastDay: LocalDay?
    }

    public static func compute(days: [LocalDay]) -> Result {
        let sorted = Array(Set(days)).sorted()
        guard let last = sorted.last else { return Result(streakEndingAtLast: 0, longest: 0, lastDay: nil) }
        var longest = 0
        var run = 0
        var previous: LocalDay?
        for day in sorted {
            if let p = previous, day.number == p.number + 1 { run += 1 } else { run = 1 }
            longest = max(longest, run)
            previous = day
        }
        return Result(streakEndingAtLast: run, longest: longest, lastDay: last)
    }
}

/// A member's check-in streak as the store keeps it: the run ending at the last day checked in, the longest
/// run ever, and that last day.
public struct StreakState: Hashable, Sendable {
    public var current: Int
    public var longest: Int
    /// `LocalDay.number` of the last check-in; nil before the first.
    public var lastDay: Int?

    public init(current: Int = 0, longest: Int = 0, lastDay: Int? = nil) {
        self.current = current
        self.longest = longest
        self.lastDay = lastDay
    }

    public init(_ computed: StreakCalculator.Result) {
        self.init(current: computed.streakEndingAtLast, longest: computed.longest, lastDay: computed.lastDay?.number)
    }

    /// The streak after a check-in on `day`; nil when `day` is not after the last one (history arriving out
    /// of order, or a 补签), which only a recount of every day can answer.
    public func checkingIn(on day: LocalDay) -> StreakState? {
        if let lastDay, day.number <= lastDay { return nil }
        let current = lastDay == day.number - 1 ? self.current + 1 : 1
        return StreakState(current: current, longest: max(longest, current), lastDay: day.number)
    }
}
