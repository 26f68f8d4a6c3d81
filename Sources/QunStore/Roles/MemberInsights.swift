import Foundation
import QunCore

/// A member's history and the admin's notes on them: check-ins, silence, top lists, profiles, tags.
public protocol MemberInsights: Sendable {
    func checkinHistory(groupID: String, days: Int, now: Date) throws -> [CheckinDay]
    func checkins(groupID: String, day: LocalDay) throws -> [CheckinRecord]
    func grantMakeupCheckin(groupID: String, memberID: String, day: LocalDay, actor: String, reason: String?, now: Date) throws
    func silentMembers(groupID: String, days: Int, now: Date, limit: Int?) throws -> [Member]
    func top(groupID: String, by metric: TopMetric, limit: Int, now: Date) throws -> [TopEntry]
    func memberProfile(groupID: String?, memberID: String, now: Date) throws -> MemberProfile?
    func setTags(groupID: String, memberID: String, tags: Set<MemberTag>, actor: String, now: Date) throws
    func addNote(groupID: String, memberID: String, text: String, author: String, now: Date) throws
    func staffActivity(groupID: String) throws -> [Member]
}

extension MemberInsights {
    public func checkinHistory(groupID: String, days: Int, now: Date = Date()) throws -> [CheckinDay] {
        try checkinHistory(groupID: groupID, days: days, now: now)
    }
    public func grantMakeupCheckin(groupID: String, memberID: String, day: LocalDay, actor: String, reason: String?, now: Date = Date()) throws {
        try grantMakeupCheckin(groupID: groupID, memberID: memberID, day: day, actor: actor, reason: reason, now: now)
    }
    public func silentMembers(groupID: String, days: Int, now: Date = Date(), limit: Int? = nil) throws -> [Member] {
        try silentMembers(groupID: groupID, days: days, now: now, limit: limit)
    }
    public func top(groupID: String, by metric: TopMetric, limit: Int = 20, now: Date = Date()) throws -> [TopEntry] {
        try top(groupID: groupID, by: metric, limit: limit, now: now)
    }
    public func memberProfile(groupID: String?, memberID: String, now: Date = Date()) throws -> MemberProfile? {
        try memberProfile(groupID: groupID, memberID: memberID, now: now)
    }
    public func setTags(groupID: String, memberID: String, tags: Set<MemberTag>, actor: String, now: Date = Date()) throws {
        try setTags(groupID: groupID, memberID: memberID, tags: tags, actor: actor, now: now)
    }
    public func addNote(groupID: String, memberID: String, text: String, author: String, now: Date = Date()) throws {
        try addNote(groupID: groupID, memberID: memberID, text: text, author: author, now: now)
    }
}
