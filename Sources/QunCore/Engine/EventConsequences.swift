import Foundation

/// Everything a newly stored event causes besides its own row: the member's membership and counters, the
/// hour's activity, a check-in and the streak, queue items and what rules do on their own, join requests
/// the platform settled, the red-packet ledger, the campaign's KPIs. Decided here, from the event and what
/// the store knows before it; a store only persists the result, in the transaction that stores the event,
/// so every backend derives the same rows from the same events.
public struct EventConsequences: Sendable {
    /// The member's facts after the event: what the member's next event is decided with.
    public var member: MemberFacts
    /// The store has no row for the member: create it as first seen in this event (`MemberFacts.firstSight`),
    /// before writing `membership`.
    public var createsMember: Bool
    /// The member's membership changed (joined, requested, left, removed, banned, a new role): write it.
    public var membership: MembershipState?
    /// What the event adds to the member's counters, names and first/last seen.
    public var counts: MemberDelta
    /// What the event adds to its hour's activity; nil when nothing.
    public var hour: HourlyIncrement?
    public var checkin: CheckinWrite?
    /// Queue items, logged findings and automatic actions, in the order they are to be written.
    public var moderation: [ModerationStep] = []
    /// The member's open join request is settled by the platform (joined, left, removed, banned).
    public var settlesJoinRequest: JoinRequestSettlement?
    /// A red-packet claim naming its campaign books what was claimed.
    public var claim: ClaimLedgerEntry?
    public var campaignStat: CampaignStatIncrement?
    /// A rule found something in the event (a queue item, a logged finding or an automatic action).
    public var flagged = false

    /// The member became the group's owner: the group's owner is this member.
    public var makesOwner: Bool { membership?.role == .owner }

    /// The consequences of `event`, just stored for the first time.
    /// - Parameters:
    ///   - member: the member's facts before the event; nil when the store has no row for them.
    ///   - analysis: the text's analysis made with `settings`; worked out here when nil.
    ///   - now: when the events are applied (the time of rules' audit entries and actions).
    ///   - history: asked only when the decision needs what is stored (see `IngestHistory`).
    public static func of(
        _ event: Event, member: MemberFacts?, group: GroupFacts, analysis: MessageAnalysis? = nil, settings: ContentSettings, now: Date,
        history: some IngestHistory
    ) throws -> EventConsequences {
        var out = EventConsequences(member: member ?? .firstSight(event), createsMember: member == nil, counts: MemberDelta(event))
        if event.kind.changesMembership || event.memberRole != nil {
            let current = member?.membership
            let next = MembershipTransition.apply(event, to: current, explicitRole: event.memberRole)
            if next != current {
                out.membership = next
                out.member.membership = next
            }
        }
        // The rules judge by the facts before this event is counted: its own time is not an earlier message.
        let judged = out.member
        out.member.count(event)
        out.hour = HourlyIncrement(event)
        let rules = settings.rules

        switch event.kind {
        case .message:
            if let text = event.text, let analysis = analysis ?? settings.analyze(event) {
                if analysis.isCheckin { try out.checkIn(event, zone: group.zone, history: history) }
                try out.judge(event, text: text, analysis: analysis, sender: judged, settings: settings, now: now, history: history)
            }
        case .checkin:
            try out.checkIn(event, zone: group.zone, history: history)
        case .joinRequest:
            // A request whose name does not fit the group's nickname format says so in the queue.
            let misfit = nicknameMisfit(event, rules: rules, group: group)
            out.moderation.append(.open(ModerationCaseDraft(
                kind: .joinRequest, event: event, rule: misfit == nil ? nil : RuleKind.nicknameFormat.rawValue,
                reason: "join request" + (event.via.map { " via \($0.rawValue)" } ?? "") + (misfit.map { " · " + $0.reason } ?? ""),
                reasonZh: "入群申请" + (misfit.map { " · " + $0.chineseReason } ?? ""), evidence: event.text,
                severity: misfit == nil ? 2 : 3)))
        case .join:
            // A pending request that ended in a join was approved on the platform.
            out.settlesJoinRequest = JoinRequestSettlement(event, resolution: "joined")
        case .leave, .remove, .ban:
            // A request that ended in a removal or a ban (or the applicant leaving) is settled too.
            out.settlesJoinRequest = JoinRequestSettlement(event, resolution: event.kind.rawValue)
        case .redpacketClaim:
            if let campaign = event.campaignID, let amount = event.amount {
                out.claim = ClaimLedgerEntry(
                    campaignID: campaign, amount: amount, memberID: event.memberID, groupID: event.groupID, claimedAt: event.timestamp)
            }
        case .rename:
            if let misfit = nicknameMisfit(event, rules: rules, group: group) {
                out.moderation.append(.open(ModerationCaseDraft(
                    kind: .flaggedMessage, event: event, rule: misfit.rule.rawValue, reason: misfit.reason, reasonZh: misfit.chineseReason,
                    evidence: event.memberName, severity: misfit.severity)))
                out.flagged = true
            }
        case .order:
            break
        }
        if let campaign = event.campaignID, let column = CampaignStatIncrement.Column(event.kind) {
            out.campaignStat = CampaignStatIncrement(campaignID: campaign, column: column)
        }
        return out
    }

