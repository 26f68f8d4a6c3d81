import Foundation

/// A wall-clock time of day (HH:mm) in some group's time zone, e.g. the 07:00 check-in or the 20:00 preview.
/// Encoded as the string "HH:mm".
public struct LocalTime: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// nil unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    public init?(hour: Int, minute: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses "HH:mm" or "H:mm" ("7:00", "07:00", "20:30").
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    /// Minutes since local midnight.
    public var minutesOfDay: Int { hour * 60 + minute }

    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.minutesOfDay < b.minutesOfDay }

    /// "07:00"
    public var description: String { String(format: "%02d:%02d", hour, minute) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LocalTime(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a local time HH:mm: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A window of the local day, both ends included, e.g. 10:00–20:00 for a flash sale's hourly pushes.
/// Windows do not cross midnight (`start <= end`).
public struct LocalTimeWindow: Codable, Hashable, Sendable, CustomStringConvertible {
    public let start: LocalTime
    public let end: LocalTime

    /// nil when `end` is before `start`.
    public init?(start: LocalTime, end: LocalTime) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses "10:00-20:00" (a hyphen, an en dash or "~").
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "~" })
        guard parts.count == 2, let s = LocalTime(String(parts[0])), let e = LocalTime(String(parts[1])) else { return nil }
        self.init(start: s, end: e)
    }

    public func contains(_ time: LocalTime) -> Bool { start <= time && time <= end }

    /// The times at minute `minute` of every hour inside the window: 10:00–20:00 at :00 → 10:00, 11:00 … 20:00.
    public func hourlyTimes(atMinute minute: Int) -> [LocalTime] {
        (0...23).compactMap { LocalTime(hour: $0, minute: minute) }.filter(contains)
    }

    /// "10:00–20:00"
    public var description: String { "\(start)–\(end)" }

    private enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let s = try c.decode(LocalTime.self, forKey: .start)
        let e = try c.decode(LocalTime.self, forKey: .end)
        guard let window = LocalTimeWindow(start: s, end: e) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "window ends before it starts: \(s)–\(e)"))
        }
        self = window
    }
}

/// A civil date and wall-clock time with no zone attached: what the admin wrote ("2026-03-29 07:00").
/// Its description, "2026-03-29T07:00", is the local part of a slot's idempotency key.
public struct LocalDateTime: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var day: LocalDay
    public var time: LocalTime

    public init(day: LocalDay, time: LocalTime) {
        self.day = day
        self.time = time
    }

    /// The wall-clock reading of `date` in `zone`, to the minute (seconds dropped).
    public init(_ date: Date, in zone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let dayNumber = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - dayNumber * 86_400
        self.day = LocalDay(number: dayNumber)
        self.time = LocalTime(hour: secondOfDay / 3600, minute: (secondOfDay % 3600) / 60)!
    }

    /// Parses "2026-03-29T07:00" or "2026-03-29 07:00".
    public init?(iso: String) {
        let parts = iso.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2, let day = LocalDay(iso: String(parts[0])), let time = LocalTime(String(parts[1])) else { return nil }
        self.init(day: day, time: time)
    }

    /// Minutes since 1970-01-01T00:00 on the local clock (not an instant).
    public var localMinutes: Int { day.number * 1440 + time.minutesOfDay }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.localMinutes < b.localMinutes }

    /// "2026-03-29T07:00"
    public var description: String { "\(day)T\(time)" }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LocalDateTime(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a local date-time: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
