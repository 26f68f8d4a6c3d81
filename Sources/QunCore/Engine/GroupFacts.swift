import Foundation

/// What deciding an event's consequences needs of its group: the zone its days start in and the nickname
/// format it requires.
public struct GroupFacts: Sendable {
    public var zone: TimeZone
    public var nicknameFormat: String?

    public init(zone: TimeZone, nicknameFormat: String? = nil) {
        self.zone = zone
        self.nicknameFormat = nicknameFormat
    }

    public init(_ group: Group) {
        self.init(zone: group.timeZone, nicknameFormat: group.nicknameFormat)
    }
}

extension Group {
    /// The group a store creates when an event names a group it does not know: named and zoned as the
    /// event says (an unknown zone falls back to the default), its own id for a name otherwise.
    public init(firstSeenIn event: Event) {
        let zoneID = event.groupTimeZoneID.flatMap { TimeZone(identifier: $0) != nil ? $0 : nil } ?? Group.defaultTimeZoneID
        self.init(
            id: event.groupID, platform: event.groupPlatform ?? .other,
            name: event.groupName.flatMap { $0.isEmpty ? nil : $0 } ?? event.groupID, timeZoneID: zoneID, createdAt: event.timestamp)
    }
}
