import Foundation
import TOMLKit

/// A theme that could not be loaded, saying where (file, line when known, key) and why.
public struct ThemeError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Error, Sendable, Equatable {
        case syntax(String)
        case unknownColour(String, suggestion: String?)
        case colourOutOfRange(Int)
        case unknownAttribute(String)
        case unknownRole(String, suggestion: String?)
        /// `pane.border = {...}` without quotes, which TOML reads as nested tables; carries "pane.border".
        case unquotedDottedRole(String)
        case unknownKey(String, expected: [String])
        case wrongType(expected: String, found: String)
        case invalidName(String)
        case notFound(String, available: [String])
        case inheritanceCycle([String])
        case unreadable(String)
    }

    /// The file path, or `built-in theme "name"` / `theme "name"` for text not read from a file.
    public let source: String
    /// 1-based; from TOMLKit for syntax errors, otherwise found by scanning the text for the key.
    public let line: Int?
    public let column: Int?
    /// Where in the file, e.g. `[roles] "selection" fg`.
    public let key: String?
    public let reason: Reason

    public init(source: String, line: Int? = nil, column: Int? = nil, key: String? = nil, reason: Reason) {
        self.source = source
        self.line = line
        self.column = column
        self.key = key
        self.reason = reason
    }

    public var description: String {
        var location = source
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        if let key { location += ": \(key)" }
        return "\(location): \(reason.message)"
    }
}

extension ThemeError.Reason {
    var message: String {
        switch self {
        case .syntax(let detail):
            return "TOML syntax error: \(detail)"
        case .unknownColour(let value, let suggestion):
            return "unknown colour \"\(value)\" (use a name, 0–255 or #rrggbb)" + didYouMean(suggestion)
        case .colourOutOfRange(let number):
            return "colour number \(number) is out of range (use 0–255)"
        case .unknownAttribute(let value):
            let known = ThemeSyntax.attributeNames.map(\.name).joined(separator: ", ")
            return "unknown attribute \"\(value)\" (use \(known))"
        case .unknownRole(let role, let suggestion):
            return "unknown role \"\(role)\"" + didYouMean(suggestion) + " (roles are listed in docs/themes.md)"
        case .unquotedDottedRole(let prefix):
            return "role names contain dots, so quote them: \"\(prefix)\" = { … }"
        case .unknownKey(let key, let expected):
            return "unknown key \"\(key)\" (expected \(expected.joined(separator: ", ")))"
        case .wrongType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .invalidName(let name):
            return "\"\(name)\" is not a theme name (use letters, digits, \"-\" and \"_\")"
        case .notFound(let name, let available):
            return "no theme named \"\(name)\" (available: \(available.joined(separator: ", ")))"
        case .inheritanceCycle(let chain):
            return "themes inherit from each other in a cycle: \(chain.joined(separator: " → "))"
        case .unreadable(let detail):
            return "cannot read theme file: \(detail)"
        }
    }

    private func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
    }
}

extension Theme {
    /// Parses a theme file's text. `inherits` may name a built-in theme; to inherit from
    /// themes on disk, load through a `ThemeLoader` instead.
    ///
    /// - Parameter source: how errors name the text, e.g. its path; defaults to `theme "name"`.
    public static func parse(toml: String, name: String, source: String? = nil) throws -> Theme {
        let loader = ThemeLoader(searchPaths: [])
        return try loader.theme(fromTOML: toml, name: name, source: source ?? "theme \"\(name)\"", visiting: [])
    }

    /// The built-in `default` theme: what to draw with when the chosen theme fails to load.
    public static let builtInDefault: Theme = builtIn(named: "default")

    /// The built-in `mono` theme, whose attributes `degraded(to: .none)` keeps (see ColorDepth.swift).
    static let builtInMono: Theme = builtIn(named: "mono")

    private static func builtIn(named name: String) -> Theme {
        // Built-ins are tested to parse; the plain fallback only keeps a broken build drawing.
        guard let text = BuiltInThemes.sources[name],
              let theme = try? parse(toml: text, name: name, source: "built-in theme \"\(name)\"")
        else { return Theme(name: name, roles: [:]) }
        return theme
    }
}

