import Foundation

/// A chat group (社群) as qundeck knows it. `id` is the key the event feed uses for it.
public struct Group: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var platform: Platform
    public var name: String
    /// IANA zone; the group's day (check-ins, "today") starts at its own midnight.
    public var timeZoneID: String
    public var ownerID: String?
    /// The nickname pattern the group requires, e.g. "城市+社区+名字"; nil when it has none.
    public var nicknameFormat: String?
    /// Words that make a message the member's check-in for the day; nil → `CheckinDetector.defaultKeywords`.
    public var checkinKeywords: [String]?
    public var createdAt: Date

    public static let defaultTimeZoneID = "Asia/Shanghai"

    public init(
        id: String, platform: Platform = .other, name: String, timeZoneID: String = Group.defaultTimeZoneID,
        ownerID: String? = nil, nicknameFormat: String? = nil, checkinKeywords: [String]? = nil, createdAt: Date
    ) {
        self.id = id
        self.platform = platform
        self.name = name
        self.timeZoneID = timeZoneID
        self.ownerID = ownerID
        self.nicknameFormat = nicknameFormat
        self.checkinKeywords = checkinKeywords
        self.createdAt = createdAt
    }

    public var checkinDetector: CheckinDetector { CheckinDetector(keywords: checkinKeywords ?? CheckinDetector.defaultKeywords) }

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneID) ?? TimeZone(identifier: Group.defaultTimeZoneID)! }
}
