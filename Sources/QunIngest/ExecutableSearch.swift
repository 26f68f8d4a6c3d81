import Foundation

/// Finds a helper program (`unzip`, the `sqlite3` shell) the way a shell would: the first executable of that
/// name in `$PATH`, then in `extraDirectories`.
public enum ExecutableSearch {
    public static func find(_ name: String, alsoIn extraDirectories: [String] = []) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for directory in path + extraDirectories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
