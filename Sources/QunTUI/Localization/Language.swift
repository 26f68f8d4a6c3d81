import Foundation

public enum Language: String, CaseIterable, Sendable {
    case en, zh

    /// From `LANG` / `LC_ALL` / `LC_MESSAGES`: any zh locale picks 简体中文, everything else English.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}
