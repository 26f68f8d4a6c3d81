import Foundation

/// Turns a wall-clock reading in a zone into an instant, DST-safe.
///
/// - A reading that exists once maps to that instant.
/// - A reading inside a spring-forward gap (02:30 on 2026-03-29 in Europe/Berlin) does not exist: it maps to
///   the next valid minute, which is the first minute after the gap (03:00 CEST).
/// - A reading inside a fall-back overlap (02:30 on 2026-10-25 in Europe/Berlin happens twice) maps to its
///   first occurrence (02:30 CEST), so a slot there runs once.
public enum LocalClock {
    public enum Adjustment: String, Codable, Hashable, Sendable {
        /// The reading exists exactly once.
        case exact
        /// The reading fell in a spring-forward gap; the instant is the first minute after the gap.
        case movedPastGap = "moved_past_gap"
        /// The reading happens twice (fall back); the instant is the first occurrence.
        case firstOfRepeated = "first_of_repeated"
    }

    public struct Resolution: Hashable, Sendable {
        public var instant: Date
        public var adjustment: Adjustment
    }

    public static func resolve(_ local: LocalDateTime, in zone: TimeZone) -> Resolution {
        let naive = Double(local.localMinutes) * 60
        // Every offset the zone uses within a day of the reading; real transitions are far less than a day apart.
        var offsets: [Int] = []
        for probe in [naive - 86_400, naive - 43_200, naive, naive + 43_200, naive + 86_400] {
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: probe))
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        let matches = offsets.map { naive - Double($0) }
            .filter { zone.secondsFromGMT(for: Date(timeIntervalSince1970: $0)) == Int(naive - $0) }
            .sorted()
        if let first = matches.first {
            return Resolution(instant: Date(timeIntervalSince1970: first), adjustment: matches.count > 1 ? .firstOfRepeated : .exact)
        }
        // A gap: the reading read with the offset before the transition lands after it and vice versa.
        // The first minute after the gap is the transition instant; find it by bisection on whole minutes.
        let candidates = offsets.map { naive - Double($0) }.sorted()
        var lo = (candidates.first! / 60).rounded(.down) * 60
        var hi = (candidates.last! / 60).rounded(.up) * 60
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: hi))
        while hi - lo > 60 {
            let mid = ((lo + hi) / 120).rounded(.down) * 60
            if zone.secondsFromGMT(for: Date(timeIntervalSince1970: mid)) == after { hi = mid } else { lo = mid }
        }
        return Resolution(instant: Date(timeIntervalSince1970: hi), adjustment: .movedPastGap)
    }

    /// The instant of `time` on `day` in `zone` (see `resolve`).
    public static func instant(of time: LocalTime, on day: LocalDay, in zone: TimeZone) -> Date {
        resolve(LocalDateTime(day: day, time: time), in: zone).instant
    }
}
