/// Where each group's outbox stands, for the dashboard.
public struct GroupDelivery: Hashable, Sendable {
    /// Pending, held or being sent.
    public var awaiting: Int = 0
    /// Failed or unknown: an admin should look.
    public var failed: Int = 0
    /// Why the bot cannot reach the group, when it cannot.
    public var disconnected: String?
    public init(awaiting: Int = 0, failed: Int = 0, disconnected: String? = nil) {
        self.awaiting = awaiting
        self.failed = failed
        self.disconnected = disconnected
    }
}
