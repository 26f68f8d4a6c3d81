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
    /// What follows the header: `Name: text`, or a system line.
    var body: Substring
    /// Where the date and time are in the line (`body.base`), as UTF-8 offsets.
    private var stampOffsets: Range<Int>

    /// The date and time as written (`16/03/2022, 3:20 PM`), marks removed and spaces made plain: part
    /// of a message's stable id, and what problems quote. Built when asked for: the first pass, which
    /// reads every header, never needs it.
    var stamp: String {
        var line = body.base
        return line.withUTF8 { Self.stamp($0, from: stampOffsets.lowerBound, to: stampOffsets.upperBound) }
    }

    /// 上午/下午… before the time (Chinese locales) as UTF-8, and whether it means PM.
    private static let chineseMeridiem: [([UInt8], Bool)] = [
        ("上午", false), ("下午", true), ("凌晨", false), ("早上", false), ("中午", true), ("晚上", true),
    ].map { (Array($0.0.utf8), $0.1) }

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

    /// The UTF-8 length of the invisible mark (see `isInvisible`) starting at `i`, 0 when there is none.
    /// Byte-level twins of the scalar tests, so a line is parsed without decoding it scalar by scalar.
    @inline(__always)
    static func invisibleLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        guard i + 2 < b.count else { return 0 }
        switch (b[i], b[i + 1], b[i + 2]) {
        case (0xE2, 0x80, 0x8B), (0xE2, 0x80, 0x8E), (0xE2, 0x80, 0x8F), (0xE2, 0x80, 0xAA...0xAE), (0xE2, 0x81, 0xA6...0xA9),
            (0xEF, 0xBB, 0xBF):
            return 3
        default: return 0
        }
    }

    /// The UTF-8 length of the space (see `isSpace`) starting at `i`, 0 when there is none.
    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        guard i < b.count else { return 0 }
        switch b[i] {
        case 0x20, 0x09: return 1
        case 0xC2: return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : 0
        case 0xE2: return i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xAF || b[i + 2] == 0x89) ? 3 : 0
        default: return 0
        }
    }

    static func parse(_ line: String) -> WhatsAppHeader? {
        if let header = line.utf8.withContiguousStorageIfAvailable({ parse(line, utf8: $0) }) { return header }
        var contiguous = line
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable { parse(contiguous, utf8: $0) } ?? nil
    }

    /// Works on the line's UTF-8: every scalar the header is made of is matched by its bytes, and only the
    /// body (from a scalar boundary) and the stamp are turned back into strings.
    private static func parse(_ line: String, utf8 b: UnsafeBufferPointer<UInt8>) -> WhatsAppHeader? {
        var i = 0
        let end = b.count
        func skipInvisible() {
            while true {
                let n = invisibleLength(b, i)
                guard n > 0 else { return }
                i += n
            }
        }
        func skipSpaces() {
            while true {
                let n = spaceLength(b, i)
                if n > 0 {
                    i += n
                    continue
                }
                let m = invisibleLength(b, i)
                guard m > 0 else { return }
                i += m
            }
        }
        func digits(max: Int) -> (value: Int, count: Int)? {
            var value = 0
            var count = 0
            while i < end, count < max, (0x30...0x39).contains(b[i]) {
                value = value * 10 + Int(b[i] - 0x30)
                count += 1
                i += 1
            }
            return count == 0 ? nil : (value, count)
        }
        func take(_ c: UInt8) -> Bool {
            guard i < end, b[i] == c else { return false }
            i += 1
            return true
        }
        skipInvisible()
        let bracketed = take(UInt8(ascii: "["))
        skipInvisible()
        let stampStart = i
        guard let a = digits(max: 4) else { return nil }
        guard i < end, b[i] == UInt8(ascii: "/") || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "-") else { return nil }
        let separator = b[i]
        i += 1
        guard let bField = digits(max: 2) else { return nil }
        guard take(separator) else { return nil }
        guard let c = digits(max: 4), c.count == 2 || c.count == 4 || (a.count == 4 && c.count <= 2) else { return nil }
        guard a.count <= 2 || a.count == 4 else { return nil }
        _ = take(UInt8(ascii: "."))
        // Date/time separator: ", " or "," or spaces.
        let hadComma = take(UInt8(ascii: ","))
        let beforeSpaces = i
        skipSpaces()
        guard hadComma || i > beforeSpaces else { return nil }
        // Chinese meridiem before the time.
        var pm: Bool?
        // Each word starts with a three-byte scalar's lead byte.
        for (word, isPM) in chineseMeridiem where i + word.count <= end && b[i] & 0xF0 == 0xE0 {
            if word.indices.allSatisfy({ b[i + $0] == word[$0] }) {
                i += word.count
                pm = isPM  // 中午 12:xx is noon, 中午 1:xx is 13:xx: the PM rule handles both
                break
            }
        }
        guard let hour = digits(max: 2), take(UInt8(ascii: ":")), let minute = digits(max: 2), minute.count == 2 else { return nil }
        var second = 0
        if take(UInt8(ascii: ":")) {
            guard let s = digits(max: 2), s.count == 2 else { return nil }
            second = s.value
        }
        // Meridiem after the time: AM/PM, am/pm, a.m./p.m., a. m./p. m. (any spaces, U+202F included).
        let afterTime = i
        skipSpaces()
        if pm == nil, i < end, b[i] | 0x20 == UInt8(ascii: "a") || b[i] | 0x20 == UInt8(ascii: "p") {
            let isPM = b[i] | 0x20 == UInt8(ascii: "p")
            var j = i + 1
            if j < end, b[j] == UInt8(ascii: ".") { j += 1 }
            while true {
                let n = max(spaceLength(b, j), invisibleLength(b, j))
                guard n > 0 else { break }
                j += n
            }
            if j < end, b[j] | 0x20 == UInt8(ascii: "m") {
                j += 1
                if j < end, b[j] == UInt8(ascii: ".") { j += 1 }
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
            guard take(UInt8(ascii: "]")) else { return nil }
        } else if !take(UInt8(ascii: "-")) {
            // U+2013 EN DASH
            guard i + 2 < end, b[i] == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0x93 else { return nil }
            i += 3
        }
        // One space (or mark) between the header and the body.
        skipSpaces()
        let bodyStart = line.utf8.index(line.utf8.startIndex, offsetBy: i)
        return WhatsAppHeader(
            fields: (a.value, bField.value, c.value), digits: (a.count, bField.count, c.count), hour: hour.value,
            minute: minute.value, second: second, pm: pm, bracketed: bracketed, body: Substring(line.unicodeScalars[bodyStart...]),
            stampOffsets: stampStart..<stampEnd)
    }

    /// The header's date and time as written, marks removed and spaces made plain.
    private static func stamp(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { out in
            var i = start
            var n = 0
            while i < end {
                let mark = invisibleLength(b, i)
                if mark > 0 {
                    i += mark
                    continue
                }
                let space = spaceLength(b, i)
                if space > 0 {
                    out[n] = 0x20
                    n += 1
                    i += space
                    continue
                }
                out[n] = b[i]
                n += 1
                i += 1
            }
            return n
        }
    }

    /// Whether `stamp` is `candidate`, compared without building `stamp`.
    func hasStamp(_ candidate: String) -> Bool {
        var line = body.base
        var candidate = candidate
        return line.withUTF8 { b in
            candidate.withUTF8 { c in
                var i = stampOffsets.lowerBound
                var k = 0
                while i < stampOffsets.upperBound {
                    let mark = Self.invisibleLength(b, i)
                    if mark > 0 {
                        i += mark
                        continue
                    }
                    let space = Self.spaceLength(b, i)
                    guard k < c.count, c[k] == (space > 0 ? 0x20 : b[i]) else { return false }
                    i += max(space, 1)
                    k += 1
                }
                return k == c.count
            }
        }
    }

    /// The hour on a 24-hour clock.
    var hour24: Int {
        guard let pm else { return hour }
        if pm { return hour == 12 ? 12 : hour + 12 }
        return hour == 12 ? 0 : hour
    }
}
