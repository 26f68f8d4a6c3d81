import CNcursesw
import Foundation

/// Where `vid_puts` hands its bytes: a C callback cannot capture, and only the UI thread draws.
nonisolated(unsafe) private var capturedOutput: [UInt8] = []

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
    /// `mouse`: report clicks and the wheel (the terminal's own selection then needs Shift).
    public init?(theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment, mouse: Bool = true) {
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
        Self.defineCommonKeySequences()
        if mouse {
            mousemask(qd_mouse_events(), nil)
            // Report a press at once instead of waiting to see whether it becomes a click.
            mouseinterval(0)
        }
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
        var overlays: [Overlay] = []
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let c = screen[x, y]
                if c.isContinuation { continue }
                let style = styles[c.role] ?? (qd_a_normal(), 0)
                var wide: [wchar_t]
                switch CellEncoding.of(c, wcwidth: { qd_wcwidth($0) }) {
                case let .cchar(scalars):
                    wide = scalars.map { wchar_t(bitPattern: $0) }
                case let .overlay(placeholder):
                    wide = [wchar_t(bitPattern: placeholder)]
                    overlays.append(Overlay(x: x, y: y, grapheme: c.grapheme, attributes: style.attributes, pair: style.pair))
                }
                wide.append(0)
                var pairNumber = style.pair
                setcchar(&cell, wide, style.attributes, 0, &pairNumber)
                mvadd_wch(Int32(y), Int32(x), &cell)
            }
        }
        // ncurses compares only placeholders: where an overlaid cluster moved or went, it would leave the
        // old glyph on the terminal, so those rows are marked as not matching what it believes is there.
        let byRow = Dictionary(grouping: overlays, by: \.y)
        for (y, previous) in overlaidRows where byRow[y].map({ $0.map(\.key) }) != previous {
            wredrawln(qd_stdscr(), Int32(y), 1)
        }
        overlaidRows = byRow.mapValues { $0.map(\.key) }
        refresh()
        if !overlays.isEmpty { writeOverlays(overlays) }
    }

    /// A cluster ncurses cannot hold in one cell, written over its placeholder after the refresh.
    private struct Overlay {
        var x: Int, y: Int
        var grapheme: String
        var attributes: attr_t
        var pair: Int32
        var key: String { "\(x):\(grapheme)" }
    }

    private var overlaidRows: [Int: [String]] = [:]

    /// After a refresh ncurses leaves the terminal in normal attributes with the cursor where `curscr` says;
    /// the overlays go out with ncurses' own colour sequences, and both are put back afterwards.
    private func writeOverlays(_ overlays: [Overlay]) {
        var bytes: [UInt8] = []
        for overlay in overlays {
            bytes += Array("\u{1B}[\(overlay.y + 1);\(overlay.x + 1)H".utf8)
            bytes += Self.attributeSequence(overlay.attributes, pair: overlay.pair)
            bytes += Array(overlay.grapheme.utf8)
        }
        bytes += Self.attributeSequence(qd_a_normal(), pair: 0)
        bytes += Array("\u{1B}[\(qd_screen_cury() + 1);\(qd_screen_curx() + 1)H".utf8)
        // ncurses has flushed its own output by the end of refresh(), so these bytes follow it.
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            written += n
        }
    }

    /// What ncurses would send to switch to these attributes and colour pair (it also records them as current).
    private static func attributeSequence(_ attributes: attr_t, pair: Int32) -> [UInt8] {
        capturedOutput = []
        var extendedPair = pair
        vid_puts(attributes, Int16(truncatingIfNeeded: pair), &extendedPair) { byte in
            capturedOutput.append(UInt8(truncatingIfNeeded: byte))
            return byte
        }
        return capturedOutput
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        timeout(Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let result = get_wch(&ch)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return Self.functionKey(Int32(ch)) }
        return Self.characterKey(UInt32(ch))
    }

    /// The terminfo entry describes one terminal, but tmux and screen send their own sequences for Home
    /// and End (`ESC [1~`, `ESC [4~`) whatever TERM says, and xterm sends different ones in its two cursor
    /// modes. Left undecoded, End arrives as Esc, "[", "4", "~" and jumps to pane 4. Each sequence any of
    /// them sends is taught to ncurses as the key it means (the entry's own definitions stay).
    static let commonKeySequences: [(String, Int32)] = [
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
        ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[3~", KEY_DC), ("\u{1B}[2~", KEY_IC),
        ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
        ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
        ("\u{1B}[Z", KEY_BTAB),
        ("\u{1B}OP", qd_key_f(1)), ("\u{1B}OQ", qd_key_f(2)), ("\u{1B}OR", qd_key_f(3)), ("\u{1B}OS", qd_key_f(4)),
        ("\u{1B}[11~", qd_key_f(1)), ("\u{1B}[12~", qd_key_f(2)), ("\u{1B}[13~", qd_key_f(3)), ("\u{1B}[14~", qd_key_f(4)),
    ]

    private static func defineCommonKeySequences() {
        for (sequence, code) in commonKeySequences where key_defined(sequence) <= 0 {
            define_key(sequence, code)
        }
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
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            switch qd_mouse_kind(event.bstate) {
            case 1: return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), button: .left))
            case 4: return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), button: .wheelUp))
            case 5: return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), button: .wheelDown))
            default: return nil
            }
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
