import Foundation

/// A connector's last heartbeat, for the dashboard's status line.
public struct ConnectorStatus: Hashable, Sendable, Codable {
    public enum State: String, Codable, Sendable {
        /// Idle and reachable: nothing due.
        case connected
        case polling
        case sending
        /// Waiting out a rate limit or an error until `until`.
        case backingOff = "backing_off"
        case stopped
        /// Stopped by something an operator must fix (a bad token, a second poller).
        case failed
    }

    public var connector: String
    public var platform: Platform
    public var state: State
    public var detail: String?
    public var until: Date?
    public var pid: Int32?
    public var heartbeatAt: Date

    public init(connector: String, platform: Platform, state: State, detail: String? = nil, until: Date? = nil, pid: Int32? = nil, heartbeatAt: Date) {
        self.connector = connector
        self.platform = platform
        self.state = state
        self.detail = detail
        self.until = until
        self.pid = pid
        self.heartbeatAt = heartbeatAt
    }

    /// A running connector beats at least every `ConnectorStatus.beat` seconds; a status older than three
    /// beats means the process is gone without saying so (killed, machine down).
    public static let beat: TimeInterval = 10
    public func isStale(now: Date) -> Bool {
        state != .stopped && state != .failed && now.timeIntervalSince(heartbeatAt) > 3 * Self.beat
    }
}
