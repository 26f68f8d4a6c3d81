import Foundation

/// Wall-clock times written without an offset (WhatsApp headers, a Telegram `date`) placed in a zone.
/// Rejects dates that do not exist (31 February); caches the last hour, since exports are mostly in order.
struct LocalTime {
    let zone: TimeZone
    private let calendar: Calendar
    private var cachedHour: (key: Int, date: Date)?

    init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    mutating func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), (1...9999).contains(year)
        else { return nil }
        let key = ((year * 100 + month) * 100 + day) * 100 + hour
        let offset = TimeInterval(minute * 60 + min(second, 59))
        if let cached = cachedHour, cached.key == key { return cached.date + offset }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: 0, second: 0)
        guard let start = calendar.date(from: components) else { return nil }
        // Catches days the month does not have (the calendar would roll 31 February over into March).
        let back = calendar.dateComponents([.year, .month, .day], from: start)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        cachedHour = (key, start)
        return start + offset
    }

    /// `2023-05-01T12:01:00` (or with a space, fractions ignored), the way Telegram Desktop writes `date`.
    static func components(iso text: String) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)? {
        let b = Array(text.utf8)
        guard b.count >= 19, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A else {
            return nil
        }
        func num(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for k in from..<(from + count) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2)
        else { return nil }
        return (y, mo, d, h, mi, s)
    }
}
