import Foundation
import QunCore

extension SQLiteStore: QundeckStore {
    public var address: String { path }
    public var backend: String { "sqlite" }

    public func changeWatcher() throws -> any StoreChangeWatcher {
        try ChangeWatcher(store: self)
    }

    public func storeUpdates(_ events: [Event], cursor: ConnectorCursor, now: Date) throws {
        try append(AppendChunk(events: events, connectorCursor: cursor), now: now)
    }
}
