import Foundation

/// The membership facts one event can change. Pure: ingest applies it to the stored row, tests to values.
public struct MembershipState: Hashable, Sendable {
    public var role: MemberRole
    public var status: MemberStatus
    /// When the status last changed; an older event never overrides a newer status (imports arrive out of order).
    public var statusAt: Date
    public var joinedAt: Date?
    public var inviterID: String?
    public var joinSource: JoinSource?

    public init(
        role: MemberRole, status: MemberStatus, statusAt: Date, joinedAt: Date? = nil, inviterID: String? = nil,
        joinSource: JoinSource? = nil
    ) {
        self.role = role
        self.status = status
        self.statusAt = statusAt
        self.joinedAt = joinedAt
        self.inviterID = inviterID
        self.joinSource = joinSource
    }
}

public enum MembershipTransition {
    /// The state after `event`, given the state before it (nil for a member never seen).
    public static func apply(_ event: Event, to current: MembershipState?, explicitRole: MemberRole? = nil) -> MembershipState {
        var state = current ?? MembershipState(role: .member, status: .active, statusAt: event.timestamp)
        let isNewer = current == nil || event.timestamp >= state.statusAt
        switch event.kind {
        case .join:
            if state.joinedAt == nil || isNewer {
                state.joinedAt = event.timestamp
                if let actor = event.actorID, actor != event.memberID { state.inviterID = actor }
                state.joinSource = event.via ?? (state.inviterID != nil ? .added : state.joinSource)
            }
            if isNewer {
                state.status = .active
                state.statusAt = event.timestamp
                if state.role == .pending { state.role = .member }
            }
        case .joinRequest:
            if isNewer, current == nil || state.status != .active || state.role == .pending {
                state.role = .pending
                state.status = .active
                state.statusAt = event.timestamp
                state.joinSource = .request
                if let actor = event.actorID, actor != event.memberID { state.inviterID = actor }
            }
        case .leave, .remove, .ban:
            if isNewer {
                state.status = event.kind == .leave ? .left : event.kind == .remove ? .removed : .banned
                state.statusAt = event.timestamp
            }
        case .message, .rename, .redpacketClaim, .order, .checkin:
            break
        }
        if let role = explicitRole, role != .pending, state.role != .pending || event.kind == .join { state.role = role }
        return state
    }
}
