import Foundation
import QunCore

/// The header's connector status, from the heartbeats connectors write to the store: "telegram ● polling",
/// "telegram ⏳ backing off until 14:02", "telegram ✗ no heartbeat since 13:58". The worst one sets the colour.
enum ConnectorLine {
    /// `compact` (narrow terminals, where the group scope needs the room): the platform, a mark and a time.
    static func text(_ state: AppState, compact: Bool = false) -> (text: String, role: StyleRole)? {
        let statuses = state.data.connectors
        guard !statuses.isEmpty else { return nil }
        let now = state.data.now
        let zone = state.clockZone
        var role = StyleRole.statusOK
        let parts = statuses.map { status -> String in
            let name = status.platform.rawValue
            if status.isStale(now: now) {
                role = .statusDanger
                let since = Format.clock(status.heartbeatAt, zone: zone, seconds: false)
                return compact ? "\(name) ✗ \(since)" : "\(name) ✗ " + state.t(.noHeartbeatSince) + " " + since
            }
            if compact {
                switch status.state {
                case .connected, .polling, .sending: return "\(name) ●"
                case .backingOff:
                    if role == .statusOK { role = .statusWarn }
                    return "\(name) ⏳" + (status.until.map { " " + Format.clock($0, zone: zone, seconds: false) } ?? "")
                case .stopped:
                    if role == .statusOK { role = .statusWarn }
                    return "\(name) ■"
                case .failed:
                    role = .statusDanger
                    return "\(name) ✗"
                }
            }
            switch status.state {
            case .connected: return "\(name) ● " + state.t(.connectorConnected)
            case .polling, .sending: return "\(name) ● " + state.t(.connectorPolling)
            case .backingOff:
                if role == .statusOK { role = .statusWarn }
                let until = status.until.map { " " + state.t(.until) + " " + Format.clock($0, zone: zone, seconds: false) } ?? ""
                return "\(name) ⏳ " + state.t(.connectorBackingOff) + until
            case .stopped:
                if role == .statusOK { role = .statusWarn }
                return "\(name) ■ " + state.t(.connectorStopped)
            case .failed:
                role = .statusDanger
                return "\(name) ✗ " + (status.detail.map { TerminalText.sanitize($0) } ?? state.t(.connectorStopped))
            }
        }
        return (parts.joined(separator: "  "), role)
    }
}
