/// A colour as a theme names it; `Theme` degrades it to what the terminal can show.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// An entry of the 256-colour palette (16–255).
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
}

/// What one screen cell looks like, after a theme has resolved its role.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(
        foreground: TerminalColor = .terminalDefault,
        background: TerminalColor = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()
}

/// Semantic roles views draw with; themes map each to a `CellStyle`.
/// Views never name colours, so every theme (and NO_COLOR) applies everywhere.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    case text = "text"
    case textDim = "text.dim"
    case header = "header"
    case headerTitle = "header.title"
    case paneBorder = "pane.border"
    case paneBorderActive = "pane.border.active"
    case paneTitle = "pane.title"
    case paneTitleActive = "pane.title.active"
    case tableHeader = "table.header"
    case selection = "selection"
    case selectionInactive = "selection.inactive"
    case marked = "marked"
    case statusBar = "status"
    case statusInfo = "status.info"
    case statusOK = "status.ok"
    case statusWarn = "status.warn"
    case statusDanger = "status.danger"
    /// Rows and words inside a pane that need attention (a streak at risk, a severe queue item);
    /// unlike `status.*` they carry no bar background.
    case warn = "warn"
    case danger = "danger"
    case accent = "accent"
    case sparkline = "sparkline"
    case quiet = "quiet"
    case tag = "tag"
    case keyHint = "key"
    case overlayBorder = "overlay.border"
    case overlayBackground = "overlay.background"
    case input = "input"
    case placeholder = "placeholder"
}
