import Foundation

/// Where qundeck keeps what a user sets: `$XDG_CONFIG_HOME/qundeck`, else `~/.config/qundeck`.
public enum ConfigDirectory {
    public static func url(environment: [String: String]) -> URL? {
        if let configHome = environment["XDG_CONFIG_HOME"], !configHome.isEmpty {
            return URL(fileURLWithPath: configHome).appendingPathComponent("qundeck")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".config/qundeck")
        }
        return nil
    }
}
