import Foundation

/// A civil date in some group's time zone, as a day number since 1970-01-01.
/// Computed from the zone's offset at the instant, so DST changes move the boundary correctly.
public struct LocalDay: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var number: Int
    public init(number: Int) { self.number = number }

    public init(_ date: Date, in zone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        self.number = Int((Double(seconds) / 86_400).rounded(.down))
    }

    /// nil when the date does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.number = LocalDay.daysFromCivil(year: year, month: month, day: day)
        guard self.civil == (year, month, day) else { return nil }
    }

    /// Parses "YYYY-MM-DD".
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.number = LocalDay.daysFromCivil(year: y, month: m, day: d)
        guard self.civil == (y, m, d) else { return nil }
    }

    public static func < (a: LocalDay, b: LocalDay) -> Bool { a.number < b.number }
    public func adding(days: Int) -> LocalDay { LocalDay(number: number + days) }

    public var civil: (year: Int, month: Int, day: Int) { LocalDay.civilFromDays(number) }

    public var description: String {
        let (y, m, d) = civil
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The first instant of this day in `zone` (a DST gap at midnight moves it forward).
    public func start(in zone: TimeZone) -> Date {
        let guess = Date(timeIntervalSince1970: Double(number) * 86_400)
        var start = guess.addingTimeInterval(-Double(zone.secondsFromGMT(for: guess)))
        // The offset at local midnight may differ from the offset at UTC midnight; settle it.
        for _ in 0..<2 {
            let offset = zone.secondsFromGMT(for: start)
            start = guess.addingTimeInterval(-Double(offset))
        }
        if LocalDay(start, in: zone).number < number { start = start.addingTimeInterval(3600) }
        return start
    }

    // Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// Local hour of day (0–23) of an instant in a zone.
public func localHour(of date: Date, in zone: TimeZone) -> Int {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
    return ((seconds % 86_400 + 86_400) % 86_400) / 3600
}
