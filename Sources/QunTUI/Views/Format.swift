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
    static func age(from date: Date, to now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" }
        return "\(s / 86_400)d"
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
    }

    var columns: [Column]
    let gap = 1

    init(_ columns: [Column], totalWidth: Int) {
        var cols = columns
        // Drop trailing optional columns until the rest fits with the flexible one at >= 10.
        let fixed = { (c: [Column]) in c.filter { !$0.flexible }.reduce(0) { $0 + $1.width } + max(0, c.count - 1) }
        while cols.count > 2, fixed(cols) + 10 > totalWidth { cols.removeLast() }
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
