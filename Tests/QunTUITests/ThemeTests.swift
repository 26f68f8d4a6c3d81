import Foundation
import XCTest

@testable import QunTUI

final class ThemeTests: XCTestCase {
    static let shippedThemeNames = ["default", "high-contrast", "light", "mono", "solarized-dark"]

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // QunTUITests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }

    // MARK: - Shipped themes

    func testEveryShippedThemeParsesAndSetsEveryRoleExplicitly() throws {
        XCTAssertEqual(ThemeLoader.builtInThemeNames, Self.shippedThemeNames)
        for name in Self.shippedThemeNames {
            let theme = try ThemeLoader(searchPaths: []).load(named: name)
            XCTAssertEqual(theme.name, name)
            XCTAssertFalse(theme.summary.isEmpty, "\(name) has no [meta] description")
            XCTAssertNotEqual(theme.displayName, name, "\(name) has no [meta] name")
            // Shipped themes choose every role rather than relying on fallbacks.
            XCTAssertEqual(theme.definedRoles, Set(StyleRole.allCases), "\(name) leaves roles to fallbacks")
        }
    }

    func testThemeFilesEqualBuiltInCopies() throws {
        let directory = Self.repositoryRoot.appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".toml") }
        XCTAssertEqual(files.map { String($0.dropLast(5)) }.sorted(), ThemeLoader.builtInThemeNames)
        for file in files {
            let onDisk = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(
                ThemeLoader.builtInSource(named: String(file.dropLast(5))), onDisk,
                "Themes/\(file) differs from its built-in copy in ThemeLoader.swift")
        }
    }

    func testBuiltInDefaultIsTheShippedDefault() throws {
        XCTAssertEqual(Theme.builtInDefault, try ThemeLoader(searchPaths: []).load(named: "default"))
        XCTAssertEqual(Theme.builtInDefault.definedRoles.count, StyleRole.allCases.count)
    }

    func testMonoThemeUsesAttributesOnly() throws {
        let mono = try ThemeLoader(searchPaths: []).load(named: "mono")
        for role in StyleRole.allCases {
            XCTAssertEqual(mono.style(role).foreground, .terminalDefault, role.rawValue)
            XCTAssertEqual(mono.style(role).background, .terminalDefault, role.rawValue)
        }
        XCTAssertEqual(mono.style(.selection).attributes, .reverse)
        XCTAssertTrue(mono.style(.paneTitle).attributes.contains(.bold))
        XCTAssertTrue(mono.style(.headerTitle).attributes.contains(.bold))
        XCTAssertEqual(mono.style(.statusDanger).attributes, [.reverse, .bold, .underline])
        XCTAssertNotEqual(mono.style(.selectionInactive), mono.style(.selection))
        XCTAssertNotEqual(mono.style(.selectionInactive), mono.style(.text))
    }

    func testFocusAndWarningRolesStandOutInEveryShippedTheme() throws {
        for name in Self.shippedThemeNames {
            let theme = try ThemeLoader(searchPaths: []).load(named: name)
            let text = theme.style(.text)
            for role in [StyleRole.selection, .selectionInactive, .marked, .quiet, .header, .statusBar, .textDim] {
                XCTAssertNotEqual(theme.style(role), text, "\(name): \(role.rawValue) looks like plain text")
            }
            XCTAssertNotEqual(theme.style(.selection), theme.style(.selectionInactive), name)
            XCTAssertNotEqual(theme.style(.paneBorder), theme.style(.paneBorderActive), name)
            XCTAssertNotEqual(theme.style(.paneTitle), theme.style(.paneTitleActive), name)
            XCTAssertNotEqual(theme.style(.statusDanger), theme.style(.statusBar), name)
        }
    }

    /// WCAG contrast of the readable roles, assuming the terminal background each theme is
    /// made for. Solarized is exempt: its palette is deliberately low-contrast.
    func testReadableRolesHaveEnoughContrast() throws {
        let assumedBackground: [String: PaletteRGB] = [
            "default": PaletteRGB(0x1e, 0x1e, 0x1e),
            "light": PaletteRGB(0xff, 0xff, 0xff),
            "high-contrast": PaletteRGB(0, 0, 0),
        ]
        let decorative: Set<StyleRole> = [.paneBorder]
        for (name, page) in assumedBackground {
            let theme = try ThemeLoader(searchPaths: []).load(named: name)
            var checks: [(String, CellStyle)] = StyleRole.allCases.filter { !decorative.contains($0) }
                .map { ($0.rawValue, theme.style($0)) }
            for role in [StyleRole.keyHint, .accent, .textDim, .tag] {
                checks.append(("\(role.rawValue) on status", theme.style(role, on: .statusBar)))
                checks.append(("\(role.rawValue) on overlay", theme.style(role, on: .overlayBackground)))
            }
            for (label, style) in checks {
                guard let foreground = style.foreground.xtermRGB else { continue }
                let background = style.background.xtermRGB ?? page
                let ratio = foreground.contrast(with: background)
                XCTAssertGreaterThanOrEqual(ratio, 4.5, "\(name): \(label) contrast \(ratio)")
            }
        }
    }

    // MARK: - Colour syntax

    func testColourNamesNumbersAndHex() throws {
        let theme = try Theme.parse(
            toml: """
                [palette]
                sea = "#0a8bd2"
                [roles]
                "text" = { fg = "red", bg = "default" }
                "text.dim" = { fg = "bright-blue", bg = "Bright_Black" }
                "accent" = { fg = 7, bg = 196 }
                "tag" = { fg = "42", bg = "#FF8800" }
                "key" = { fg = "sea" }
                """, name: "t")
        XCTAssertEqual(theme.style(.text), CellStyle(foreground: .ansi(1), background: .terminalDefault))
        XCTAssertEqual(theme.style(.textDim).foreground, .ansi(12))
        XCTAssertEqual(theme.style(.textDim).background, .ansi(8))
        XCTAssertEqual(theme.style(.accent).foreground, .ansi(7))
        XCTAssertEqual(theme.style(.accent).background, .indexed(196))
        XCTAssertEqual(theme.style(.tag).foreground, .indexed(42))
        XCTAssertEqual(theme.style(.tag).background, .rgb(0xff, 0x88, 0x00))
        XCTAssertEqual(theme.style(.keyHint).foreground, .rgb(0x0a, 0x8b, 0xd2))
    }

    func testPaletteNamesShadowColourNamesButNotDefault() throws {
        let theme = try Theme.parse(
            toml: "[palette]\nyellow = \"#b58900\"\n[roles]\n\"quiet\" = { fg = \"yellow\" }\n", name: "t")
        XCTAssertEqual(theme.style(.quiet).foreground, .rgb(0xb5, 0x89, 0x00))
        XCTAssertThrowsError(try Theme.parse(toml: "[palette]\ndefault = \"#000000\"\n", name: "t")) { error in
            XCTAssertEqual((error as? ThemeError)?.key, "[palette] \"default\"")
        }
    }

    func testUnknownColourNamesFileLineAndKey() throws {
        let directory = try makeTemporaryDirectory()
        let themes = directory.appendingPathComponent("Themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try """
        [meta]
        name = "Broken light"

        [roles]
        "text" = { fg = "default" }
        "selection" = { fg = "white", bg = "blu" }
        """.write(to: themes.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)

        // Relative to a directory, as `Themes/` relative to the working directory is in the app.
        let base = URL(fileURLWithPath: directory.path, isDirectory: true)
        let loader = ThemeLoader(searchPaths: [URL(fileURLWithPath: "Themes", relativeTo: base)])
        XCTAssertThrowsError(try loader.load(named: "light")) { error in
            guard let error = error as? ThemeError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.source, "Themes/light.toml")
            XCTAssertEqual(error.line, 6)
            XCTAssertEqual(error.key, "[roles] \"selection\" bg")
            XCTAssertEqual(error.reason, .unknownColour("blu", suggestion: "blue"))
            XCTAssertEqual(
                error.description,
                "Themes/light.toml:6: [roles] \"selection\" bg: unknown colour \"blu\" (use a name, 0–255 or #rrggbb); did you mean \"blue\"?"
            )
        }
    }

    func testBadColourValues() {
        let cases: [(value: String, reason: ThemeError.Reason)] = [
            ("300", .colourOutOfRange(300)),
            ("-1", .colourOutOfRange(-1)),
            ("\"#12345\"", .unknownColour("#12345", suggestion: nil)),
            ("\"#gg0000\"", .unknownColour("#gg0000", suggestion: nil)),
            ("\"#+12345\"", .unknownColour("#+12345", suggestion: nil)),
            ("\"chartreuse\"", .unknownColour("chartreuse", suggestion: nil)),
            ("true", .wrongType(expected: "a colour (a name, 0–255 or \"#rrggbb\")", found: "bool")),
        ]
        for (value, reason) in cases {
            let toml = "[roles]\n\"marked\" = { fg = \(value) }\n"
            XCTAssertThrowsError(try Theme.parse(toml: toml, name: "x", source: "x.toml"), value) { error in
                let error = error as? ThemeError
                XCTAssertEqual(error?.reason, reason, value)
                XCTAssertEqual(error?.source, "x.toml")
                XCTAssertEqual(error?.line, 2, value)
                XCTAssertEqual(error?.key, "[roles] \"marked\" fg", value)
            }
        }
    }

    func testAttributes() throws {
        let theme = try Theme.parse(
            toml: """
                [roles]
                "selection" = { attrs = ["bold", "Reverse", "underline", "dim", "italic"] }
                "marked" = { attrs = "bold" }
                "quiet" = { attrs = [] }
                """, name: "t")
        XCTAssertEqual(theme.style(.selection).attributes, [.bold, .reverse, .underline, .dim, .italic])
        XCTAssertEqual(theme.style(.marked).attributes, .bold)
        XCTAssertEqual(theme.style(.quiet).attributes, [])
        XCTAssertThrowsError(try Theme.parse(toml: "[roles]\n\"key\" = { attrs = [\"blod\"] }", name: "t")) {
            XCTAssertEqual(($0 as? ThemeError)?.reason, .unknownAttribute("blod"))
            XCTAssertEqual(($0 as? ThemeError)?.key, "[roles] \"key\" attrs")
        }
    }

    // MARK: - Structural errors

    func testUnknownRoleSuggestsTheNearestOne() {
        XCTAssertThrowsError(try Theme.parse(toml: "[roles]\n\n\"selecton\" = { fg = \"red\" }", name: "t")) {
            let error = $0 as? ThemeError
            XCTAssertEqual(error?.reason, .unknownRole("selecton", suggestion: "selection"))
            XCTAssertEqual(error?.line, 3)
            XCTAssertTrue(error?.description.contains("did you mean \"selection\"") ?? false)
        }
    }

    func testUnquotedDottedRoleNamesAreExplained() {
        for (toml, role) in [
            ("[roles]\npane.border = { fg = \"red\" }", "pane.border"),
            ("[roles]\ntext.dim = { fg = \"red\" }", "text.dim"),
            ("[roles]\npane.border.active = { fg = \"red\" }", "pane.border.active"),
        ] {
            XCTAssertThrowsError(try Theme.parse(toml: toml, name: "t"), toml) {
                let error = $0 as? ThemeError
                XCTAssertEqual(error?.reason, .unquotedDottedRole(role), toml)
                XCTAssertEqual(error?.line, 2, toml)
            }
        }
    }

    func testUnknownKeysAndTablesAreRejected() {
        let cases: [(String, String, Int, ThemeError.Reason)] = [
            ("[roles]\n\"text\" = { foreground = \"red\" }", "[roles] \"text\" foreground", 2,
             .unknownKey("foreground", expected: ["fg", "bg", "attrs"])),
            ("[meta]\ninherit = \"light\"", "[meta] inherit", 2,
             .unknownKey("inherit", expected: ["name", "description", "appearance", "inherits"])),
            ("[meta]\nappearance = \"dusk\"", "[meta] appearance", 2,
             .wrongType(expected: "\"dark\" or \"light\"", found: "\"dusk\"")),
            ("[roles]\n[colours]\na = 1", "[colours]", 2,
             .unknownKey("colours", expected: ["[meta]", "[palette]", "[roles]"])),
            ("[roles]\n\"text\" = \"red\"", "[roles] \"text\"", 2,
             .wrongType(expected: "a table like { fg = \"red\" }", found: "string")),
            ("[meta]\nname = 3", "[meta] name", 2, .wrongType(expected: "a string", found: "integer")),
        ]
        for (toml, key, line, reason) in cases {
            XCTAssertThrowsError(try Theme.parse(toml: toml, name: "t"), toml) {
                XCTAssertEqual(($0 as? ThemeError)?.key, key, toml)
                XCTAssertEqual(($0 as? ThemeError)?.reason, reason, toml)
                XCTAssertEqual(($0 as? ThemeError)?.line, line, toml)
            }
        }
    }

    func testSyntaxErrorsCarryTOMLKitsPosition() {
        XCTAssertThrowsError(try Theme.parse(toml: "[roles]\n\"text\" = { fg = }\n", name: "t", source: "t.toml")) {
            guard let error = $0 as? ThemeError, case .syntax = error.reason else { return XCTFail("\($0)") }
            XCTAssertEqual(error.line, 2)
            XCTAssertNotNil(error.column)
            XCTAssertTrue(error.description.hasPrefix("t.toml:2:"), error.description)
        }
    }

    func testRolesWrittenAsSubTablesParseAndLocateErrors() throws {
        let theme = try Theme.parse(toml: "[roles.\"selection\"]\nbg = \"blue\"\n", name: "t")
        XCTAssertEqual(theme.style(.selection).background, .ansi(4))
        XCTAssertThrowsError(
            try Theme.parse(toml: "[roles.\"selection\"]\nfg = \"red\"\nbg = \"bleu\"\n", name: "t")
        ) {
            XCTAssertEqual(($0 as? ThemeError)?.line, 3)
        }
    }

    // MARK: - Fallbacks

    func testFallbackChainsEndAtText() {
        for role in StyleRole.allCases {
            let chain = role.fallbackChain
            XCTAssertEqual(chain.last, .text, role.rawValue)
            XCTAssertEqual(Set(chain).count, chain.count, "\(role.rawValue) has a fallback cycle")
        }
        XCTAssertEqual(StyleRole.paneTitleActive.fallbackChain, [.paneTitleActive, .paneTitle, .text])
        XCTAssertEqual(StyleRole.statusDanger.fallbackChain, [.statusDanger, .statusBar, .header, .text])
    }

    func testMissingRolesDeriveFromTheirFallback() throws {
        let theme = try Theme.parse(
            toml: "[roles]\n\"text\" = { fg = \"#d0d0d0\", bg = \"#101010\" }\n\"pane.title\" = { fg = \"cyan\" }\n",
            name: "t")
        let text = CellStyle(foreground: .rgb(0xd0, 0xd0, 0xd0), background: .rgb(0x10, 0x10, 0x10))
        XCTAssertEqual(theme.style(.text), text)
        // Set explicitly, without attrs: inherits text's (none), not the fallback's extra bold.
        XCTAssertEqual(theme.style(.paneTitle), CellStyle(foreground: .ansi(6), background: text.background))
        // pane.title.active → pane.title (+ reverse so the focused pane's title still differs).
        XCTAssertEqual(
            theme.style(.paneTitleActive),
            CellStyle(foreground: .ansi(6), background: text.background, attributes: .reverse))
        XCTAssertEqual(
            theme.style(.selection),
            CellStyle(foreground: text.foreground, background: text.background, attributes: .reverse))
        XCTAssertEqual(theme.style(.selectionInactive).attributes, [.reverse, .dim])
        XCTAssertEqual(theme.style(.textDim).attributes, .dim)
        XCTAssertEqual(theme.style(.statusDanger).attributes, [.reverse, .bold, .underline])
        XCTAssertEqual(theme.definedRoles, [.text, .paneTitle])
    }

    func testEmptyThemeStillDistinguishesEveryFocusRole() {
        let theme = Theme(name: "empty", roles: [:])
        XCTAssertEqual(theme.style(.text), .plain)
        for role in StyleRole.allCases where role != .text && role != .overlayBackground {
            XCTAssertNotEqual(theme.style(role), .plain, "\(role.rawValue) is indistinguishable from text")
        }
        XCTAssertNotEqual(theme.style(.selectionInactive), theme.style(.selection))
    }

    func testExplicitRolesOverrideFieldByField() throws {
        let theme = try Theme.parse(
            toml: """
                [roles]
                "status" = { fg = "white", bg = "blue", attrs = ["bold"] }
                "status.danger" = { fg = "red" }
                "status.ok" = { attrs = [] }
                """, name: "t")
        XCTAssertEqual(
            theme.style(.statusDanger), CellStyle(foreground: .ansi(1), background: .ansi(4), attributes: .bold))
        XCTAssertEqual(theme.style(.statusOK), CellStyle(foreground: .ansi(7), background: .ansi(4)))
        // Absent: status + bold, which it already has.
        XCTAssertEqual(theme.style(.statusWarn), theme.style(.statusBar))
    }

    func testStyleOnContainerTakesTheContainersBackground() throws {
        let theme = try ThemeLoader(searchPaths: []).load(named: "solarized-dark")
        let key = theme.style(.keyHint, on: .statusBar)
        XCTAssertEqual(key.foreground, theme.style(.keyHint).foreground)
        XCTAssertEqual(key.background, theme.style(.statusBar).background)
        XCTAssertNotEqual(key.background, theme.style(.text).background)
        // A role with a background of its own keeps it.
        XCTAssertEqual(theme.style(.selection, on: .overlayBackground), theme.style(.selection))
    }

    func testStyleOnReversedContainerIsReversedToo() throws {
        let mono = try ThemeLoader(searchPaths: []).load(named: "mono")
        XCTAssertEqual(mono.style(.keyHint, on: .statusBar), CellStyle(attributes: [.bold, .reverse]))
        // Degraded default: the status bar is reversed white-on-black; a blue key must show
        // as blue glyphs on the white bar, not as a black hole in it.
        let degraded = try ThemeLoader(searchPaths: []).load(named: "default").degraded(to: .ansi16)
        let bar = degraded.style(.statusBar)
        XCTAssertTrue(bar.attributes.contains(.reverse))
        let key = degraded.style(.keyHint, on: .statusBar)
        XCTAssertTrue(key.attributes.contains(.reverse))
        XCTAssertEqual(key.foreground, bar.foreground, "paints the cell like the bar")
        XCTAssertEqual(key.background, degraded.style(.keyHint).foreground, "glyphs keep the key colour")
    }

    func testStyleOnContainerNeverDrawsGlyphsInTheFillColour() throws {
        for name in Self.shippedThemeNames {
            for depth in ColorDepth.allCases {
                let theme = try ThemeLoader(searchPaths: []).load(named: name).degraded(to: depth)
                for container in [StyleRole.statusBar, .header, .overlayBackground, .selection] {
                    for role in [StyleRole.keyHint, .tag, .accent, .textDim, .quiet] {
                        let style = theme.style(role, on: container)
                        let (glyph, fill) = style.attributes.contains(.reverse)
                            ? (style.background, style.foreground) : (style.foreground, style.background)
                        if glyph != .terminalDefault {
                            XCTAssertNotEqual(
                                glyph, fill, "\(name) \(role.rawValue) on \(container.rawValue) at \(depth)")
                        }
                    }
                }
            }
        }
    }

    // MARK: - Inheritance and loading

    func testInheritsOverridesOnlyWhatTheChildSets() throws {
        let parent = try ThemeLoader(searchPaths: []).load(named: "default")
        let child = try Theme.parse(
            toml: "[meta]\ninherits = \"default\"\n[roles]\n\"selection\" = { bg = \"#005f87\" }\n", name: "child")
        XCTAssertEqual(child.style(.selection).background, .rgb(0x00, 0x5f, 0x87))
        XCTAssertEqual(child.style(.selection).foreground, parent.style(.selection).foreground)
        for role in StyleRole.allCases where role != .selection {
            XCTAssertEqual(child.style(role), parent.style(role), role.rawValue)
        }
        XCTAssertEqual(child.displayName, "child")
    }

    func testLoaderFilesOverrideAndAddToBuiltIns() throws {
        let user = try makeTemporaryDirectory()
        let repo = try makeTemporaryDirectory()
        try "[roles]\n\"text\" = { fg = \"green\" }\n".write(
            to: user.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[roles]\n\"text\" = { fg = \"red\" }\n".write(
            to: repo.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[meta]\nname = \"Mine\"\ninherits = \"light\"\n".write(
            to: repo.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "not a theme".write(to: repo.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let loader = ThemeLoader(searchPaths: [user, repo.appendingPathComponent("missing"), repo])
        XCTAssertEqual(try loader.load(named: "light").style(.text).foreground, .ansi(2))
        let mine = try loader.load(named: "mine")
        XCTAssertEqual(mine.displayName, "Mine")
        XCTAssertEqual(mine.style(.text).foreground, .ansi(2), "inherits resolves through the same search path")
        XCTAssertEqual(try loader.load(named: "mono"), try ThemeLoader(searchPaths: []).load(named: "mono"))
        XCTAssertEqual(loader.availableThemeNames(), (Self.shippedThemeNames + ["mine"]).sorted())

        let filesOnly = ThemeLoader(searchPaths: [repo], includeBuiltIns: false)
        XCTAssertEqual(filesOnly.availableThemeNames(), ["light", "mine"])
        XCTAssertThrowsError(try filesOnly.load(named: "mono")) {
            XCTAssertEqual(($0 as? ThemeError)?.reason, .notFound("mono", available: ["light", "mine"]))
        }
    }

    func testInheritanceCyclesAndMissingParentsAreReported() throws {
        let directory = try makeTemporaryDirectory()
        try "[meta]\ninherits = \"b\"\n".write(
            to: directory.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try "# b\n[meta]\ninherits = \"a\"\n".write(
            to: directory.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        try "[meta]\n\ninherits = \"nope\"\n".write(
            to: directory.appendingPathComponent("c.toml"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(searchPaths: [directory])
        XCTAssertThrowsError(try loader.load(named: "a")) {
            let error = $0 as? ThemeError
            XCTAssertEqual(error?.reason, .inheritanceCycle(["a", "b", "a"]))
            XCTAssertEqual(error?.source.hasSuffix("b.toml"), true)
            XCTAssertEqual(error?.line, 3)
        }
        XCTAssertThrowsError(try loader.load(named: "c")) {
            let error = $0 as? ThemeError
            guard case .notFound("nope", _) = error?.reason else { return XCTFail("\($0)") }
            XCTAssertEqual(error?.source.hasSuffix("c.toml"), true)
            XCTAssertEqual(error?.line, 3)
            XCTAssertEqual(error?.key, "[meta] inherits")
        }
    }

    func testThemeNamesCannotEscapeTheSearchPath() {
        for name in ["../default", "/etc/passwd", ".hidden", ""] {
            XCTAssertThrowsError(try ThemeLoader(searchPaths: []).load(named: name), name) {
                XCTAssertEqual(($0 as? ThemeError)?.reason, .invalidName(name))
            }
        }
    }

    func testDefaultSearchPathsPutTheUsersDirectoryFirst() {
        let cwd = URL(fileURLWithPath: "/work/qundeck")
        XCTAssertEqual(
            ThemeLoader.defaultSearchPaths(
                environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"], currentDirectory: cwd)
                .map(\.path),
            ["/cfg/qundeck/themes", "/work/qundeck/Themes"])
        XCTAssertEqual(
            ThemeLoader.defaultSearchPaths(environment: ["HOME": "/home/u"], currentDirectory: cwd).map(\.path),
            ["/home/u/.config/qundeck/themes", "/work/qundeck/Themes"])
        let repoThemes = ThemeLoader.defaultSearchPaths(environment: [:], currentDirectory: cwd)
        XCTAssertEqual(repoThemes.map(\.relativePath), ["Themes"], "errors name Themes/<file>, not an absolute path")
    }

    // MARK: - Colour depth

    func testDetectColorDepth() {
        let noColor = ["NO_COLOR": "1", "COLORTERM": "truecolor"]
        XCTAssertEqual(ColorDepth.detect(environment: noColor, terminalColors: 256), .none)
        XCTAssertEqual(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256), .indexed256)
        XCTAssertEqual(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256), .trueColor)
        XCTAssertEqual(ColorDepth.detect(environment: ["COLORTERM": "24bit"], terminalColors: 8), .trueColor)
        XCTAssertEqual(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: -1), .none)
        XCTAssertEqual(ColorDepth.detect(environment: ["COLORTERM": "yes"], terminalColors: 16), .ansi16)
        XCTAssertEqual(ColorDepth.detect(environment: [:], terminalColors: 16_777_216), .trueColor)
        XCTAssertEqual(ColorDepth.detect(environment: [:], terminalColors: 256), .indexed256)
        XCTAssertEqual(ColorDepth.detect(environment: [:], terminalColors: 88), .ansi16)
        XCTAssertEqual(ColorDepth.detect(environment: [:], terminalColors: 8), .ansi8)
        XCTAssertEqual(ColorDepth.detect(environment: [:], terminalColors: 0), .none)
    }

    func testDegradeRGBTo256UsesCubeAndGreyRamp() {
        let cases: [(TerminalColor, UInt8)] = [
            (.rgb(255, 0, 0), 196), (.rgb(0, 0, 0), 16), (.rgb(255, 255, 255), 231),
            (.rgb(0x5f, 0x87, 0xaf), 67), (.rgb(128, 128, 128), 244), (.rgb(0x12, 0x12, 0x12), 233),
            (.rgb(0x26, 0x8b, 0xd2), 32), (.rgb(0xee, 0xee, 0xee), 255),
        ]
        for (colour, index) in cases {
            XCTAssertEqual(colour.degraded(to: .indexed256), .indexed(index), "\(colour)")
        }
        XCTAssertEqual(TerminalColor.ansi(9).degraded(to: .indexed256), .ansi(9))
        XCTAssertEqual(TerminalColor.indexed(100).degraded(to: .indexed256), .indexed(100))
        XCTAssertEqual(TerminalColor.rgb(1, 2, 3).degraded(to: .trueColor), .rgb(1, 2, 3))
    }

    func testDegradeTo16And8ANSIColours() {
        let to16: [(TerminalColor, UInt8)] = [
            (.rgb(255, 0, 0), 9), (.rgb(205, 0, 0), 1), (.indexed(196), 9), (.rgb(0x1e, 0x1e, 0x1e), 0),
            (.rgb(0xe5, 0xe5, 0xe5), 7), (.rgb(0xff, 0xff, 0xff), 15), (.ansi(12), 12), (.indexed(244), 8),
            (.rgb(0x00, 0x00, 0xaa), 4), (.rgb(0x80, 0x80, 0x80), 8),
            // Soft theme colours keep their hue instead of collapsing to grey.
            (.rgb(0x61, 0xaf, 0xef), 12), (.rgb(0x2a, 0xa1, 0x98), 6), (.rgb(0x85, 0x99, 0x00), 2),
            (.rgb(0xb5, 0x89, 0x00), 3), (.rgb(0xc6, 0x78, 0xdd), 13), (.rgb(0xb0, 0x41, 0x3a), 1),
            (.rgb(0x26, 0x4f, 0x78), 4), (.rgb(0x00, 0x2b, 0x36), 0),
        ]
        for (colour, index) in to16 {
            XCTAssertEqual(colour.degraded(to: .ansi16), .ansi(index), "\(colour)")
        }
        let to8: [(TerminalColor, UInt8)] = [
            (.ansi(12), 4), (.ansi(8), 7), (.ansi(15), 7), (.ansi(3), 3), (.rgb(255, 0, 0), 1), (.indexed(16), 0),
            (.rgb(0x61, 0xaf, 0xef), 4),
        ]
        for (colour, index) in to8 {
            XCTAssertEqual(colour.degraded(to: .ansi8), .ansi(index), "\(colour)")
        }
        XCTAssertEqual(TerminalColor.terminalDefault.degraded(to: .ansi8), .terminalDefault)
    }

    func testDegradingTwiceEqualsOnce() {
        var colours: [TerminalColor] = (0...255).map { $0 < 16 ? .ansi(UInt8($0)) : .indexed(UInt8($0)) }
        colours += stride(from: 0, through: 255, by: 17).map { .rgb(UInt8($0), UInt8(255 - $0), UInt8($0 / 2)) }
        for depth in ColorDepth.allCases {
            for colour in colours {
                let once = colour.degraded(to: depth)
                XCTAssertEqual(once.degraded(to: depth), once, "\(colour) at \(depth)")
            }
        }
    }

    func testDegradeToNoneDropsColoursKeepsAttributes() {
        let style = CellStyle(foreground: .rgb(1, 2, 3), background: .ansi(4), attributes: [.bold, .underline])
        XCTAssertEqual(style.degraded(to: .none), CellStyle(attributes: [.bold, .underline]))
    }

    func testEightColourBrightnessBecomesAnAttribute() {
        let style = CellStyle(foreground: .ansi(11), background: .ansi(4)).degraded(to: .ansi8)
        XCTAssertEqual(style, CellStyle(foreground: .ansi(3), background: .ansi(4), attributes: .bold))
        // Grey ("bright black") becomes dim white rather than black, which would vanish.
        XCTAssertEqual(
            CellStyle(foreground: .ansi(8)).degraded(to: .ansi8), CellStyle(foreground: .ansi(7), attributes: .dim))
        XCTAssertEqual(CellStyle(background: .ansi(9)).degraded(to: .ansi8), CellStyle(background: .ansi(1)))
    }

    func testColoursThatDegradingMakesUnreadableBecomeAReadableGrey() {
        // #3a3a3a on black is visible (1.9:1, a border say); both would become ANSI black.
        let dark = CellStyle(foreground: .rgb(0x3a, 0x3a, 0x3a), background: .rgb(0, 0, 0))
        XCTAssertEqual(dark.degraded(to: .ansi16), CellStyle(foreground: .ansi(8), background: .ansi(0)))
        XCTAssertEqual(dark.degraded(to: .ansi8).foreground, .ansi(7))
        // Light grey on a default (white, for a light theme) page would become #e5e5e5 on white.
        let light = CellStyle(foreground: .rgb(0xc0, 0xc0, 0xc0))
        XCTAssertEqual(light.degraded(to: .ansi16, appearance: .light).foreground, .ansi(8))
        XCTAssertEqual(light.degraded(to: .ansi16, appearance: .dark).foreground, .ansi(7))
        // A pair that was never visible (1.1:1) is left alone: that is the theme's choice.
        let faint = CellStyle(foreground: .rgb(0x10, 0x10, 0x10), background: .rgb(0, 0, 0))
        XCTAssertEqual(faint.degraded(to: .ansi16).foreground, .ansi(0))
    }

    func testDegradedShippedThemesAreRepresentableAndKeepFocusVisible() throws {
        for name in Self.shippedThemeNames {
            let theme = try ThemeLoader(searchPaths: []).load(named: name)
            for depth in ColorDepth.allCases {
                let degraded = theme.degraded(to: depth)
                XCTAssertEqual(degraded.name, name)
                for role in StyleRole.allCases {
                    let style = degraded.style(role)
                    for colour in [style.foreground, style.background] {
                        XCTAssertTrue(
                            isRepresentable(colour, at: depth), "\(name) \(role.rawValue) at \(depth): \(colour)")
                    }
                    XCTAssertTrue(
                        style.attributes.isSuperset(of: theme.style(role).attributes),
                        "\(name) \(role.rawValue) lost attributes at \(depth)")
                    if style.foreground != .terminalDefault {
                        XCTAssertNotEqual(style.foreground, style.background, "\(name) \(role.rawValue) at \(depth)")
                    }
                }
                if depth == .none {
                    // With colours gone, focus and bars must still show through attributes.
                    XCTAssertTrue(degraded.style(.selection).attributes.contains(.reverse), name)
                    XCTAssertTrue(degraded.style(.header).attributes.contains(.reverse), name)
                    XCTAssertTrue(degraded.style(.statusBar).attributes.contains(.reverse), name)
                    XCTAssertNotEqual(degraded.style(.selectionInactive), degraded.style(.text), name)
                    XCTAssertNotEqual(degraded.style(.quiet), degraded.style(.text), name)
                }
            }
        }
    }

    func testFocusAndBarsNeverLookLikePlainTextAtAnyDepth() throws {
        for name in Self.shippedThemeNames {
            let theme = try ThemeLoader(searchPaths: []).load(named: name)
            for depth in ColorDepth.allCases {
                let degraded = theme.degraded(to: depth)
                let text = degraded.style(.text)
                for role in [StyleRole.selection, .selectionInactive, .header, .statusBar] {
                    XCTAssertFalse(
                        looksAlike(degraded.style(role), text, appearance: theme.appearance),
                        "\(name): \(role.rawValue) looks like plain text at \(depth)")
                }
            }
        }
    }

    func testCollapsedBackgroundsBorrowMonoAttributesOnlyWhenNeeded() throws {
        let solarized = try ThemeLoader(searchPaths: []).load(named: "solarized-dark").degraded(to: .ansi16)
        // base02 and base03 both become black: the bars and inactive cursor row need attributes.
        XCTAssertEqual(solarized.style(.statusBar).background, solarized.style(.text).background)
        XCTAssertTrue(solarized.style(.statusBar).attributes.contains(.reverse))
        XCTAssertTrue(solarized.style(.selectionInactive).attributes.contains(.underline))
        // The selection keeps a visible blue background, so it is not reversed on top.
        XCTAssertEqual(solarized.style(.selection).background, .ansi(4))
        XCTAssertFalse(solarized.style(.selection).attributes.contains(.reverse))
        let defaultTheme = try ThemeLoader(searchPaths: []).load(named: "default")
        XCTAssertEqual(defaultTheme.degraded(to: .indexed256).style(.header).attributes, [])
    }

    func testAppearance() throws {
        XCTAssertEqual(try ThemeLoader(searchPaths: []).load(named: "light").appearance, .light)
        XCTAssertEqual(try ThemeLoader(searchPaths: []).load(named: "default").appearance, .dark)
        XCTAssertEqual(try Theme.parse(toml: "[roles]\n\"text\" = { bg = \"#fdf6e3\" }", name: "t").appearance, .light)
        XCTAssertEqual(try Theme.parse(toml: "[roles]\n\"text\" = { bg = \"#002b36\" }", name: "t").appearance, .dark)
        XCTAssertEqual(Theme(name: "empty", roles: [:]).appearance, .dark)
        let child = try Theme.parse(toml: "[meta]\ninherits = \"light\"\n", name: "child")
        XCTAssertEqual(child.appearance, .light)
    }

    func testGreyTextStaysReadableInEightColoursOnBothAppearances() throws {
        let light = try ThemeLoader(searchPaths: []).load(named: "light").degraded(to: .ansi8)
        XCTAssertEqual(light.style(.textDim).foreground, .ansi(0))
        XCTAssertTrue(light.style(.textDim).attributes.contains(.dim))
        let dark = try ThemeLoader(searchPaths: []).load(named: "default").degraded(to: .ansi8)
        XCTAssertEqual(dark.style(.textDim).foreground, .ansi(7))
        XCTAssertTrue(dark.style(.textDim).attributes.contains(.dim))
    }

    func testNoColourThemeOfMonoIsMonoItself() throws {
        let mono = try ThemeLoader(searchPaths: []).load(named: "mono")
        for role in StyleRole.allCases {
            XCTAssertEqual(mono.degraded(to: .none).style(role), mono.style(role))
        }
    }

    // MARK: - Helpers

    private func isRepresentable(_ colour: TerminalColor, at depth: ColorDepth) -> Bool {
        switch (depth, colour) {
        case (_, .terminalDefault): true
        case (.none, _): false
        case (.trueColor, _): true
        case (.indexed256, .rgb): false
        case (.indexed256, _): true
        case (.ansi16, .ansi): true
        case (.ansi8, .ansi(let index)): index < 8
        default: false
        }
    }

    /// Same attributes and foreground, on the same background, counting the page colours
    /// a default background is likely to be as the same.
    private func looksAlike(_ a: CellStyle, _ b: CellStyle, appearance: ThemeAppearance) -> Bool {
        let page: Set<TerminalColor> =
            appearance == .light
            ? [.terminalDefault, .ansi(15), .indexed(231)] : [.terminalDefault, .ansi(0), .indexed(16)]
        let sameBackground =
            a.background == b.background || (page.contains(a.background) && page.contains(b.background))
        return a.attributes == b.attributes && a.foreground == b.foreground && sameBackground
    }

    private func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qundeck-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
