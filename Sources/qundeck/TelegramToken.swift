import Foundation
import TOMLKit

/// Where the Telegram bot token comes from: `$QUNDECK_TELEGRAM_TOKEN`, else `token = "…"` in
/// `$XDG_CONFIG_HOME/qundeck/telegram.toml` (`~/.config/…`), which must be readable by its owner only.
/// Never from the command line, where every user of the machine can read it in the process list.
enum TelegramToken {
    static func configFile(environment: [String: String]) -> URL {
        let base: URL
        if let configHome = environment["XDG_CONFIG_HOME"], !configHome.isEmpty {
            base = URL(fileURLWithPath: configHome)
        } else {
            base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        }
        return base.appendingPathComponent("qundeck").appendingPathComponent("telegram.toml")
    }

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let token = environment["QUNDECK_TELEGRAM_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return token
        }
        let file = configFile(environment: environment)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CommandFailure("""
                no bot token: set QUNDECK_TELEGRAM_TOKEN, or write token = "…" to \(file.path) (chmod 600). \
                See docs/connectors.md for creating a bot with @BotFather.
                """)
        }
        let mode = ((try? FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions]) as? NSNumber)?.intValue ?? 0
        if mode & 0o077 != 0 {
            throw CommandFailure("\(file.path): readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(file.path)")
        }
        let text = try String(contentsOf: file, encoding: .utf8)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CommandFailure("\(file.path):\(error.source.begin.line): \(error.description)")
        }
        guard let token = table["token"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            let line = (text.components(separatedBy: "\n").firstIndex { $0.contains("token") } ?? 0) + 1
            throw CommandFailure("\(file.path):\(line): field token: expected a non-empty string, e.g. token = \"123456:ABC…\"")
        }
        return token
    }
}
