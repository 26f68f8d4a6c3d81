/// Decides whether a WhatsApp export writes day/month or month/day, from the whole file: a first field
/// above 12 can only be a day (dmy), a second field above 12 only a day (mdy). When no date settles it,
/// the order under which the messages run forwards in time wins, with a warning either way.
struct WhatsAppDateVote {
    private(set) var headers = 0
    private(set) var onlyDMY = 0
    private(set) var onlyMDY = 0
    private var backwardsDMY = 0
    private var backwardsMDY = 0
    private var lastDMY: Int?
    private var lastMDY: Int?

    mutating func add(_ h: WhatsAppHeader) {
        headers += 1
        guard !h.yearFirst else { return }
        let (a, b, c) = h.fields
        if a > 12, b <= 12 { onlyDMY += 1 }
        if b > 12, a <= 12 { onlyMDY += 1 }
        let year = Self.year(c)
        let dmy = (year * 13 + b) * 32 + a
        let mdy = (year * 13 + a) * 32 + b
        if let last = lastDMY, dmy < last { backwardsDMY += 1 }
        if let last = lastMDY, mdy < last { backwardsMDY += 1 }
        lastDMY = dmy
        lastMDY = mdy
    }

    static func year(_ field: Int) -> Int { field < 100 ? 2000 + field : field }

    /// The order to use and, when the file did not settle it, a warning saying what was assumed.
    func decide(override: DateOrder?) -> (order: DateOrder, warning: String?) {
        if let override { return (override, nil) }
        switch (onlyDMY > 0, onlyMDY > 0) {
        case (true, false): return (.dmy, nil)
        case (false, true): return (.mdy, nil)
        case (true, true):
            let order: DateOrder = onlyDMY >= onlyMDY ? .dmy : .mdy
            return (
                order,
                "dates disagree: \(onlyDMY) can only be day/month, \(onlyMDY) only month/day; read as \(order.rawValue) "
                    + "(pass --date-order dmy|mdy)"
            )
        case (false, false):
            if onlyDMY == 0, onlyMDY == 0, lastDMY == nil { return (.dmy, nil) }  // all year-first
            let order: DateOrder = backwardsMDY < backwardsDMY ? .mdy : .dmy
            let why = backwardsMDY == backwardsDMY ? "assumed" : "chose it because the messages run in time order that way;"
            return (
                order,
                "no date in the file shows whether it is day/month or month/day; \(why) \(order.rawValue) "
                    + "(pass --date-order dmy|mdy if that is wrong)"
            )
        }
    }

    /// (year, month, day) of a header under `order`.
    static func date(_ h: WhatsAppHeader, _ order: DateOrder) -> (year: Int, month: Int, day: Int) {
        let (a, b, c) = h.fields
        if h.yearFirst { return (a, b, c) }
        switch order {
        case .dmy: return (year(c), b, a)
        case .mdy: return (year(c), a, b)
        }
    }
}
