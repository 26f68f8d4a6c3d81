import Foundation
import TOMLKit

/// A keys.toml or config.toml that cannot be used, with the file, line and field:
/// `keys.toml:3: unknown key "ctlr-d" (did you mean ctrl-d?)`.
public struct ConfigFileError: Error, CustomStringConvertible, Equatable {
    public var source: String
    public var line: Int?
    public var message: String
    public var description: String { "\(source)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Reading the user's TOML files, with errors that name the file and line.
enum ConfigFile {
    /// The file's text, or nil when there is no such file.
    static func read(_ url: URL) throws -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw ConfigFileError(source: url.path, line: nil, message: "cannot read it: \(error.localizedDescription)")
        }
    }

    static func table(_ text: String, source: String) throws -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigFileError(source: source, line: error.source.begin.line, message: error.description)
        }
    }
}
