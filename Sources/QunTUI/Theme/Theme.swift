/// A complete mapping from every `StyleRole` to a `CellStyle`.
///
/// A theme file only has to set the roles it cares about: every other role is
/// derived from a related role through `StyleRole.fallback` (documented there
/// and in docs/themes.md), so `style(_:)` never fails and views can rely on any
/// role existing in any theme.
public struct Theme: Sendable, Equatable {
    /// The name the theme is loaded by (its file name without `.toml`).
    public let name: String
    /// The human-readable name from `[meta] name`, or `name` when the file has none.
    public let displayName: String
    /// The one-line `[meta] description`, empty when the file has none.
    public let summary: String
    /// Whether the theme is made for a dark or a light page; degradation uses it to pick
    /// which greys stay readable and which backgrounds would vanish into the page.
    public let appearance: ThemeAppearance
    /// The roles the theme (or a theme it inherits) sets explicitly; all others are derived.
    public let definedRoles: Set<StyleRole>

    /// Every role, resolved once up front so drawing never walks fallback chains.
    private let resolvedStyles: [StyleRole: CellStyle]

    /// Builds a theme from partial role styles, deriving every role not in `roles`.
    ///
    /// - Parameter appearance: nil derives it from `text`'s background: light when that is
    ///   a light colour, dark otherwise (including the terminal default).
    public init(
        name: String,
        displayName: String? = nil,
        summary: String = "",
        appearance: ThemeAppearance? = nil,
        roles: [StyleRole: RoleStyle]
    ) {
        let resolved = Theme.resolve(roles)
        self.init(
            name: name,
            displayName: displayName ?? name,
            summary: summary,
            appearance: appearance ?? ThemeAppearance(page: resolved[.text]?.background ?? .terminalDefault),
            definedRoles: Set(roles.keys),
            resolvedStyles: resolved)
    }

    init(
        name: String,
        displayName: String,
        summary: String,
        appearance: ThemeAppearance,
        definedRoles: Set<StyleRole>,
        resolvedStyles: [StyleRole: CellStyle]
    ) {
        self.name = name
        self.displayName = displayName
        self.summary = summary
        self.appearance = appearance
        self.definedRoles = definedRoles
        self.resolvedStyles = resolvedStyles
    }

    public func style(_ role: StyleRole) -> CellStyle {
        // Unreachable in practice: both initialisers resolve every case.
        resolvedStyles[role] ?? .plain
    }

    /// The style of `role` drawn inside an area painted with `container`
    /// (a key hint in the status bar, a tag on a selected row, text in an overlay).
    ///
    /// A role that uses the page background (`text`'s background, usually the
    /// terminal default) takes the container's background instead, so it does not
    /// punch a hole into the bar or overlay; a role with its own background keeps it.
    /// When the container is drawn in reverse video (as bars are in `mono`, or after
    /// degrading), the role is reversed too, with its own colour as the glyph colour.
    public func style(_ role: StyleRole, on container: StyleRole) -> CellStyle {
        let text = self.style(.text)
        let containerStyle = self.style(container)
        var style = self.style(role)
        guard style.background == text.background else { return style }
        // In both branches a glyph colour equal to the container's fill (the role's colour may
        // match the bar's, or both degraded to one ANSI colour) becomes the container's text colour.
        if containerStyle.attributes.contains(.reverse) && !style.attributes.contains(.reverse) {
            // Reverse swaps the slots: `foreground` paints the cell, `background` the glyph.
            var glyph = style.foreground == text.foreground ? containerStyle.background : style.foreground
            if glyph == containerStyle.foreground { glyph = containerStyle.background }
            style.foreground = containerStyle.foreground
            style.background = glyph
            style.attributes.insert(.reverse)
        } else {
            style.background = containerStyle.background
            if style.foreground == containerStyle.background { style.foreground = containerStyle.foreground }
        }
        return style
    }

    /// Applies the fallback rules: an absent role is its fallback's style plus the
    /// fallback's extra attributes; a present role overrides its fallback field by field.
    static func resolve(_ roles: [StyleRole: RoleStyle]) -> [StyleRole: CellStyle] {
        var resolved: [StyleRole: CellStyle] = [:]
        func resolveRole(_ role: StyleRole) -> CellStyle {
            if let done = resolved[role] { return done }
            let inherited: CellStyle
            var extraAttributes: TextAttributes = []
            if let fallback = role.fallback {
                inherited = resolveRole(fallback.role)
                extraAttributes = fallback.addedAttributes
            } else {
                inherited = .plain
            }
            let style: CellStyle
            if let own = roles[role] {
                style = own.applied(over: inherited)
            } else {
                var derived = inherited
                derived.attributes.formUnion(extraAttributes)
                style = derived
            }
            resolved[role] = style
            return style
        }
        for role in StyleRole.allCases { _ = resolveRole(role) }
        return resolved
    }
}

