import Foundation
import TOMLKit

/// What the dashboard remembers between runs, in `$XDG_CONFIG_HOME/qundeck/config.toml`:
///
///     theme = "solarized-dark"   # set by :theme
///     mouse = true               # false: clicks and the wheel go to the terminal
///     confirm = true             # false: as --no-confirm
///     actor = "小王"              # who the audit log names (else $USER); as --actor
///
/// Options on the command line win over the file.
public struct Settings: Equatable, Sendable {
    public var theme: String?
    public var mouse = true
    public var confirm = true
    /// The admin's name in the audit log when `--actor` is not given, on a store several admins share.
    public var actor: String?

    public init(theme: String? = nil, mouse: Bool = true, confirm: Bool = true, actor: String? = nil) {
        self.theme = theme
        self.mouse = mouse
        self.confirm = confirm
        self.actor = actor
    }

    public static let keys = ["theme", "mouse", "confirm", "actor"]

    public static func url(environment: [String: String]) -> URL? {
        ConfigDirectory.url(environment: environment)?.appendingPathComponent("config.toml")
    }

    /// The file's settings, or the defaults when there is none.
    public static func load(from url: URL?) throws -> Settings {
        guard let url, let text = try ConfigFile.read(url) else { return Settings() }
        return try parse(text, source: url.path)
    }

    public static func parse(_ text: String, source: String) throws -> Settings {
        let document = try ConfigFile.table(text, source: source)
        let locator = TOMLKeyLocator(text: text)
        var settings = Settings()
        for key in document.keys.sorted() {
            let line = locator.line(ofKey: [key], inTable: [])
            switch key {
            case "theme":
                guard let name = document[key]?.string else {
                    throw ConfigFileError(source: source, line: line, message: "theme: expected a theme name in quotes")
                }
                settings.theme = name
            case "actor":
                guard let name = document[key]?.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ConfigFileError(source: source, line: line, message: "actor: expected a name in quotes")
                }
                settings.actor = name
            case "mouse", "confirm":
                guard let value = document[key]?.bool else {
                    throw ConfigFileError(source: source, line: line, message: "\(key): expected true or false")
                }
                if key == "mouse" { settings.mouse = value } else { settings.confirm = value }
            default:
                let guess = ThemeSyntax.closestMatch(to: key, in: keys).map { " (did you mean \($0)?)" } ?? ""
                throw ConfigFileError(source: source, line: line, message: "unknown setting \"\(key)\"\(guess); the settings are " + keys.joined(separator: ", "))
            }
        }
        return settings
    }

    public var toml: String {
        var lines = ["# qundeck's remembered settings (see docs/keys.md); command-line options win."]
        if let theme { lines.append("theme = \(Self.quoted(theme))") }
        lines.append("mouse = \(mouse)")
        lines.append("confirm = \(confirm)")
        if let actor { lines.append("actor = \(Self.quoted(actor))") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Writes the file whole, through a temporary file renamed over it: never half a file.
    public func save(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(toml.utf8).write(to: url, options: .atomic)
    }
}
