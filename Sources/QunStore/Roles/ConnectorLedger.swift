import Foundation
import QunCore

/// What a connector keeps in the store besides the outbox: where its update stream was read up to (saved
/// with the updates it stored), its heartbeat, and the chats that moved.
public protocol ConnectorLedger: Sendable {
    func connectorCursor(connector: String) throws -> ConnectorCursor?
    /// Stores the events read from a platform and the stream's next position in one transaction.
    func storeUpdates(_ events: [Event], cursor: ConnectorCursor, now: Date) throws
    func saveConnectorStatus(_ status: ConnectorStatus) throws
    func removeConnectorStatus(connector: String) throws
    func groupsByMovedChat() throws -> [String: String]
}