    /// The first nickname-format verdict for a join request's or rename's name; nil when it fits or the
    /// group has no format.
    private static func nicknameMisfit(_ event: Event, rules: RuleEngine, group: GroupFacts) -> RuleVerdict? {
        guard let name = event.memberName, !name.isEmpty else { return nil }
        return rules.evaluateNickname(name, groupID: event.groupID, format: group.nicknameFormat).first
    }

    // MARK: check-ins

    /// A check-in on the event's day in the group's zone: a new day counts and moves the streak; a day
    /// already checked in only keeps the earliest time.
    private mutating func checkIn(_ event: Event, zone: TimeZone, history: some IngestHistory) throws {
        let day = LocalDay(event.timestamp, in: zone)
        let streak: StreakState
        if let next = member.streak.checkingIn(on: day) {
            streak = next
        } else {
            // A day not after the last one (history arriving out of order): only every stored day can say
            // whether it is new and what the streak becomes.
            var days = try history.checkinDays(groupID: event.groupID, memberID: event.memberID)
            guard !days.contains(day.number) else {
                checkin = CheckinWrite(event, day: day, isNew: false)
                return
            }
            days.append(day.number)
            streak = StreakState(StreakCalculator.compute(days: days.map(LocalDay.init(number:))))
        }
        checkin = CheckinWrite(event, day: day, isNew: true)
        member.streak = streak
        counts.checkins += 1
        counts.streakChanged = true
        var checkins = ActivityCounts()
        checkins.checkins = 1
        if hour == nil { hour = HourlyIncrement(groupID: event.groupID, at: event.timestamp) }
        hour!.counts.add(checkins)
    }

    // MARK: moderation

    /// The rules' verdict on a message and what follows from it: a case per rule, logged, queued or acted on.
    private mutating func judge(
        _ event: Event, text: String, analysis: MessageAnalysis, sender: MemberFacts, settings: ContentSettings, now: Date,
        history: some IngestHistory
    ) throws {
        let rules = settings.rules
        let effective = rules.rules(for: event.groupID)
        let findings = analysis.findings
        let ts = event.timestamp.timeIntervalSince1970
        // Only a member who spoke within the window can be flooding: most messages skip the look-back.
        let mayFlood = effective.flood.enabled && (sender.lastMessageAt.map { $0 > ts - Double(effective.flood.seconds) } ?? false)
        let suspicion = ClassifierFlag.suspicion(analysis.assessment, rule: effective.classifier, isStaff: sender.isStaff)
        let previous = try splitContactPrevious(event, text: text, sender: sender, rules: effective, history: history)
        let elsewhere = effective.crossGroupDuplicate.enabled
            ? settings.recentPosts.matches(
                member: event.memberID, group: event.groupID, sentAt: event.timestamp, fingerprint: findings.fingerprint,
                window: Double(effective.crossGroupDuplicate.minutes) * 60)
            : []
        // Clean text from someone who cannot be flooding, unsuspected by the classifier: nothing to judge.
        if findings.isClean && !mayFlood && suspicion == nil && previous == nil && elsewhere.isEmpty { return }
        let recent = mayFlood
            ? try history.messageTimes(
                groupID: event.groupID, memberID: event.memberID, after: ts - Double(effective.flood.seconds), before: ts
            ).map(Date.init(timeIntervalSince1970:))
            : []
        var verdict = rules.judge(findings, MessageInput(
            text: text, groupID: event.groupID, memberID: event.memberID, memberJoinedAt: sender.membership.joinedAt,
            sentAt: event.timestamp, recentMessageTimes: recent, senderIsStaff: sender.isStaff, previousMessage: previous,
            recentElsewhere: elsewhere))
        // The classifier is one more reason only for a message no rule flagged: the admin has one item to
        // decide, and the decision teaches the classifier all the same.
        if let suspicion, verdict.flags.isEmpty {
            let record = try history.caseRecord(groupID: event.groupID, memberID: event.memberID)
            let standing = ClassifierFlag.standing(of: sender, record: record, at: event.timestamp)
            if let flag = ClassifierFlag.verdict(suspicion, text: text, standing: standing, rule: effective.classifier) {
                verdict.flags.append(flag)
            }
        }
        guard !verdict.flags.isEmpty else { return }
        flagged = true
        // A case per rule: two links in one message are one link case (its evidence the first link).
        var seenRules: Set<RuleKind> = []
        for flag in verdict.flags where seenRules.insert(flag.rule).inserted {
            // One flood case per burst: a case raised for this member within the window (open, or already acted
            // on by the rule) covers the later messages of the same burst.
            if flag.rule == .flood,
                try history.hasFloodCase(groupID: event.groupID, memberID: event.memberID, since: ts - Double(max(60, effective.flood.seconds)))
            { continue }
            let draft = ModerationCaseDraft(
                kind: .flaggedMessage, event: event, rule: flag.rule.rawValue, reason: flag.reason, reasonZh: flag.chineseReason,
                evidence: flag.match, severity: flag.severity)
            switch flag.action {
            case .queue:
                moderation.append(.open(draft))
            case .log:
                moderation.append(.log(AuditDraft(
                    at: now, actor: ModerationStep.automaticActor, action: "rule " + flag.rule.rawValue, groupID: event.groupID,
                    memberID: event.memberID, reason: flag.reason + " (logged)", rule: flag.rule.rawValue, evidence: flag.match)))
            case .delete, .mute:
                let action: ModerationAction = flag.action == .delete ? .delete : .mute(seconds: Double((flag.muteMinutes ?? 60) * 60))
                moderation.append(.openAndAct(draft, action, reason: flag.reason, at: max(now, event.timestamp)))
            }
        }
    }

