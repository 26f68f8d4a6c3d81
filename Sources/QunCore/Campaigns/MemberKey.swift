/// One member of one group (ids are per platform and stable; names change).
public struct MemberKey: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var groupID: String
    public var memberID: String

    public init(groupID: String, memberID: String) {
        self.groupID = groupID
        self.memberID = memberID
    }

    public static func < (a: MemberKey, b: MemberKey) -> Bool { (a.groupID, a.memberID) < (b.groupID, b.memberID) }

    public var description: String { "\(groupID)/\(memberID)" }
}
