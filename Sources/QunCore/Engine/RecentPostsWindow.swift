import Foundation

/// Feeds the cross-group duplicate check (`MessageInput.recentElsewhere`): each member's recent message
/// fingerprints, in every group, kept in memory by the writing process.
///
/// The events table has no index by member across groups, and a look-up per message would cost ingest
/// more than the check is worth; the writer sees every message anyway. What it does not see — messages
/// written by another process, or before this one started — is not compared: after a restart the window
/// fills again within `cross_group_duplicate.minutes`.
public final class RecentPostsWindow: @unchecked Sendable {
    struct Post {
        var groupID: String
        var sentAt: Double
        var fingerprint: UInt64
    }

    /// The longest window any group may set is not known here; posts older than this are dropped.
    static let horizon: TimeInterval = 3600
    /// A member posting more than this within the horizon is flooding; the oldest posts give way.
    static let postsPerMember = 32

    private let lock = NSLock()
    private var posts: [String: [Post]] = [:]
    private var newest: Double = -.infinity
    private var insertsSinceSweep = 0

    public init() {}

    /// The member's posts in other groups with this fingerprint within `window` seconds before `sentAt`,
    /// then remembers this post.
    public func matches(member: String, group: String, sentAt: Date, fingerprint: UInt64?, window: TimeInterval) -> [RecentMessage] {
        guard let fingerprint else { return [] }
        let ts = sentAt.timeIntervalSince1970
        return lock.withLock {
            var list = posts[member, default: []]
            let found = list.filter { $0.fingerprint == fingerprint && $0.groupID != group && $0.sentAt >= ts - window && $0.sentAt <= ts }
                .map { RecentMessage(fingerprint: $0.fingerprint, groupID: $0.groupID, sentAt: Date(timeIntervalSince1970: $0.sentAt)) }
            list.removeAll { $0.sentAt < ts - Self.horizon }
            list.append(Post(groupID: group, sentAt: ts, fingerprint: fingerprint))
            if list.count > Self.postsPerMember { list.removeFirst(list.count - Self.postsPerMember) }
            posts[member] = list
            newest = max(newest, ts)
            insertsSinceSweep += 1
            if insertsSinceSweep >= 100_000 { sweep() }
            return found
        }
    }

    /// Drops members whose newest post is past the horizon, so the window holds only recently active members.
    private func sweep() {
        insertsSinceSweep = 0
        let cutoff = newest - Self.horizon
        posts = posts.filter { ($0.value.last?.sentAt ?? -.infinity) >= cutoff }
    }
}