    /// The member's message just before this one, for the split-contact check: looked up only when both could
    /// be halves of an id — this message is short and the member spoke within `SplitContact.window`.
    private func splitContactPrevious(
        _ event: Event, text: String, sender: MemberFacts, rules: EffectiveRules, history: some IngestHistory
    ) throws -> RecentMessage? {
        let ts = event.timestamp.timeIntervalSince1970
        guard rules.ad.enabled, let lastMessageAt = sender.lastMessageAt, lastMessageAt > ts - SplitContact.window, lastMessageAt <= ts,
            text.count <= SplitContact.maximumHalf,
            let previous = try history.latestMessage(
                groupID: event.groupID, memberID: event.memberID, from: ts - SplitContact.window, through: ts,
                excludingSource: event.source, externalID: event.externalID),
            previous.text.count <= SplitContact.maximumHalf
        else { return nil }
        return previous
    }
}

extension EventKind {
    /// Joins, requests, departures, removals and bans change who is in the group.
    public var changesMembership: Bool {
        switch self {
        case .join, .joinRequest, .leave, .remove, .ban: true
        case .message, .rename, .redpacketClaim, .order, .checkin: false
        }
    }
}

/// A check-in to store for (group, member, local day). A day already stored keeps the earliest time.
public struct CheckinWrite: Hashable, Sendable {
    public var groupID: String
    public var memberID: String
    public var day: Int
    public var at: Double
    /// The day was not checked in before: the member's check-in count and streak moved.
    public var isNew: Bool

    public init(_ event: Event, day: LocalDay, isNew: Bool) {
        groupID = event.groupID
        memberID = event.memberID
        self.day = day.number
        at = event.timestamp.timeIntervalSince1970
        self.isNew = isNew
    }
}

/// The member's open join request, resolved because the platform settled it.
public struct JoinRequestSettlement: Hashable, Sendable {
    public var groupID: String
    public var memberID: String
    public var resolution: String
    public var at: Date

    public init(_ event: Event, resolution: String) {
        groupID = event.groupID
        memberID = event.memberID
        self.resolution = resolution
        at = event.timestamp
    }
}

/// The ledger row of a red-packet claim (kind `red_packet`, note `claim`), keyed by the claim event's row.
public struct ClaimLedgerEntry: Hashable, Sendable {
    public var campaignID: String
    public var amount: Money
    public var memberID: String
    public var groupID: String
    public var claimedAt: Date

    public init(campaignID: String, amount: Money, memberID: String, groupID: String, claimedAt: Date) {
        self.campaignID = campaignID
        self.amount = amount
        self.memberID = memberID
        self.groupID = groupID
        self.claimedAt = claimedAt
    }

    public static let kind = LedgerKind.redPacket
    public static let note = "claim"
}

/// One more of a campaign's KPIs (`campaign_stats`).
public struct CampaignStatIncrement: Hashable, Sendable {
    public enum Column: String, Hashable, Sendable, CaseIterable {
        case claims, orders, joins, checkins, messages

        /// The KPI an event naming a campaign counts for; nil for kinds a campaign does not count.
        init?(_ kind: EventKind) {
            switch kind {
            case .redpacketClaim: self = .claims
            case .order: self = .orders
            case .join: self = .joins
            case .checkin: self = .checkins
            case .message: self = .messages
            case .leave, .remove, .ban, .joinRequest, .rename: return nil
            }
        }
    }

    public var campaignID: String
    public var column: Column

    public init(campaignID: String, column: Column) {
        self.campaignID = campaignID
        self.column = column
    }
}