/// The kind of page a theme is designed for: `[meta] appearance` in the file.
public enum ThemeAppearance: String, Sendable, Hashable, CaseIterable {
    case dark, light

    init(page: TerminalColor) {
        guard let rgb = page.xtermRGB else { self = .dark; return }
        self = rgb.relativeLuminance > 0.5 ? .light : .dark
    }
}

/// What a theme file says about one role. `nil` fields are inherited from the
/// role's fallback, so `"status.danger" = { fg = "red" }` keeps the status bar's background.
public struct RoleStyle: Sendable, Hashable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    /// Replaces (not adds to) the inherited attributes when set; `[]` clears them.
    public var attributes: TextAttributes?

    public init(
        foreground: TerminalColor? = nil,
        background: TerminalColor? = nil,
        attributes: TextAttributes? = nil
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public func applied(over inherited: CellStyle) -> CellStyle {
        CellStyle(
            foreground: foreground ?? inherited.foreground,
            background: background ?? inherited.background,
            attributes: attributes ?? inherited.attributes)
    }

    /// `self` with every field `other` sets replaced by `other`'s (used by `inherits`).
    public func overridden(by other: RoleStyle) -> RoleStyle {
        RoleStyle(
            foreground: other.foreground ?? foreground,
            background: other.background ?? background,
            attributes: other.attributes ?? attributes)
    }
}

/// Where a role takes its look from when a theme does not set it (or leaves a field out).
public struct StyleFallback: Sendable, Hashable {
    public let role: StyleRole
    /// Added only when the theme does not mention the role at all, so a derived role
    /// stays distinguishable from the one it derives from (e.g. selection = text + reverse).
    public let addedAttributes: TextAttributes

    public init(_ role: StyleRole, adding addedAttributes: TextAttributes = []) {
        self.role = role
        self.addedAttributes = addedAttributes
    }
}

extension StyleRole {
    /// The fallback chain; every chain ends at `text`, whose own fallback is the
    /// terminal's default colours with no attributes.
    ///
    ///     text.dim           → text + dim
    ///     header             → text + reverse
    ///     header.title       → header + bold
    ///     pane.border        → text.dim
    ///     pane.border.active → accent
    ///     pane.title         → text + bold
    ///     pane.title.active  → pane.title + reverse
    ///     table.header       → text + bold
    ///     selection          → text + reverse
    ///     selection.inactive → selection + dim
    ///     marked             → accent
    ///     status             → header
    ///     status.info, status.ok → status
    ///     status.warn        → status + bold
    ///     status.danger      → status + bold, underline
    ///     accent             → text + bold
    ///     sparkline, tag, key → accent
    ///     quiet              → text + bold, underline
    ///     overlay.border     → pane.border.active
    ///     overlay.background → text
    ///     input              → text + underline
    ///     placeholder        → text.dim + reverse
    ///
    /// The switch is exhaustive on purpose: a new role does not compile until
    /// someone decides what it looks like in themes that predate it.
    public var fallback: StyleFallback? {
        switch self {
        case .text: nil
        case .textDim: StyleFallback(.text, adding: .dim)
        case .header: StyleFallback(.text, adding: .reverse)
        case .headerTitle: StyleFallback(.header, adding: .bold)
        case .paneBorder: StyleFallback(.textDim)
        case .paneBorderActive: StyleFallback(.accent)
        case .paneTitle: StyleFallback(.text, adding: .bold)
        case .paneTitleActive: StyleFallback(.paneTitle, adding: .reverse)
        case .tableHeader: StyleFallback(.text, adding: .bold)
        case .selection: StyleFallback(.text, adding: .reverse)
        case .selectionInactive: StyleFallback(.selection, adding: .dim)
        case .marked: StyleFallback(.accent)
        case .statusBar: StyleFallback(.header)
        case .statusInfo: StyleFallback(.statusBar)
        case .statusOK: StyleFallback(.statusBar)
        case .statusWarn: StyleFallback(.statusBar, adding: .bold)
        case .statusDanger: StyleFallback(.statusBar, adding: [.bold, .underline])
        case .warn: StyleFallback(.text, adding: .bold)
        case .danger: StyleFallback(.text, adding: [.bold, .underline])
        case .accent: StyleFallback(.text, adding: .bold)
        case .sparkline: StyleFallback(.accent)
        case .quiet: StyleFallback(.text, adding: [.bold, .underline])
        case .tag: StyleFallback(.accent)
        case .keyHint: StyleFallback(.accent)
        case .overlayBorder: StyleFallback(.paneBorderActive)
        case .overlayBackground: StyleFallback(.text)
        case .input: StyleFallback(.text, adding: .underline)
        case .placeholder: StyleFallback(.textDim, adding: .reverse)
        }
    }

    /// The role followed by each fallback in turn, ending with `.text`.
    public var fallbackChain: [StyleRole] {
        var chain = [self]
        while let next = chain.last?.fallback?.role { chain.append(next) }
        return chain
    }
}
