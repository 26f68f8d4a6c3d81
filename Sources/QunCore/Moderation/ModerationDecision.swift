import Foundation

/// What the store knows when an admin acts on a queue item: the facts `ModerationDecision` decides on.
public struct ModerationFacts: Sendable {
    public var item: ModerationCase
    /// The member's row, when the store has one.
    public var member: MemberState?
    /// The name the group knows the member by, for the warning's @-mention.
    public var memberName: String?
    public var ladder: PenaltyLadder
    /// Warnings in force before this action.
    public var activeWarnings: Int
    /// The group's chat, the member and the flagged message, as the platform names them.
    public var chat: PlatformID
    public var user: PlatformID
    public var message: PlatformID?

    public struct MemberState: Sendable, Equatable {
        public var role: MemberRole
        public var status: MemberStatus
        public var statusAt: Date
        public var mutedUntil: Date?
        public init(role: MemberRole, status: MemberStatus, statusAt: Date, mutedUntil: Date?) {
            self.role = role
            self.status = status
            self.statusAt = statusAt
            self.mutedUntil = mutedUntil
        }
    }

    public init(
        item: ModerationCase, member: MemberState?, memberName: String?, ladder: PenaltyLadder, activeWarnings: Int, chat: PlatformID,
        user: PlatformID, message: PlatformID?
    ) {
        self.item = item
        self.member = member
        self.memberName = memberName
        self.ladder = ladder
        self.activeWarnings = activeWarnings
        self.chat = chat
        self.user = user
        self.message = message
    }
}

/// What one moderation action changes. The store applies it in one transaction with the audit entry.
public struct ModerationOutcome: Equatable, Sendable {
    /// The queue item leaves the queue with this resolution ("approved", "warned (2 active) → mute 1h").
    public var resolution: String?
    public var escalates = false
    public var claims = false
    public var memberStatus: MemberStatus?
    public var memberRole: MemberRole?
    public var mutedUntil: Date?
    /// A warning to record, in force until `expires`.
    public var warning: (expires: Date, reason: String)?
    /// The flagged message is deleted (recorded, and a delete command queued).
    public var deletesMessage = false
    public var commands: [OutboxCommand] = []
    /// The ladder step a warning reached, for the admin's status line.
    public var ladderPenalty: PenaltyLadder.Penalty?

    public static func == (a: ModerationOutcome, b: ModerationOutcome) -> Bool {
        a.resolution == b.resolution && a.escalates == b.escalates && a.claims == b.claims && a.memberStatus == b.memberStatus
            && a.memberRole == b.memberRole && a.mutedUntil == b.mutedUntil && a.warning?.expires == b.warning?.expires
            && a.warning?.reason == b.warning?.reason && a.deletesMessage == b.deletesMessage && a.commands == b.commands
            && a.ladderPenalty == b.ladderPenalty
    }
}

public struct ModerationError: Error, Equatable, CustomStringConvertible {
    public var description: String
}

/// The moderation rules as a pure function: an action on a queue item, given the facts, becomes a case
/// change, a member change, a warning, the platform commands and the ladder step. Every store runs the
/// same rules; tests need no database.
public enum ModerationDecision {
    public static func decide(_ action: ModerationAction, facts: ModerationFacts, reason: String?, now: Date) throws -> ModerationOutcome {
        let item = facts.item
        if action.resolves, item.status == .resolved {
            throw ModerationError(description: "queue item \(item.id) is already resolved (\(item.resolution ?? "resolved")); undo that first")
        }
        let isRequest = item.kind == .joinRequest
        let chat = facts.chat
        let user = facts.user
        var outcome = ModerationOutcome()

        func penalize(_ penalty: PenaltyLadder.Penalty) {
            switch penalty {
            case let .mute(seconds):
                let until = now.addingTimeInterval(seconds)
                outcome.memberStatus = .muted
                outcome.mutedUntil = until
                outcome.commands.append(.restrictMember(chat: chat, user: user, permissions: .muted, until: until))
            case .kick:
                outcome.memberStatus = .removed
                outcome.commands.append(.removeMember(chat: chat, user: user))
            case .ban:
                outcome.memberStatus = .banned
                outcome.commands.append(.banMember(chat: chat, user: user, until: nil, revokeMessages: false))
            }
        }
        func deleteMessage() {
            guard let message = facts.message else { return }
            outcome.deletesMessage = true
            outcome.commands.append(.deleteMessages(chat: chat, ids: [message]))
        }
        // Rejecting or kicking an applicant turns the request down: there is no member to remove yet.
        func declineRequest() {
            outcome.resolution = "rejected"
            outcome.memberStatus = .removed
            outcome.commands.append(.declineJoinRequest(chat: chat, user: user))
        }
        func requireMessage(_ hint: String) throws {
            if isRequest { throw ModerationError(description: "queue item \(item.id) is a join request: \(hint)") }
        }

        switch action {
        case .approve:
            if isRequest {
                outcome.resolution = "approved"
                outcome.memberRole = .member
                outcome.memberStatus = .active
                outcome.commands.append(.approveJoinRequest(chat: chat, user: user))
            } else {
                outcome.resolution = "dismissed"
            }
        case .reject:
            if isRequest {
                declineRequest()
            } else {
                outcome.resolution = "removed"
                deleteMessage()
            }
        case .warn:
            try requireMessage("approve or reject it")
            let active = facts.activeWarnings + 1
            outcome.warning = (now.addingTimeInterval(facts.ladder.warningLifetime), reason ?? item.reason)
            outcome.resolution = "warned (\(active) active)"
            outcome.commands.append(warningPost(facts: facts, active: active, reason: reason ?? item.reasonZh ?? item.reason))
            if let penalty = facts.ladder.penalty(forActiveWarnings: active) {
                penalize(penalty)
                outcome.ladderPenalty = penalty
                outcome.resolution! += " → " + PenaltyLadder.describe(penalty)
            }
        case let .mute(seconds):
            try requireMessage("approve or reject it")
            outcome.resolution = "muted \(DurationText.format(seconds))"
            penalize(.mute(seconds: seconds))
        case .kick:
            if isRequest {
                declineRequest()
            } else {
                outcome.resolution = "kicked"
                penalize(.kick)
            }
        case .ban, .banAsSpam:
            outcome.resolution = "banned"
            penalize(.ban)
            if isRequest { outcome.commands.insert(.declineJoinRequest(chat: chat, user: user), at: 0) }
            // Spam goes from the group with its sender: the flagged message is deleted too.
            if action == .banAsSpam, !isRequest, facts.message != nil {
                outcome.resolution = "banned as spam"
                deleteMessage()
            }
        case .delete:
            try requireMessage("there is no message to delete")
            outcome.resolution = "deleted"
            deleteMessage()
        case .escalate:
            outcome.escalates = true
        case .claim:
            outcome.claims = true
        }
        return outcome
    }

    /// The warning posted in the group: "@name ⚠️ 警告 2：reason", the mention tied to the member's id. The
    /// group reads it, so the rule's Chinese reason is used unless the admin wrote one.
    static func warningPost(facts: ModerationFacts, active: Int, reason: String) -> OutboxCommand {
        let text = (facts.memberName.map { "@\($0) " } ?? "") + "⚠️ 警告 \(active)：\(reason)"
        let mentions = facts.memberName.map { [(id: facts.user, name: $0)] } ?? []
        return .sendMessage(chat: facts.chat, text: text, entities: MessageEntity.mentions(in: text, members: mentions), replyTo: nil)
    }
}
