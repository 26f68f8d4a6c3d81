import CNcursesw
import Foundation

/// The real terminal, through ncursesw: it owns every ncurses call in qundeck. ncurses does the
/// minimal-diff output; this class maps cells to wide characters and styles to colour pairs.
public final class NcursesTerminal: Terminal {
    private var theme: Theme
    private var depth: ColorDepth = .none
    private var pairs: [PairKey: Int32] = [:]
    private var styles: [StyleRole: (attributes: attr_t, pair: Int32)] = [:]
    private var started = false
    private let environment: [String: String]

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// nil when stdin/stdout is not a terminal.
    public init?(theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        self.theme = theme
        self.environment = environment
        guard initscr() != nil else { return nil }
        started = true
        cbreak()
        noecho()
        nonl()
        intrflush(qd_stdscr(), false)
        keypad(qd_stdscr(), true)
        curs_set(0)
        // Esc must feel instant; 25 ms still joins real escape sequences sent in one write.
        set_escdelay(25)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        depth = has_colors() ? ColorDepth.detect(environment: environment, terminalColors: Int(qd_colors())) : .none
        // COLORTERM may promise 24-bit colour, but ncurses can only send it to a direct-colour terminfo
        // entry; elsewhere the nearest 256-colour entry is the best that reaches the screen.
        if depth == .trueColor && qd_colors() < 0x1000000 { depth = qd_colors() >= 256 ? .indexed256 : .ansi16 }
        applyTheme()
    }

    public var size: (width: Int, height: Int) { (Int(qd_cols()), Int(qd_lines())) }

    public func setTheme(_ theme: Theme) {
        self.theme = theme
        applyTheme()
    }

    private func applyTheme() {
        pairs = [:]
        styles = [:]
        let effective = theme.degraded(to: depth)
        for role in StyleRole.allCases {
            let style = effective.style(role)
            var attributes = qd_a_normal()
            if style.attributes.contains(.bold) { attributes |= qd_a_bold() }
            if style.attributes.contains(.dim) { attributes |= qd_a_dim() }
            if style.attributes.contains(.underline) { attributes |= qd_a_underline() }
            if style.attributes.contains(.reverse) { attributes |= qd_a_reverse() }
            styles[role] = (attributes, depth == .none ? 0 : pair(for: style))
        }
    }

    private func colorIndex(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault: return -1
        case let .ansi(n): return Int32(n)
        case let .indexed(n): return Int32(n)
        case let .rgb(r, g, b): return (Int32(r) << 16) | (Int32(g) << 8) | Int32(b)
        }
    }

    private func pair(for style: CellStyle) -> Int32 {
        let key = PairKey(foreground: colorIndex(style.foreground), background: colorIndex(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        let number = Int32(pairs.count + 1)
        guard number < qd_color_pairs() else { return 0 }
        init_extended_pair(number, key.foreground, key.background)
        pairs[key] = number
        return number
    }

    public func draw(_ screen: Screen) {
        var cell = cchar_t()
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let c = screen[x, y]
                if c.isContinuation { continue }
                let style = styles[c.role] ?? (qd_a_normal(), 0)
                // A cell holds at most CCHARW_MAX characters; a longer cluster (a family emoji of 7 scalars) is drawn
                // as its first character, which keeps its width, rather than as a broken half-sequence.
                let scalars = c.grapheme.unicodeScalars
                let drawn = scalars.count <= Self.CCHARW_MAX_COUNT ? Array(scalars) : Array(scalars.prefix(1))
                var wide: [wchar_t] = drawn.map { wchar_t(bitPattern: $0.value) }
                if wide.isEmpty { wide = [wchar_t(32)] }
                wide.append(0)
                var pairNumber = style.pair
                setcchar(&cell, wide, style.attributes, 0, &pairNumber)
                mvadd_wch(Int32(y), Int32(x), &cell)
            }
        }
        refresh()
    }

    /// ncurses' CCHARW_MAX: the characters one cell can hold (the terminating zero is not counted).
    private static let CCHARW_MAX_COUNT = 5

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        timeout(Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let result = get_wch(&ch)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return Self.functionKey(Int32(ch)) }
        return Self.characterKey(UInt32(ch))
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        default:
            for n in 1...12 where code == qd_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(UnicodeScalar(value + 96)!))
        default:
            guard let scalar = UnicodeScalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    public func shutdown() {
        guard started else { return }
        started = false
        endwin()
    }

    deinit { shutdown() }
}
