/// Key names as keys.toml writes them (lazygit style): "q", "K", "/", "ctrl-d", "shift-tab", "f1", "pgdn",
/// "space", "enter". Several spellings are accepted; `name(of:)` gives the canonical one.
public enum KeyName {
    static let named: [(String, Key)] = [
        ("enter", .enter), ("return", .enter), ("esc", .escape), ("escape", .escape), ("tab", .tab),
        ("shift-tab", .backTab), ("backtab", .backTab), ("backspace", .backspace), ("bs", .backspace),
        ("delete", .delete), ("del", .delete), ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("pgup", .pageUp), ("pageup", .pageUp), ("pgdn", .pageDown), ("pagedown", .pageDown), ("home", .home), ("end", .end),
        ("space", .character(" ")),
    ]

    /// Every spelling that parses, for "did you mean" hints.
    static let allNames: [String] = {
        var names = named.map(\.0)
        names += (1...12).map { "f\($0)" }
        names += "abcdefghijklmnopqrstuvwxyz".map { "ctrl-\($0)" }
        return names
    }()

    public static func parse(_ text: String) -> Key? {
        if text.count == 1, let c = text.first, c != " " { return .character(c) }
        let lower = text.lowercased()
        if let key = named.first(where: { $0.0 == lower })?.1 { return key }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isLetter, c.isASCII { return .control(c) }
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        return nil
    }

    /// The spelling keys.toml and docs use.
    public static func name(of key: Key) -> String {
        switch key {
        case let .character(c): return c == " " ? "space" : String(c)
        case let .control(c): return "ctrl-\(c)"
        case let .function(n): return "f\(n)"
        case .backTab: return "shift-tab"
        case .escape: return "esc"
        default: return named.first { $0.1 == key }?.0 ?? key.name
        }
    }

    /// The closest spelling to a name that did not parse.
    static func suggestion(for text: String) -> String? {
        ThemeSyntax.closestMatch(to: text.lowercased(), in: allNames)
    }
}
