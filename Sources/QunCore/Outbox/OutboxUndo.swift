/// What undoing a moderation action means for the platform side of it.
///
/// Commands that never left qundeck (pending, held) are only cancelled: there is nothing to reverse, and
/// reversing what never happened does harm (kicking applicants who were never let in). Commands that
/// reached the platform, or may have (claimed, unknown), are reversed where the platform allows it.
public enum OutboxUndo {
    public struct Plan: Equatable, Sendable {
        /// Outbox item ids to cancel.
        public var cancel: [Int64] = []
        /// Commands to queue that undo what the platform did.
        public var reverse: [OutboxCommand] = []
        /// What cannot be undone on the platform, for the audit entry.
        public var notes: [String] = []
    }

    /// `items`: the undone action's outbox items; `memberStatusBefore`: the member's status before the
    /// action (a member already banned before it stays banned).
    public static func plan(_ items: [(id: Int64, command: OutboxCommand, state: OutboxState)], memberStatusBefore: MemberStatus?) -> Plan {
        var plan = Plan()
        for item in items {
            switch item.state {
            case .pending, .held:
                plan.cancel.append(item.id)
                continue
            case .cancelled, .failed:
                continue
            case .claimed, .sent, .unknown:
                break
            }
            switch item.command {
            case let .restrictMember(chat, user, _, _):
                plan.reverse.append(.liftRestrictions(chat: chat, user: user))
            case let .banMember(chat, user, _, _), let .removeMember(chat, user):
                if memberStatusBefore != .banned && memberStatusBefore != .removed {
                    plan.reverse.append(.unbanMember(chat: chat, user: user))
                }
            case let .approveJoinRequest(chat, user):
                plan.reverse.append(.removeMember(chat: chat, user: user))
                plan.notes.append("the approved member is removed again")
            case .declineJoinRequest:
                plan.notes.append("a declined request cannot be re-opened on the platform: invite the member again")
            case .deleteMessages:
                plan.notes.append("the platform cannot bring a deleted message back")
            case .sendMessage, .sendRedPacket:
                plan.notes.append("the posted message stays in the group")
            case .unbanMember, .liftRestrictions:
                break
            }
        }
        return plan
    }
}
