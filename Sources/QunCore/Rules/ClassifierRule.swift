/// How the spam classifier joins the rules in a group (`[defaults.classifier]`, `[groups."id".classifier]`).
///
/// The classifier raises a case by default and acts only when `action` says so; `dry_run` records what it
/// would have flagged without raising anything an admin must handle. Trusted members (`trusted_after`
/// messages that went through without a case) skip it, the hard rules still apply to them; new members and
/// members who just changed their name are held to `strict_threshold` for `strict_hours`.
public struct ClassifierRule: Sendable, Equatable {
    public static let standardThreshold = 0.9

    public var enabled: Bool
    public var action: RuleAction
    public var severity: Int
    public var muteMinutes: Int?
    /// Spam probability at which a message is flagged.
    public var threshold: Double
    /// The lower threshold for new and renamed members.
    public var strictThreshold: Double
    /// Messages without a case after which a member is trusted; 0 trusts nobody.
    public var trustedAfter: Int
    /// How long after joining or renaming a member counts as new.
    public var strictHours: Int
    /// Flag (log) only: no queue item, no action.
    public var dryRun: Bool

    /// The threshold for a member, or nil when the classifier does not look at their messages.
    public func threshold(for standing: MemberStanding) -> Double? {
        guard enabled else { return nil }
        if standing.isStaff { return nil }
        if trustedAfter > 0 && standing.messagesWithoutCase >= trustedAfter && !standing.isRecent(within: strictHours) {
            return nil
        }
        return standing.isRecent(within: strictHours) ? min(threshold, strictThreshold) : threshold
    }
}
