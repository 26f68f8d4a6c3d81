/// A key press, decoded from the terminal into what the reducer understands.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case resize
    /// Ctrl + a letter, e.g. `.control("c")`.
    case control(Character)
    /// A click or a wheel turn at a screen cell.
    case mouse(MouseEvent)

    /// How the help screen and key bindings name it.
    public var name: String {
        switch self {
        case let .character(c): return c == " " ? "Space" : String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case let .function(n): return "F\(n)"
        case .resize: return "resize"
        case let .control(c): return "Ctrl-\(c)"
        case .mouse: return "mouse"
        }
    }
}

public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable { case left, wheelUp, wheelDown }
    public var x: Int
    public var y: Int
    public var button: Button
    public init(x: Int, y: Int, button: Button) {
        self.x = x
        self.y = y
        self.button = button
    }
}

/// What flushes frames and reads keys. ncurses in the app, an in-memory double in tests.
public protocol Terminal: AnyObject {
    var size: (width: Int, height: Int) { get }
    func draw(_ screen: Screen)
    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    func setTheme(_ theme: Theme)
    func shutdown()
}
