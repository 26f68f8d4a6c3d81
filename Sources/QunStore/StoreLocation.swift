import Foundation

/// Where the store lives: `--store PATH`, else `$QUNDECK_STORE`, else `$XDG_DATA_HOME/qundeck/qundeck.sqlite`
/// (`~/.local/share/qundeck/qundeck.sqlite` when XDG_DATA_HOME is unset).
public enum StoreLocation {
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: expandTilde(explicit, environment)) }
        if let fromEnv = environment["QUNDECK_STORE"], !fromEnv.isEmpty {
            return URL(fileURLWithPath: expandTilde(fromEnv, environment))
        }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return URL(fileURLWithPath: dataHome).appendingPathComponent("qundeck").appendingPathComponent("qundeck.sqlite")
    }

    private static func expandTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}
