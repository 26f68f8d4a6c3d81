/// The date-and-time header that starts every message of a WhatsApp export:
///
///     16/03/2022, 15:20 - Name: text                 Android, 24-hour clock
///     3/16/22, 3:20 PM - Name: text                  Android, 12-hour clock (U+202F before PM on newer phones)
///     01/30/2019, 08:49 p. m. - Name: text           Spanish-style meridiem
///     [16/03/2022, 15:20:25] Name: text              iOS
///     [01/20/19 11:23] Name: text                    iOS without the comma
///     2022/3/16 下午3:20 - Name: text                 Chinese locale, year first
///
/// Invisible marks (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and U+00A0 / U+202F spaces are
/// accepted anywhere around the fields. The date's day/month order is not decided here: the raw fields
/// are kept so the whole file can vote (see `WhatsAppDateOrder`).
struct WhatsAppHeader {
    /// The three numeric date fields as written, and how many digits each had.
    var fields: (Int, Int, Int)
    var digits: (Int, Int, Int)
    var hour: Int
    var minute: Int
    var second: Int
    /// nil for a 24-hour clock, true for PM.
    var pm: Bool?
    var bracketed: Bool
    /// The date and time as written (`16/03/2022, 3:20 PM`), marks removed and spaces made plain: part
    /// of a message's stable id, and what problems quote.
    var stamp: String
    /// What follows the header: `Name: text`, or a system line.
    var body: Substring

    /// 上午/下午… before the time (Chinese locales), and whether it means PM.
    private static let chineseMeridiem: [([Unicode.Scalar], Bool)] = [
        ("上午", false), ("下午", true), ("凌晨", false), ("早上", false), ("中午", true), ("晚上", true),
    ].map { (Array($0.0.unicodeScalars), $0.1) }

    /// Year first (`2022/03/16`): no day/month question.
    var yearFirst: Bool { digits.0 == 4 }

    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x200B: return true
        default: return false
        }
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s.value == 0x00A0 || s.value == 0x202F || s.value == 0x2009 || s == "\t"
    }

    static func parse(_ line: String) -> WhatsAppHeader? {
        let scalars = line.unicodeScalars
        var i = scalars.startIndex
        let end = scalars.endIndex
        func skipInvisible() { while i < end, isInvisible(scalars[i]) { i = scalars.index(after: i) } }
        func skipSpaces() { while i < end, isSpace(scalars[i]) || isInvisible(scalars[i]) { i = scalars.index(after: i) } }
        func digits(max: Int) -> (value: Int, count: Int)? {
            var value = 0
            var count = 0
            while i < end, count < max, (0x30...0x39).contains(scalars[i].value) {
                value = value * 10 + Int(scalars[i].value - 0x30)
                count += 1
                i = scalars.index(after: i)
            }
            return count == 0 ? nil : (value, count)
        }
        func take(_ c: Unicode.Scalar) -> Bool {
            guard i < end, scalars[i] == c else { return false }
            i = scalars.index(after: i)
            return true
        }
        var stamp = String.UnicodeScalarView()
        skipInvisible()
        let bracketed = take("[")
        skipInvisible()
        let stampStart = i
        guard let a = digits(max: 4) else { return nil }
        guard i < end, let separator = ["/", ".", "-"].first(where: { scalars[i] == $0 }) else { return nil }
        i = scalars.index(after: i)
        guard let b = digits(max: 2) else { return nil }
        guard take(separator) else { return nil }
        guard let c = digits(max: 4), c.count == 2 || c.count == 4 || (a.count == 4 && c.count <= 2) else { return nil }
        guard a.count <= 2 || a.count == 4 else { return nil }
        _ = take(".")
        // Date/time separator: ", " or "," or spaces.
        let hadComma = take(",")
        let beforeSpaces = i
        skipSpaces()
        guard hadComma || i > beforeSpaces else { return nil }
        // Chinese meridiem before the time.
        var pm: Bool?
        for (wordScalars, isPM) in Self.chineseMeridiem {
            var j = i
            var matched = true
            for s in wordScalars {
                guard j < end, scalars[j] == s else {
                    matched = false
                    break
                }
                j = scalars.index(after: j)
            }
            if matched {
                i = j
                pm = isPM  // 中午 12:xx is noon, 中午 1:xx is 13:xx: the PM rule handles both
                break
            }
        }
        guard let hour = digits(max: 2), take(":"), let minute = digits(max: 2), minute.count == 2 else { return nil }
        var second = 0
        if take(":") {
            guard let s = digits(max: 2), s.count == 2 else { return nil }
            second = s.value
        }
        // Meridiem after the time: AM/PM, am/pm, a.m./p.m., a. m./p. m. (any spaces, U+202F included).
        let afterTime = i
        skipSpaces()
        if pm == nil, i < end, ["a", "A", "p", "P"].contains(scalars[i]) {
            let isPM = scalars[i] == "p" || scalars[i] == "P"
            var j = scalars.index(after: i)
            func skip(_ pred: (Unicode.Scalar) -> Bool) { while j < end, pred(scalars[j]) { j = scalars.index(after: j) } }
            if j < end, scalars[j] == "." { j = scalars.index(after: j) }
            skip { isSpace($0) || isInvisible($0) }
            if j < end, scalars[j] == "m" || scalars[j] == "M" {
                j = scalars.index(after: j)
                if j < end, scalars[j] == "." { j = scalars.index(after: j) }
                i = j
                pm = isPM
            } else {
                i = afterTime
            }
        } else if pm == nil {
            i = afterTime
        }
        guard hour.value <= (pm == nil ? 23 : 12) else { return nil }
        guard minute.value <= 59, second <= 59 else { return nil }
        let stampEnd = i
        skipSpaces()
        if bracketed {
            guard take("]") else { return nil }
        } else {
            guard i < end, scalars[i] == "-" || scalars[i].value == 0x2013 else { return nil }
            i = scalars.index(after: i)
        }
        for s in scalars[stampStart..<stampEnd] where !isInvisible(s) {
            stamp.append(isSpace(s) ? " " : s)
        }
        // One space (or mark) between the header and the body.
        while i < end, isSpace(scalars[i]) || isInvisible(scalars[i]) { i = scalars.index(after: i) }
        return WhatsAppHeader(
            fields: (a.value, b.value, c.value), digits: (a.count, b.count, c.count), hour: hour.value, minute: minute.value,
            second: second, pm: pm, bracketed: bracketed, stamp: String(stamp), body: Substring(scalars[i...]))
    }

    /// The hour on a 24-hour clock.
    var hour24: Int {
        guard let pm else { return hour }
        if pm { return hour == 12 ? 12 : hour + 12 }
        return hour == 12 ? 0 : hour
    }
}
