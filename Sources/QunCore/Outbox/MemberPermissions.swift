/// What a restricted member may still do (Telegram's `ChatPermissions`, reduced to what moderation uses).
public struct MemberPermissions: Codable, Hashable, Sendable {
    public var canSendMessages: Bool
    public var canSendMedia: Bool
    public var canAddWebPagePreviews: Bool
    public var canInviteUsers: Bool

    public init(canSendMessages: Bool, canSendMedia: Bool, canAddWebPagePreviews: Bool, canInviteUsers: Bool) {
        self.canSendMessages = canSendMessages
        self.canSendMedia = canSendMedia
        self.canAddWebPagePreviews = canAddWebPagePreviews
        self.canInviteUsers = canInviteUsers
    }

    /// A mute (禁言): nothing may be posted.
    public static let muted = MemberPermissions(canSendMessages: false, canSendMedia: false, canAddWebPagePreviews: false, canInviteUsers: false)
    /// What an ordinary member may do; restoring it lifts a mute.
    public static let member = MemberPermissions(canSendMessages: true, canSendMedia: true, canAddWebPagePreviews: true, canInviteUsers: true)
}
