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
