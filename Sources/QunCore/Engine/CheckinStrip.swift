/// Thirty days of check-ins as one line: ■ checked in, · missed, oldest first, today last.
public enum CheckinStrip {
    public static func render(_ days: [LocalDay], today: LocalDay, length: Int = 30) -> String {
        let set = Set(days.map(\.number))
        return String((0..<length).map { i in set.contains(today.number - (length - 1 - i)) ? "■" : "·" })
    }
}
