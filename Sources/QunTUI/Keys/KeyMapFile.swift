import Foundation
import TOMLKit

/// Reads keys.toml: one table per context, each `command = "key"` or `command = ["key", "key"]`,
/// replacing that command's default keys.
///
///     [moderation]
///     kick = "ctrl-k"
///     [normal]
///     down = ["j", "down", "ctrl-n"]
public enum KeyMapFile {
    public static func url(environment: [String: String]) -> URL? {
        ConfigDirectory.url(environment: environment)?.appendingPathComponent("keys.toml")
    }

    /// The user's key map, or the standard one when there is no keys.toml.
    public static func load(environment: [String: String]) throws -> KeyMap {
        guard let url = url(environment: environment), let text = try ConfigFile.read(url) else { return .standard }
        return try parse(text, source: url.path)
    }

    public static func parse(_ text: String, source: String) throws -> KeyMap {
        let document = try ConfigFile.table(text, source: source)
        let locator = TOMLKeyLocator(text: text)
        let contexts = KeyContext.allCases.map(\.rawValue)
        var map = KeyMap.standard
        var lines: [Command: Int] = [:]
        for section in document.keys.sorted() {
            let sectionLine = locator.line(ofKey: [section], inTable: [])
            guard let context = KeyContext(rawValue: section) else {
                throw ConfigFileError(
                    source: source, line: sectionLine,
                    message: "unknown section [\(section)]" + hint(ThemeSyntax.closestMatch(to: section, in: contexts).map { "[\($0)]" })
                        + "; the sections are " + contexts.map { "[\($0)]" }.joined(separator: ", "))
            }
            guard let table = document[section]?.table else {
                throw ConfigFileError(source: source, line: sectionLine, message: "[\(section)] must be a table of command = key")
            }
            let names = Command.allCases.filter { $0.context == context }.map(\.rawValue)
            for name in table.keys.sorted() {
                let line = locator.line(ofKey: [name], inTable: [section])
                guard let command = Command(rawValue: name) else {
                    throw ConfigFileError(
                        source: source, line: line,
                        message: "unknown command \"\(name)\" in [\(section)]" + hint(ThemeSyntax.closestMatch(to: name, in: names))
                            + "; its commands are " + names.joined(separator: ", "))
                }
                guard command.context == context else {
                    throw ConfigFileError(source: source, line: line, message: "\"\(name)\" belongs in [\(command.context.rawValue)], not [\(section)]")
                }
                let values: [String]
                if let single = table[name]?.string {
                    values = [single]
                } else if let array = table[name]?.array, array.allSatisfy({ $0.string != nil }) {
                    values = array.compactMap(\.string)
                } else {
                    throw ConfigFileError(source: source, line: line, message: "\(name): expected a key name or a list of key names, e.g. \"ctrl-d\"")
                }
                var keys: [Key] = []
                for value in values {
                    guard let key = KeyName.parse(value) else {
                        throw ConfigFileError(
                            source: source, line: valueLine(value, after: line, in: text),
                            message: "unknown key \"\(value)\"" + hint(KeyName.suggestion(for: value)))
                    }
                    keys.append(key)
                }
                map.bind(command, to: keys)
                lines[command] = line
            }
        }
        if let collision = map.collisions.first {
            let names = collision.commands.map(\.rawValue).joined(separator: " and ")
            throw ConfigFileError(
                source: source, line: collision.commands.compactMap { lines[$0] }.max(),
                message: "\"\(KeyName.name(of: collision.key))\" is bound to both \(names) in [\(collision.context.rawValue)]")
        }
        return map
    }

    private static func hint(_ suggestion: String?) -> String { suggestion.map { " (did you mean \($0)?)" } ?? "" }

    /// The line a key name is written on: the command's line, or one of the next lines of a multi-line list.
    private static func valueLine(_ value: String, after line: Int?, in text: String) -> Int? {
        guard let line else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in (line - 1)..<min(lines.count, line + 20) where lines[index].contains("\"\(value)\"") || lines[index].contains("'\(value)'") {
            return index + 1
        }
        return line
    }
}
