import Foundation

/// Runs one test of this test binary in a child process, with `environment` added to its own, and returns how
/// the child ended. Tests use it for what one process cannot show: a second process on the same store, or a
/// failure that traps (which would otherwise abort the whole run instead of failing one test).
public func runThisTestInAChildProcess(_ testName: String, environment additions: [String: String])
    throws -> (reason: Process.TerminationReason, code: Int32)
{
    try startThisTestInAChildProcess(testName, environment: additions).waitForExit()
}

/// Starts one test of this test binary in a child process; `waitForExit()` on the result waits for it.
public func startThisTestInAChildProcess(_ testName: String, environment additions: [String: String]) throws -> Process {
    let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let child = Process()
    child.executableURL = URL(fileURLWithPath: binary)
    child.arguments = [testName]
    var environment = ProcessInfo.processInfo.environment
    environment.merge(additions) { _, added in added }
    environment["SWIFT_BACKTRACE"] = "enable=no"  // a crash is an expected failure mode; skip the slow backtrace
    child.environment = environment
    child.standardOutput = FileHandle.nullDevice
    child.standardError = FileHandle.nullDevice
    try child.run()
    return child
}

extension Process {
    public func waitForExit() -> (reason: Process.TerminationReason, code: Int32) {
        waitUntilExit()
        return (terminationReason, terminationStatus)
    }
}
