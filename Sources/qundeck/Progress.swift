import Foundation
import QunCore

/// Progress for long work on stderr — count, rate, ETA — only when stderr is a terminal and not --quiet.
final class ProgressReporter {
    let label: String
    let enabled: Bool
    let started = Date()
    private var lastDraw = Date.distantPast

    init(label: String, quiet: Bool) {
        self.label = label
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// `fraction` (0–1) gives the ETA when the total is known.
    func update(count: Int, unit: String, fraction: Double? = nil, force: Bool = false) {
        guard enabled else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(count) / elapsed
        var line = "\(label): \(Self.grouped(count)) \(unit)  \(Self.grouped(Int(rate)))/s"
        if let fraction, fraction > 0.001 {
            let remaining = elapsed / fraction - elapsed
            line += String(format: "  %3.0f%%  ETA %@", min(fraction, 1) * 100, Self.duration(remaining))
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func grouped(_ n: Int) -> String { NumberText.grouped(n) }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A command that could not do its job: ArgumentParser prints "Error: <message>" and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
