import Foundation
import QunCore
import QunStore

/// The connector's side of the event log (part of `ConnectorLedger`): the updates read from a platform and
/// where the stream is read up to, stored in one transaction, so a restart asks the platform for exactly
/// what was not stored.
extension PostgresStore {
    public func storeUpdates(_ events: [Event], cursor: ConnectorCursor, now: Date) throws {
        try append(AppendChunk(events: events, connectorCursor: cursor), now: now)
    }
}