/// Finds themes by name: `<name>.toml` in each search path in order, then the
/// themes compiled into the binary. Earlier paths win, so a user's directory can
/// override a shipped theme of the same name.
public struct ThemeLoader: Sendable {
    public let searchPaths: [URL]
    public let includesBuiltIns: Bool

    public init(searchPaths: [URL], includeBuiltIns: Bool = true) {
        self.searchPaths = searchPaths
        self.includesBuiltIns = includeBuiltIns
    }

    /// `$XDG_CONFIG_HOME/qundeck/themes` (or `~/.config/qundeck/themes`) first, then
    /// `Themes/` in the current directory, so personal themes override the repository's.
    /// `Themes/` stays relative to `currentDirectory` so errors say `Themes/light.toml`.
    public static func defaultSearchPaths(environment: [String: String], currentDirectory: URL) -> [URL] {
        var paths: [URL] = []
        if let configHome = environment["XDG_CONFIG_HOME"], !configHome.isEmpty {
            paths.append(URL(fileURLWithPath: configHome).appendingPathComponent("qundeck/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            paths.append(URL(fileURLWithPath: home).appendingPathComponent(".config/qundeck/themes"))
        }
        let base = URL(fileURLWithPath: currentDirectory.path, isDirectory: true)
        paths.append(URL(fileURLWithPath: "Themes", isDirectory: true, relativeTo: base))
        return paths
    }

    public static var builtInThemeNames: [String] { BuiltInThemes.sources.keys.sorted() }

    /// The TOML text compiled into the binary for a shipped theme.
    public static func builtInSource(named name: String) -> String? { BuiltInThemes.sources[name] }

    public func load(named name: String) throws -> Theme {
        let (text, source) = try locate(name)
        return try theme(fromTOML: text, name: name, source: source, visiting: [])
    }

    /// Every theme name that `load(named:)` can find, sorted.
    public func availableThemeNames() -> [String] {
        var names = Set(includesBuiltIns ? BuiltInThemes.sources.keys.map { $0 } : [])
        for directory in searchPaths {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
                continue
            }
            for entry in entries where entry.hasSuffix(".toml") {
                let name = String(entry.dropLast(".toml".count))
                if Self.isValidName(name) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    // MARK: - Loading

    private func locate(_ name: String) throws -> (text: String, source: String) {
        guard Self.isValidName(name) else {
            throw ThemeError(source: "theme \"\(name)\"", reason: .invalidName(name))
        }
        for directory in searchPaths {
            let file = directory.appendingPathComponent("\(name).toml")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            let source = file.relativePath
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw ThemeError(source: source, reason: .unreadable("permission denied or not a file"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ThemeError(source: source, reason: .unreadable("not valid UTF-8"))
            }
            return (text, source)
        }
        if includesBuiltIns, let text = BuiltInThemes.sources[name] {
            return (text, "built-in theme \"\(name)\"")
        }
        throw ThemeError(
            source: "theme \"\(name)\"", reason: .notFound(name, available: availableThemeNames()))
    }

    func theme(fromTOML text: String, name: String, source: String, visiting: [String]) throws -> Theme {
        let (file, roles, appearance) = try rolesWithAncestors(
            fromTOML: text, name: name, source: source, visiting: visiting)
        return Theme(
            name: name, displayName: file.displayName ?? name, summary: file.summary ?? "",
            appearance: appearance, roles: roles)
    }

    /// The file's roles laid over those of the themes it inherits from. Merging the
    /// files' settings rather than resolved styles lets a child that changes only
    /// `text` re-derive every role its ancestors left unset.
    private func rolesWithAncestors(fromTOML text: String, name: String, source: String, visiting: [String])
        throws -> (file: ThemeFile, roles: [StyleRole: RoleStyle], appearance: ThemeAppearance?)
    {
        let file = try ThemeFile(toml: text, source: source)
        guard let parentName = file.inherits else { return (file, file.roles, file.appearance) }
        let chain = visiting + [name]
        let inheritsLine = file.line(of: "inherits", in: "meta")
        if chain.contains(parentName) {
            throw ThemeError(
                source: source, line: inheritsLine, key: "[meta] inherits",
                reason: .inheritanceCycle(chain + [parentName]))
        }
        let parent: (text: String, source: String)
        do {
            parent = try locate(parentName)
        } catch let error as ThemeError {
            switch error.reason {
            case .notFound, .invalidName:
                // A parent that cannot be found is the child's mistake: point at its `inherits`.
                throw ThemeError(source: source, line: inheritsLine, key: "[meta] inherits", reason: error.reason)
            default:
                throw error
            }
        }
        let ancestors = try rolesWithAncestors(
            fromTOML: parent.text, name: parentName, source: parent.source, visiting: chain)
        return (
            file, ancestors.roles.merging(file.roles) { $0.overridden(by: $1) },
            file.appearance ?? ancestors.appearance
        )
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "." else { return false }
        return name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}

// MARK: - Theme file syntax

/// One theme file's contents, checked and converted but not yet merged with a parent.
struct ThemeFile {
    var displayName: String?
    var summary: String?
    var inherits: String?
    var appearance: ThemeAppearance?
    var roles: [StyleRole: RoleStyle] = [:]

    private let source: String
    private let text: String

    init(toml text: String, source: String) throws {
        self.source = source
        self.text = text
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(
                source: source, line: error.source.begin.line, column: error.source.begin.column,
                reason: .syntax(error.description))
        }
        for key in document.keys where !["meta", "palette", "roles"].contains(key) {
            throw ThemeError(
                source: source, line: line(of: key, in: nil), key: "[\(key)]",
                reason: .unknownKey(key, expected: ["[meta]", "[palette]", "[roles]"]))
        }
        if let meta = document["meta"] {
            try readMeta(try table(meta, key: "[meta]", line: line(of: "meta", in: nil)))
        }
        var palette: [String: TerminalColor] = [:]
        if let paletteValue = document["palette"] {
            palette = try readPalette(try table(paletteValue, key: "[palette]", line: line(of: "palette", in: nil)))
        }
        if let rolesValue = document["roles"] {
            try readRoles(try table(rolesValue, key: "[roles]", line: line(of: "roles", in: nil)), palette: palette)
        }
    }

    static let metaKeys = ["name", "description", "appearance", "inherits"]

    private mutating func readMeta(_ meta: TOMLTable) throws {
        for key in meta.keys {
            guard let value = meta[key] else { continue }
            let fieldLine = line(of: key, in: "meta")
            guard Self.metaKeys.contains(key) else {
                throw ThemeError(
                    source: source, line: fieldLine, key: "[meta] \(key)",
                    reason: .unknownKey(key, expected: Self.metaKeys))
            }
            guard let string = value.string else {
                throw ThemeError(
                    source: source, line: fieldLine, key: "[meta] \(key)",
                    reason: .wrongType(expected: "a string", found: value.type.description))
            }
            switch key {
            case "name": displayName = string
            case "description": summary = string
            case "appearance":
                guard let parsed = ThemeAppearance(rawValue: string) else {
                    throw ThemeError(
                        source: source, line: fieldLine, key: "[meta] appearance",
                        reason: .wrongType(expected: "\"dark\" or \"light\"", found: "\"\(string)\""))
                }
                appearance = parsed
            default: inherits = string
            }
        }
    }

    private func readPalette(_ palette: TOMLTable) throws -> [String: TerminalColor] {
        var colours: [String: TerminalColor] = [:]
        for name in palette.keys {
            guard let value = palette[name] else { continue }
            let key = "[palette] \"\(name)\""
            let entryLine = line(of: name, in: "palette")
            if ThemeSyntax.normalisedColourName(name) == "default" {
                throw ThemeError(
                    source: source, line: entryLine, key: key,
                    reason: .wrongType(expected: "a palette name other than \"default\"", found: "\"\(name)\""))
            }
            // Palette entries may not refer to each other: one level keeps files easy to read.
            colours[name] = try colour(value, palette: [:], key: key, line: entryLine)
        }
        return colours
    }

    private mutating func readRoles(_ table: TOMLTable, palette: [String: TerminalColor]) throws {
        for roleName in table.keys {
            guard let value = table[roleName] else { continue }
            let key = "[roles] \"\(roleName)\""
            let roleLine = line(of: roleName, in: "roles")
            guard let role = StyleRole(rawValue: roleName) else {
                if let dotted = Self.unquotedDottedRole(prefix: roleName, value: value) {
                    throw ThemeError(
                        source: source, line: roleLine, key: "[roles] \(roleName)",
                        reason: .unquotedDottedRole(dotted))
                }
                let suggestion = ThemeSyntax.closestMatch(to: roleName, in: StyleRole.allCases.map(\.rawValue))
                throw ThemeError(
                    source: source, line: roleLine, key: key, reason: .unknownRole(roleName, suggestion: suggestion))
            }
            let fields = try self.table(value, key: key, line: roleLine, expected: "a table like { fg = \"red\" }")
            roles[role] = try readRoleStyle(fields, roleName: roleName, palette: palette)
        }
    }

    private func readRoleStyle(_ fields: TOMLTable, roleName: String, palette: [String: TerminalColor]) throws
        -> RoleStyle
    {
        var style = RoleStyle()
        for field in fields.keys {
            guard let value = fields[field] else { continue }
            let key = "[roles] \"\(roleName)\" \(field)"
            let fieldLine = line(of: roleName, field: field)
            switch field {
            case "fg": style.foreground = try colour(value, palette: palette, key: key, line: fieldLine)
            case "bg": style.background = try colour(value, palette: palette, key: key, line: fieldLine)
            case "attrs": style.attributes = try attributes(value, key: key, line: fieldLine)
            default:
                if let dotted = Self.unquotedDottedRole(prefix: roleName, value: fields) {
                    throw ThemeError(
                        source: source, line: fieldLine, key: "[roles] \(roleName)",
                        reason: .unquotedDottedRole(dotted))
                }
                throw ThemeError(
                    source: source, line: fieldLine, key: key,
                    reason: .unknownKey(field, expected: ["fg", "bg", "attrs"]))
            }
        }
        return style
    }

    /// The role a user meant when TOML turned `pane.border = {…}` into nested tables.
    private static func unquotedDottedRole(prefix: String, value: TOMLValueConvertible) -> String? {
        guard let nested = value.table else { return nil }
        for key in nested.keys {
            guard let child = nested[key], child.table != nil else { continue }
            let candidate = "\(prefix).\(key)"
            if let deeper = unquotedDottedRole(prefix: candidate, value: child) { return deeper }
            if StyleRole(rawValue: candidate) != nil { return candidate }
        }
        return nil
    }

    private func colour(
        _ value: TOMLValueConvertible, palette: [String: TerminalColor], key: String, line: Int?
    ) throws -> TerminalColor {
        let result: Result<TerminalColor, ThemeError.Reason>
        if let number = value.int {
            result = ThemeSyntax.colour(number: number)
        } else if let text = value.string {
            result = ThemeSyntax.colour(text, palette: palette)
        } else {
            result = .failure(
                .wrongType(expected: "a colour (a name, 0–255 or \"#rrggbb\")", found: value.type.description))
        }
        switch result {
        case .success(let colour): return colour
        case .failure(let reason): throw ThemeError(source: source, line: line, key: key, reason: reason)
        }
    }

    private func attributes(_ value: TOMLValueConvertible, key: String, line: Int?) throws -> TextAttributes {
        let names: [TOMLValueConvertible]
        if let array = value.array {
            names = Array(array)
        } else if value.string != nil {
            names = [value]
        } else {
            throw ThemeError(
                source: source, line: line, key: key,
                reason: .wrongType(expected: "a list of attributes like [\"bold\"]", found: value.type.description))
        }
        var attributes: TextAttributes = []
        for entry in names {
            guard let name = entry.string else {
                throw ThemeError(
                    source: source, line: line, key: key,
                    reason: .wrongType(expected: "attribute names as strings", found: entry.type.description))
            }
            guard let attribute = ThemeSyntax.attribute(named: name) else {
                throw ThemeError(source: source, line: line, key: key, reason: .unknownAttribute(name))
            }
            attributes.insert(attribute)
        }
        return attributes
    }

    private func table(
        _ value: TOMLValueConvertible, key: String, line: Int?, expected: String = "a table"
    ) throws -> TOMLTable {
        guard let table = value.table else {
            throw ThemeError(
                source: source, line: line, key: key,
                reason: .wrongType(expected: expected, found: value.type.description))
        }
        return table
    }

    func line(of key: String, in table: String?) -> Int? {
        TOMLKeyLocator(text: text).line(ofKey: [key], inTable: table.map { [$0] } ?? [])
    }

    /// The line setting `field` of a role, whether written inline in `[roles]`,
    /// as a dotted key, or as a `[roles."name"]` sub-table.
    private func line(of roleName: String, field: String) -> Int? {
        let locator = TOMLKeyLocator(text: text)
        return locator.line(ofKey: [roleName], inTable: ["roles"])
            ?? locator.line(ofKey: [roleName, field], inTable: ["roles"])
            ?? locator.line(ofKey: [field], inTable: ["roles", roleName])
    }
}

/// Colour and attribute spellings shared by theme files and their docs.
enum ThemeSyntax {
    static let colourNames: [String: TerminalColor] = {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        var names: [String: TerminalColor] = ["default": .terminalDefault]
        for (index, name) in base.enumerated() {
            names[name] = .ansi(UInt8(index))
            names["bright\(name)"] = .ansi(UInt8(index + 8))
        }
        return names
    }()

    static let attributeNames: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]

    /// Lower-cased without separators, so "Bright-Blue", "bright_blue" and "brightblue" all match.
    static func normalisedColourName(_ name: String) -> String {
        name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
    }

    static func colour(_ text: String, palette: [String: TerminalColor]) -> Result<TerminalColor, ThemeError.Reason> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let colour = palette[trimmed] { return .success(colour) }
        if let colour = colourNames[normalisedColourName(trimmed)] { return .success(colour) }
        if let number = Int(trimmed) { return colour(number: number) }
        if trimmed.hasPrefix("#"), trimmed.count == 7, trimmed.dropFirst().allSatisfy(\.isHexDigit),
           let value = UInt32(trimmed.dropFirst(), radix: 16)
        {
            return .success(.rgb(UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)))
        }
        let candidates = Array(palette.keys) + ["default"]
            + ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"].flatMap { [$0, "bright-\($0)"] }
        return .failure(.unknownColour(text, suggestion: closestMatch(to: trimmed.lowercased(), in: candidates)))
    }

    /// 0–15 are the ANSI colours (which terminals let users recolour), 16–255 the fixed palette.
    static func colour(number: Int) -> Result<TerminalColor, ThemeError.Reason> {
        switch number {
        case 0...15: .success(.ansi(UInt8(number)))
        case 16...255: .success(.indexed(UInt8(number)))
        default: .failure(.colourOutOfRange(number))
        }
    }

    static func attribute(named name: String) -> TextAttributes? {
        attributeNames.first { $0.name == name.lowercased() }?.attribute
    }

    /// The candidate within a small edit distance of `word`, for "did you mean" hints.
    static func closestMatch(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(1, word.count / 3) ? best.0 : nil
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Finds the line a key is set on. TOMLKit reports positions only for syntax errors,
/// so errors about values (an unknown colour, say) locate their key in the text.
/// Best effort: handles `[table]` headers, quoted and dotted keys, not multi-line strings.
struct TOMLKeyLocator {
    let text: String

    func line(ofKey key: [String], inTable table: [String]) -> Int? {
        var currentTable: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("[[") {
                currentTable = ["[["]  // array-of-tables: nothing a theme looks up lives there
                continue
            }
            if line.hasPrefix("[") {
                guard let header = Self.keyPath(in: line.dropFirst()), let close = header.rest.first, close == "]"
                else { continue }
                currentTable = header.path
                if table.isEmpty && key == header.path.prefix(key.count).map({ $0 }) { return index + 1 }
                continue
            }
            guard currentTable == table, let assignment = Self.keyPath(in: Substring(line)),
                  assignment.rest.first == "="
            else { continue }
            // A prefix match also finds `"selection".fg = …` and unquoted `pane.border = …`.
            if assignment.path.starts(with: key) { return index + 1 }
        }
        return nil
    }

    /// Parses `a."b.c".d` up to the first character that is not part of a key.
    static func keyPath(in text: Substring) -> (path: [String], rest: Substring)? {
        var path: [String] = []
        var rest = text.drop { $0 == " " || $0 == "\t" }
        while true {
            if let quote = rest.first, quote == "\"" || quote == "'" {
                let body = rest.dropFirst()
                guard let end = body.firstIndex(of: quote) else { return nil }
                path.append(String(body[..<end]))
                rest = body[body.index(after: end)...]
            } else {
                let bare = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                guard !bare.isEmpty else { return nil }
                path.append(String(bare))
                rest = rest.dropFirst(bare.count)
            }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "." else { return (path, rest) }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        }
    }
}

// MARK: - Built-in themes

// GENERATED-BUILT-INS-BEGIN
/// The shipped Themes/*.toml files, compiled in so `qundeck` and the tests work from any
/// directory. Keep them byte-for-byte equal to the files: ThemeTests fails otherwise.
enum BuiltInThemes {
    static let sources: [String: String] = [
        "default": #"""
# qundeck default theme: for dark terminal backgrounds.
# Format and role list: docs/themes.md

[meta]
name = "Default (dark)"
description = "Calm blue-grey chrome on the terminal's own dark background"
appearance = "dark"

[palette]
fog = "#abb2bf"
mist = "#9099a8"
slate = "#4b5263"
sky = "#61afef"
teal = "#56b6c2"
leaf = "#98c379"
gold = "#e5c07b"
amber = "#ff9e64"
orchid = "#c678dd"
brick = "#b0413a"
snow = "#f2f4f8"
bar = "#222731"
night = "#2a303b"

[roles]
"text" = { fg = "default", bg = "default" }
"text.dim" = { fg = "mist" }
"header" = { fg = "snow", bg = "#2b3a55" }
"header.title" = { fg = "gold", attrs = ["bold"] }
"pane.border" = { fg = "slate" }
"pane.border.active" = { fg = "sky" }
"pane.title" = { fg = "fog" }
"pane.title.active" = { fg = "sky", attrs = ["bold"] }
"table.header" = { fg = "#9aa5ce", attrs = ["bold"] }
"selection" = { fg = "snow", bg = "#264f78" }
"selection.inactive" = { fg = "fog", bg = "#323844" }
"marked" = { fg = "gold", attrs = ["bold"] }
"status" = { fg = "fog", bg = "bar" }
"status.info" = { fg = "sky" }
"status.ok" = { fg = "leaf" }
"status.warn" = { fg = "gold", attrs = ["bold"] }
"status.danger" = { fg = "snow", bg = "brick", attrs = ["bold"] }
"warn" = { fg = "gold", attrs = ["bold"] }
"danger" = { fg = "#f07178", attrs = ["bold"] }
"accent" = { fg = "teal" }
"sparkline" = { fg = "leaf" }
"quiet" = { fg = "amber", attrs = ["bold"] }
"tag" = { fg = "orchid" }
"key" = { fg = "sky", attrs = ["bold"] }
"overlay.border" = { fg = "sky" }
"overlay.background" = { fg = "#dcdfe4", bg = "night" }
"input" = { fg = "snow", bg = "#3a4150" }
"placeholder" = { fg = "snow", bg = "#5c6370" }

"""#,
        "high-contrast": #"""
# qundeck high-contrast theme: pure black and white with saturated accents,
# every pairing at least 7:1. Colours are exact hex values so a customised
# terminal palette cannot soften them.
# Format and role list: docs/themes.md

[meta]
name = "High contrast"
description = "White on black, yellow focus, no subtle greys"
appearance = "dark"

[palette]
black = "#000000"
white = "#ffffff"
silver = "#d0d0d0"
yellow = "#ffff00"
cyan = "#00ffff"
green = "#00ff00"
orange = "#ffaf00"
pink = "#ff87ff"
red = "#d70000"
navy = "#000087"

[roles]
"text" = { fg = "white", bg = "black" }
"text.dim" = { fg = "silver" }
"header" = { fg = "black", bg = "yellow", attrs = ["bold"] }
"header.title" = { fg = "black", attrs = ["bold", "underline"] }
"pane.border" = { fg = "silver" }
"pane.border.active" = { fg = "yellow", attrs = ["bold"] }
"pane.title" = { fg = "white", attrs = ["bold"] }
"pane.title.active" = { fg = "black", bg = "yellow", attrs = ["bold"] }
"table.header" = { fg = "cyan", attrs = ["bold", "underline"] }
"selection" = { fg = "black", bg = "cyan", attrs = ["bold"] }
"selection.inactive" = { fg = "white", bg = "#3a3a3a", attrs = ["underline"] }
"marked" = { fg = "yellow", attrs = ["bold", "underline"] }
"status" = { fg = "white", bg = "navy" }
"status.info" = { fg = "cyan", attrs = ["bold"] }
"status.ok" = { fg = "green", attrs = ["bold"] }
"status.warn" = { fg = "black", bg = "orange", attrs = ["bold"] }
"status.danger" = { fg = "white", bg = "red", attrs = ["bold", "underline"] }
"warn" = { fg = "orange", attrs = ["bold"] }
"danger" = { fg = "bright-red", attrs = ["bold", "underline"] }
"accent" = { fg = "cyan", attrs = ["bold"] }
"sparkline" = { fg = "green" }
"quiet" = { fg = "orange", attrs = ["bold", "underline"] }
"tag" = { fg = "pink", attrs = ["bold"] }
"key" = { fg = "yellow", attrs = ["bold"] }
"overlay.border" = { fg = "yellow", attrs = ["bold"] }
"overlay.background" = { fg = "white", bg = "black" }
"input" = { fg = "black", bg = "white" }
"placeholder" = { fg = "black", bg = "pink" }

"""#,
        "light": #"""
# qundeck light theme: for white or near-white terminal backgrounds.
# Every foreground colour keeps a contrast of at least 4.5:1 against white.
# Format and role list: docs/themes.md

[meta]
name = "Light"
description = "Dark ink and saturated accents for white terminal backgrounds"
appearance = "light"

[palette]
ink = "#1f2328"
graphite = "#57606a"
ash = "#636c76"
rule = "#afb8c1"
ocean = "#0860ca"
navy = "#0550ae"
forest = "#116329"
ochre = "#7d4e00"
rust = "#bc4c00"
grape = "#7a45d6"
crimson = "#cf222e"
paper = "#f6f8fa"
cloud = "#eaeef2"

[roles]
"text" = { fg = "default", bg = "default" }
"text.dim" = { fg = "ash" }
"header" = { fg = "#ffffff", bg = "ocean" }
"header.title" = { fg = "#ffffff", attrs = ["bold"] }
"pane.border" = { fg = "rule" }
"pane.border.active" = { fg = "ocean" }
"pane.title" = { fg = "graphite" }
"pane.title.active" = { fg = "ocean", attrs = ["bold"] }
"table.header" = { fg = "#424a53", attrs = ["bold"] }
"selection" = { fg = "ink", bg = "#b6e3ff" }
"selection.inactive" = { fg = "ink", bg = "cloud" }
"marked" = { fg = "ink", bg = "#fff8c5", attrs = ["bold"] }
"status" = { fg = "ink", bg = "cloud" }
"status.info" = { fg = "navy" }
"status.ok" = { fg = "forest" }
"status.warn" = { fg = "ochre", attrs = ["bold"] }
"status.danger" = { fg = "#ffffff", bg = "crimson", attrs = ["bold"] }
"warn" = { fg = "ochre", attrs = ["bold"] }
"danger" = { fg = "crimson", attrs = ["bold"] }
"accent" = { fg = "ocean" }
"sparkline" = { fg = "forest" }
"quiet" = { fg = "rust", attrs = ["bold"] }
"tag" = { fg = "grape" }
"key" = { fg = "navy", attrs = ["bold"] }
"overlay.border" = { fg = "ocean" }
"overlay.background" = { fg = "ink", bg = "paper" }
"input" = { fg = "ink", bg = "#ddf4ff" }
"placeholder" = { fg = "#ffffff", bg = "graphite" }

"""#,
        "mono": #"""
# qundeck mono theme: no colours at all, only attributes, in the terminal's
# own foreground and background. It is also what NO_COLOR looks like: with
# colours off, every theme keeps its own attributes plus the ones given here,
# so focus, warnings and bars stay visible.
# Format and role list: docs/themes.md

[meta]
name = "Mono"
description = "Attributes only: reverse for focus and bars, bold for titles"

[roles]
"text" = { fg = "default", bg = "default", attrs = [] }
"text.dim" = { attrs = ["dim"] }
"header" = { attrs = ["reverse"] }
"header.title" = { attrs = ["reverse", "bold"] }
"pane.border" = { attrs = [] }
"pane.border.active" = { attrs = ["bold"] }
"pane.title" = { attrs = ["bold"] }
"pane.title.active" = { attrs = ["bold", "reverse"] }
"table.header" = { attrs = ["bold", "underline"] }
"selection" = { attrs = ["reverse"] }
"selection.inactive" = { attrs = ["underline"] }
"marked" = { attrs = ["bold"] }
"status" = { attrs = ["reverse"] }
"status.info" = { attrs = ["reverse"] }
"status.ok" = { attrs = ["reverse"] }
"status.warn" = { attrs = ["reverse", "bold"] }
"status.danger" = { attrs = ["reverse", "bold", "underline"] }
"warn" = { attrs = ["bold"] }
"danger" = { attrs = ["bold", "underline"] }
"accent" = { attrs = ["bold"] }
"sparkline" = { attrs = [] }
"quiet" = { attrs = ["bold", "underline"] }
"tag" = { attrs = ["underline"] }
"key" = { attrs = ["bold"] }
"overlay.border" = { attrs = ["bold"] }
"overlay.background" = { attrs = [] }
"input" = { attrs = ["underline"] }
"placeholder" = { attrs = ["reverse"] }

"""#,
        "solarized-dark": #"""
# qundeck Solarized Dark theme, Ethan Schoonover's palette
# (https://ethanschoonover.com/solarized/). Paints its own base03 background,
# so it looks the same whatever the terminal's palette is.
# Format and role list: docs/themes.md

[meta]
name = "Solarized Dark"
description = "Ethan Schoonover's Solarized palette, dark variant"
appearance = "dark"

[palette]
base03 = "#002b36"
base02 = "#073642"
base01 = "#586e75"
base00 = "#657b83"
base0 = "#839496"
base1 = "#93a1a1"
base2 = "#eee8d5"
base3 = "#fdf6e3"
yellow = "#b58900"
orange = "#cb4b16"
red = "#dc322f"
magenta = "#d33682"
violet = "#6c71c4"
blue = "#268bd2"
cyan = "#2aa198"
green = "#859900"

[roles]
"text" = { fg = "base0", bg = "base03" }
"text.dim" = { fg = "base01" }
"header" = { fg = "base1", bg = "base02" }
"header.title" = { fg = "yellow", attrs = ["bold"] }
"pane.border" = { fg = "base01" }
"pane.border.active" = { fg = "blue" }
"pane.title" = { fg = "base0" }
"pane.title.active" = { fg = "blue", attrs = ["bold"] }
"table.header" = { fg = "base1", attrs = ["bold"] }
"selection" = { fg = "base3", bg = "#1b5e86" }
"selection.inactive" = { fg = "base1", bg = "base02" }
"marked" = { fg = "magenta", attrs = ["bold"] }
"status" = { fg = "base1", bg = "base02" }
"status.info" = { fg = "blue" }
"status.ok" = { fg = "green" }
"status.warn" = { fg = "yellow", attrs = ["bold"] }
"status.danger" = { fg = "base3", bg = "red", attrs = ["bold"] }
"warn" = { fg = "yellow", attrs = ["bold"] }
"danger" = { fg = "red", attrs = ["bold"] }
"accent" = { fg = "cyan" }
"sparkline" = { fg = "green" }
"quiet" = { fg = "orange", attrs = ["bold"] }
"tag" = { fg = "violet" }
"key" = { fg = "yellow", attrs = ["bold"] }
"overlay.border" = { fg = "blue" }
"overlay.background" = { fg = "base0", bg = "base02" }
"input" = { fg = "base2", bg = "base03" }
"placeholder" = { fg = "base3", bg = "base01" }

"""#,
    ]
}
// GENERATED-BUILT-INS-END
