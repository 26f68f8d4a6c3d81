/// How one screen cell reaches ncurses.
///
/// ncurses keeps one `cchar_t` per cell: a spacing character followed by at most four non-spacing ones,
/// measured with the C library's `wcwidth`. A flag (🇨🇳: two spacing regional indicators, `wcwidth` 1
/// each), a skin-tone emoji (👍🏻) or a ZWJ family of seven code points does not fit, and
/// `setcchar` keeps only its first code point: the terminal then shows half a flag and ncurses
/// believes the cell is one column wide while the table (and tmux) say two — the column after it keeps
/// whatever was there before ("Amy🇨7").
enum CellEncoding: Equatable {
    /// One `cchar_t` holds the whole cluster and ncurses measures it as wide as the table does.
    case cchar([UInt32])
    /// ncurses gets a placeholder as wide as the table says, so its idea of every later column stays
    /// right; the cluster's own bytes are written over the placeholder after each refresh.
    case overlay(placeholder: UInt32)

    /// What ncurses can hold in one cell (its CCHARW_MAX).
    static let maxScalarsPerCell = 5
    static let ideographicSpace: UInt32 = 0x3000

    static func of(_ cell: Cell, wcwidth: (UInt32) -> Int32) -> CellEncoding {
        let scalars = cell.grapheme.unicodeScalars.map(\.value)
        guard let first = scalars.first else { return .cchar([0x20]) }
        // Most of a frame is ASCII: no width lookups for it.
        if scalars.count == 1 && first < 0x7F { return .cchar(scalars) }
        let fits = scalars.count <= maxScalarsPerCell
            && wcwidth(first) == Int32(cell.width)
            && scalars.dropFirst().allSatisfy { wcwidth($0) == 0 }
        if fits { return .cchar(scalars) }
        return .overlay(placeholder: cell.width == 2 ? ideographicSpace : 0x20)
    }
}
