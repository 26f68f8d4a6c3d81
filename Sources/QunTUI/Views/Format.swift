import Foundation
import QunCore

/// Small formatting helpers shared by the views.
enum Format {
    static let sparkBlocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value, scaled to the largest; zero is a low dot so the time axis stays visible.
    static func sparkline(_ values: [Int]) -> String {
        let top = max(values.max() ?? 0, 1)
        return String(values.map { v -> Character in
            if v == 0 { return "·" }
            let level = Int((Double(v) / Double(top) * Double(sparkBlocks.count - 1)).rounded())
            return sparkBlocks[max(0, min(sparkBlocks.count - 1, level))]
        })
    }

    /// "███████░░░" for a fraction; partial eighths at the edge.
    static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let f = max(0, min(1, fraction.isFinite ? fraction : 0))
        let eighths = Int((f * Double(width * 8)).rounded())
        let full = eighths / 8
        let partial = eighths % 8
        let partials: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var s = String(repeating: "█", count: full)
        if full < width { s += partial > 0 ? partials[partial] : "" }
        let used = full + (partial > 0 && full < width ? 1 : 0)
        return s + String(repeating: "░", count: max(0, width - used))
    }

    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        return "\(Int((fraction * 100).rounded()))%"
    }

    /// "45s", "12m", "3h", "2d".
    /// "17h" / "17小时": how long ago, in the largest unit.
    static func age(from date: Date, to now: Date, language: Language = .en) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        let zh = language == .zh
        if s < 60 { return "\(s)" + (zh ? "秒" : "s") }
        if s < 3600 { return "\(s / 60)" + (zh ? "分钟" : "m") }
        if s < 86_400 { return "\(s / 3600)" + (zh ? "小时" : "h") }
        return "\(s / 86_400)" + (zh ? "天" : "d")
    }

    static func clock(_ date: Date, zone: TimeZone, seconds: Bool = true) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let t = ((local % 86_400) + 86_400) % 86_400
        return seconds
            ? String(format: "%02d:%02d:%02d", t / 3600, t % 3600 / 60, t % 60)
            : String(format: "%02d:%02d", t / 3600, t % 3600 / 60)
    }

    /// "11-23 20:00" in the zone; "today 20:00" style when on the same local day.
    static func dateTime(_ date: Date, zone: TimeZone, now: Date) -> String {
        let day = LocalDay(date, in: zone)
        let today = LocalDay(now, in: zone)
        let time = clock(date, zone: zone, seconds: false)
        if day == today { return time }
        let (_, m, d) = day.civil
        return String(format: "%02d-%02d ", m, d) + time
    }

    /// "12-22 03:02 UTC+8": a time that says which zone it is in.
    static func zonedDateTime(_ date: Date, zone: TimeZone, now: Date) -> String {
        dateTime(date, zone: zone, now: now) + " " + offsetLabel(zone, at: date)
    }

    static func grouped(_ n: Int) -> String { NumberText.grouped(n) }

    /// Zone abbreviation-free label: "UTC+8", "UTC+1" — unambiguous for admins across zones.
    static func offsetLabel(_ zone: TimeZone, at date: Date) -> String {
        let seconds = zone.secondsFromGMT(for: date)
        let h = abs(seconds) / 3600, m = abs(seconds) % 3600 / 60
        return "UTC" + (seconds < 0 ? "-" : "+") + (m == 0 ? "\(h)" : String(format: "%d:%02d", h, m))
    }
}

/// A row of columns laid out by display width: fixed columns keep their width, the flexible one takes the rest.
struct ColumnLayout {
    struct Column {
        var title: String
        var width: Int
        var alignment: TextAlignment
        var flexible: Bool
        /// A column that may narrow to this before any column is left out (the Moderation pane keeps its
        /// Group column in the 2×2 grid by narrowing Member and Group a little).
        var minWidth: Int? = nil
        /// A column that takes some of a wide terminal's room, up to this, instead of it all going to the
        /// flexible column (group names stop being cut at 200 columns).
        var maxWidth: Int? = nil
    }

    var columns: [Column]
    let gap = 1

    /// The flexible column's least width before others narrow, and before any is left out.
    static let comfortableFlex = 14, leastFlex = 10
    /// Room the flexible column keeps before growing columns take the rest.
    static let flexBeforeGrowing = 40

    init(_ columns: [Column], totalWidth: Int) {
        var cols = columns
        let fixed = { (c: [Column]) in c.filter { !$0.flexible }.reduce(0) { $0 + $1.width } + max(0, c.count - 1) }
        // Narrow the widest narrowable column, one column at a time, before leaving any out.
        while fixed(cols) + Self.comfortableFlex > totalWidth,
            let i = cols.indices.filter({ !cols[$0].flexible && cols[$0].width > (cols[$0].minWidth ?? Int.max) }).max(by: { cols[$0].width < cols[$1].width })
        {
            cols[i].width -= 1
        }
        // Then drop trailing optional columns until the rest fits with the flexible one at its least.
        while cols.count > 2, fixed(cols) + Self.leastFlex > totalWidth { cols.removeLast() }
        // A wide terminal widens the columns that were cut, the narrowest first, keeping the flexible one roomy.
        while totalWidth - fixed(cols) > Self.flexBeforeGrowing,
            let i = cols.indices.filter({ !cols[$0].flexible && cols[$0].width < (cols[$0].maxWidth ?? 0) }).min(by: { cols[$0].width < cols[$1].width })
        {
            cols[i].width += 1
        }
        let flex = max(4, totalWidth - fixed(cols))
        for i in cols.indices where cols[i].flexible { cols[i].width = flex }
        self.columns = cols
    }

    func render(_ values: [String]) -> String {
        var parts: [String] = []
        for (i, column) in columns.enumerated() {
            let value = TerminalText.sanitize(i < values.count ? values[i] : "")
            parts.append(TerminalText.fit(value, width: column.width, alignment: column.alignment))
        }
        return parts.joined(separator: " ")
    }

    var header: String { render(columns.map(\.title)) }
}
