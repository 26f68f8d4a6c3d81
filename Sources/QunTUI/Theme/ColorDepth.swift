import Foundation

/// How many colours the terminal can show, from none (NO_COLOR or a dumb terminal) to 24-bit.
public enum ColorDepth: Int, Sendable, Hashable, Comparable, CaseIterable {
    case none, ansi8, ansi16, indexed256, trueColor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// - Parameters:
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment`).
    ///   - terminalColors: ncurses' `COLORS` after `start_color()`, or `tigetnum("colors")`;
    ///     0 or negative when the terminal has no colour support.
    ///
    /// NO_COLOR (https://no-color.org) set to anything non-empty wins. COLORTERM=truecolor
    /// or 24bit upgrades any colour terminal, because terminfo entries rarely advertise
    /// direct colour; it does not turn colour on for a terminal with under 8 colours,
    /// where COLORTERM is usually inherited from an outer terminal (e.g. TERM=dumb in an editor).
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard terminalColors >= 8 else { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .trueColor }
        switch terminalColors {
        case 16_777_216...: return .trueColor
        case 256...: return .indexed256
        case 16...: return .ansi16
        default: return .ansi8
        }
    }
}

extension TerminalColor {
    /// The closest colour the given depth can show. Colours the depth already
    /// supports come back unchanged, so degrading twice is the same as once.
    ///
    /// - trueColor: unchanged.
    /// - indexed256: rgb → nearest entry of the xterm 6×6×6 cube or grey ramp (16–255);
    ///   the 16 ANSI entries are skipped because users recolour them.
    /// - ansi16: indexed and rgb → an ANSI colour chosen by hue, not plain nearest distance:
    ///   the ANSI colours are so saturated that a soft sky blue is "nearest" to grey. Colours
    ///   with little chroma become black, grey, white or bright white by lightness; the rest
    ///   take the ANSI hue of their sector, then normal or bright, whichever is closer in lightness.
    /// - ansi8: the ansi16 result with brightness folded away: 9–15 → 1–7, and bright black
    ///   (grey) → white, so grey text stays readable on a black background instead of vanishing.
    ///   `CellStyle.degraded(to:)` puts the lost brightness back as bold or dim.
    /// - none: terminalDefault.
    public func degraded(to depth: ColorDepth) -> TerminalColor {
        switch (depth, self) {
        case (.none, _): return .terminalDefault
        case (_, .terminalDefault), (.trueColor, _): return self
        case (.indexed256, .rgb(let r, let g, let b)): return .indexed(XtermPalette.nearestIndexed(r, g, b))
        case (.indexed256, _): return self
        case (.ansi16, .ansi): return self
        case (.ansi16, _):
            guard let rgb = self.xtermRGB else { return self }
            return .ansi(XtermPalette.nearestANSI(rgb))
        case (.ansi8, _):
            guard case .ansi(let index) = degraded(to: .ansi16) else { return self }
            return .ansi(index == 8 ? 7 : index % 8)
        }
    }

    /// The colour as xterm shows it by default; nil for the terminal default.
    var xtermRGB: PaletteRGB? {
        switch self {
        case .terminalDefault: nil
        case .ansi(let index): XtermPalette.rgb(ofIndex: index)
        case .indexed(let index): XtermPalette.rgb(ofIndex: index)
        case .rgb(let r, let g, let b): PaletteRGB(r, g, b)
        }
    }
}

extension CellStyle {
    /// The style with both colours degraded; attributes are kept at every depth.
    ///
    /// On 8-colour terminals brightness becomes an attribute: a bright foreground gets
    /// `.bold` (how the Linux console shows bright text) and a grey one becomes `.dim`
    /// white, or dim black when `appearance` is light, so it stays readable on the page.
    /// A foreground that degrading made unreadable against its background is replaced by a
    /// readable grey (see `readableForeground`); `appearance` says what a default background is.
    public func degraded(to depth: ColorDepth, appearance: ThemeAppearance = .dark) -> CellStyle {
        var style = CellStyle(
            foreground: foreground.degraded(to: depth),
            background: background.degraded(to: depth),
            attributes: attributes)
        if depth == .ansi8, case .ansi(let index16) = foreground.degraded(to: .ansi16), index16 >= 8 {
            if index16 == 8 {
                style.attributes.insert(.dim)
                if appearance == .light { style.foreground = .ansi(0) }
            } else {
                style.attributes.insert(.bold)
            }
        }
        if depth != .trueColor, depth != .none {
            style.foreground = Self.readableForeground(
                degraded: style, original: self, depth: depth, page: appearance.pageColour)
        }
        return style
    }
}

extension CellStyle {
    /// Degrading can pull two distinct colours together: different dark greys both become
    /// black, a pale blue selection becomes ANSI blue under near-black text. The degraded
    /// pair must keep 80% of the original contrast, counting at most 3:1 (enough to read);
    /// otherwise the foreground becomes the grey available at `depth` that meets that and
    /// is closest in lightness to the original. Pairs that were faint to begin with stay so.
    static func readableForeground(
        degraded: CellStyle, original: CellStyle, depth: ColorDepth, page: PaletteRGB
    ) -> TerminalColor {
        guard let foreground = degraded.foreground.xtermRGB,
              let originalForeground = original.foreground.xtermRGB
        else { return degraded.foreground }
        let background = degraded.background.xtermRGB ?? page
        let originalBackground = original.background.xtermRGB ?? page
        let required = 0.8 * min(3, originalForeground.contrast(with: originalBackground))
        guard foreground.contrast(with: background) < required else { return degraded.foreground }
        let greys: [TerminalColor] =
            switch depth {
            case .ansi8: [.ansi(0), .ansi(7)]
            case .ansi16: [.ansi(0), .ansi(8), .ansi(7), .ansi(15)]
            default: [.indexed(16)] + (232...255).map { .indexed(UInt8($0)) } + [.indexed(231)]
            }
        let targetLightness = originalForeground.lab.l
        let readable = greys.filter { $0.xtermRGB!.contrast(with: background) >= required }
        return readable.min {
            abs($0.xtermRGB!.lab.l - targetLightness) < abs($1.xtermRGB!.lab.l - targetLightness)
        } ?? degraded.foreground
    }
}

extension ThemeAppearance {
    /// What a terminal-default background is assumed to look like when judging contrast.
    var pageColour: PaletteRGB { self == .light ? PaletteRGB(255, 255, 255) : PaletteRGB(0, 0, 0) }
}

extension Theme {
    /// The theme with every style representable at `depth`.
    ///
    /// Colours are degraded role by role (see `CellStyle.degraded(to:appearance:)`). Where
    /// that erases a highlight, the role also takes the attributes the built-in `mono`
    /// theme gives it, so focus and bars stay visible:
    /// - at `.none` (NO_COLOR, or no colour support) every role, since all colour is gone;
    /// - at lower depths, a role whose background differed from `text`'s but now lands on
    ///   the page colour (Solarized's base02 and base03 both become black in 16 colours).
    public func degraded(to depth: ColorDepth) -> Theme {
        let text = style(.text)
        let degradedText = text.degraded(to: depth, appearance: appearance)
        var pageBackgrounds: Set<TerminalColor> = [degradedText.background]
        if text.background == .terminalDefault {
            // The terminal's own background: black-ish on dark setups, white on light ones.
            pageBackgrounds.formUnion(appearance == .light ? [.ansi(15), .indexed(231)] : [.ansi(0), .indexed(16)])
        }
        var styles: [StyleRole: CellStyle] = [:]
        for role in StyleRole.allCases {
            let original = self.style(role)
            var style = original.degraded(to: depth, appearance: appearance)
            let lostHighlight =
                original.background != text.background && pageBackgrounds.contains(style.background)
            if depth == .none || (depth < .trueColor && lostHighlight) {
                style.attributes.formUnion(Theme.builtInMono.style(role).attributes)
            }
            styles[role] = style
        }
        return Theme(
            name: name, displayName: displayName, summary: summary, appearance: appearance,
            definedRoles: definedRoles, resolvedStyles: styles)
    }
}

struct PaletteRGB: Hashable, Sendable {
    var r: Int, g: Int, b: Int
    init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.init(Int(r), Int(g), Int(b)) }
    init(_ r: Int, _ g: Int, _ b: Int) { (self.r, self.g, self.b) = (r, g, b) }

    /// Squared CIE76 distance in L*a*b*. Plain PaletteRGB distance sends mid greys to cyan
    /// and dark blues to black; Lab keeps greys grey and hues recognisable.
    func distance(to other: PaletteRGB) -> Double {
        let (l1, a1, b1) = lab, (l2, a2, b2) = other.lab
        return (l1 - l2) * (l1 - l2) + (a1 - a2) * (a1 - a2) + (b1 - b2) * (b1 - b2)
    }

    var lab: (l: Double, a: Double, b: Double) {
        let (rl, gl, bl) = (Self.linear(r), Self.linear(g), Self.linear(b))
        // sRGB → XYZ, normalised to the D65 white point.
        let x = (0.4124 * rl + 0.3576 * gl + 0.1805 * bl) / 0.95047
        let y = 0.2126 * rl + 0.7152 * gl + 0.0722 * bl
        let z = (0.0193 * rl + 0.1192 * gl + 0.9505 * bl) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116 }
        let (fx, fy, fz) = (f(x), f(y), f(z))
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    private static func linear(_ channel: Int) -> Double {
        let c = Double(channel) / 255
        return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }

    /// HSV hue in degrees, 0..<360 (0 for greys).
    var hue: Double {
        let (high, low) = (max(r, g, b), min(r, g, b))
        guard high > low else { return 0 }
        let span = Double(high - low)
        let degrees: Double
        if high == r {
            degrees = 60 * Double(g - b) / span
        } else if high == g {
            degrees = 60 * (2 + Double(b - r) / span)
        } else {
            degrees = 60 * (4 + Double(r - g) / span)
        }
        return degrees < 0 ? degrees + 360 : degrees
    }

    /// WCAG contrast ratio, 1 (identical) to 21 (black on white).
    func contrast(with other: PaletteRGB) -> Double {
        let (lighter, darker) = (
            max(relativeLuminance, other.relativeLuminance), min(relativeLuminance, other.relativeLuminance)
        )
        return (lighter + 0.05) / (darker + 0.05)
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    var relativeLuminance: Double {
        0.2126 * Self.linear(r) + 0.7152 * Self.linear(g) + 0.0722 * Self.linear(b)
    }
}

/// xterm's default 256-colour palette, the reference the degradation maps against.
enum XtermPalette {
    static let ansi: [PaletteRGB] = [
        PaletteRGB(0, 0, 0), PaletteRGB(205, 0, 0), PaletteRGB(0, 205, 0), PaletteRGB(205, 205, 0),
        PaletteRGB(0, 0, 238), PaletteRGB(205, 0, 205), PaletteRGB(0, 205, 205), PaletteRGB(229, 229, 229),
        PaletteRGB(127, 127, 127), PaletteRGB(255, 0, 0), PaletteRGB(0, 255, 0), PaletteRGB(255, 255, 0),
        PaletteRGB(92, 92, 255), PaletteRGB(255, 0, 255), PaletteRGB(0, 255, 255), PaletteRGB(255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex index: UInt8) -> PaletteRGB {
        switch index {
        case 0..<16:
            return ansi[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return PaletteRGB(cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        default:
            let grey = 8 + 10 * (Int(index) - 232)
            return PaletteRGB(grey, grey, grey)
        }
    }

    /// Nearest of the cube (snapping each channel to its closest level) and the grey
    /// ramp (by average brightness), whichever is closer: the same choice tmux makes.
    static func nearestIndexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let target = PaletteRGB(r, g, b)
        func nearestLevel(_ channel: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - channel) < abs(cubeLevels[$1] - channel) }!
        }
        let (qr, qg, qb) = (nearestLevel(target.r), nearestLevel(target.g), nearestLevel(target.b))
        let cubeIndex = 16 + 36 * qr + 6 * qg + qb
        let cubeColour = PaletteRGB(cubeLevels[qr], cubeLevels[qg], cubeLevels[qb])

        let average = (target.r + target.g + target.b) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyIndex = 232 + greyStep
        let greyLevel = 8 + 10 * greyStep
        let greyColour = PaletteRGB(greyLevel, greyLevel, greyLevel)

        return UInt8(target.distance(to: greyColour) < target.distance(to: cubeColour) ? greyIndex : cubeIndex)
    }

    static func nearestANSI(_ target: PaletteRGB) -> UInt8 {
        let (lightness, a, b) = target.lab
        if (a * a + b * b).squareRoot() < 20 || lightness < 12 {
            switch lightness {
            case ..<25: return 0
            case ..<70: return 8
            case ..<95: return 7
            default: return 15
            }
        }
        // Sector edges sit where well-known palettes expect them: Solarized's yellowish
        // green (68°) stays green, One Dark's sky blue (207°) is blue, orange is red.
        let base: Int
        switch target.hue {
        case ..<25: base = 1
        case ..<65: base = 3
        case ..<160: base = 2
        case ..<195: base = 6
        case ..<255: base = 4
        case ..<335: base = 5
        default: base = 1
        }
        // "Bright" means lighter, so lightness alone picks the variant: full Lab distance
        // would send dark muted blues to bright blue, whose chroma is closer.
        let normalGap = abs(ansi[base].lab.l - lightness)
        let brightGap = abs(ansi[base + 8].lab.l - lightness)
        return UInt8(normalGap <= brightGap ? base : base + 8)
    }
}
