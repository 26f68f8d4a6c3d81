import Foundation

import QunCore

/// One feed event with only the fields a test cares about spelled out.
public func event(
    _ id: String, _ kind: EventKind, _ member: String, _ time: String, group: String = "g1", source: String = "test",
    name: String? = nil, text: String? = nil, actor: String? = nil, via: JoinSource? = nil, amount: Money? = nil,
    campaign: String? = nil, groupName: String? = nil, platform: Platform? = nil, timeZone: String? = nil,
    role: MemberRole? = nil
) -> Event {
    Event(
        source: source, externalID: id, groupID: group, timestamp: at(time), kind: kind, memberID: member,
        groupName: groupName, groupPlatform: platform, groupTimeZoneID: timeZone, memberName: name, memberRole: role,
        text: text, actorID: actor, via: via, amount: amount, campaignID: campaign)
}
