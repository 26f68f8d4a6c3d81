import Foundation
import GRDB
import QunCore

/// Applies events to the store inside one write transaction: the event row and every derived row it
/// changes (group, member, hourly rollup, check-ins, streaks, moderation cases, campaign KPIs, ledger).
struct EventWriter {
    let db: Database
    /// The rules and check-in keywords, as the store holds them in this transaction.
    let settings: ContentSettings
    let now: Date
    var result = AppendResult()
    private var groups: [String: Group] = [:]
    private var zones: [String: TimeZone] = [:]
    /// Hourly increments gathered over the transaction and written once at its end (`finish`): 100,000
    /// messages touch a few hundred hourly rows, not 100,000 times.
    private var hourly: [HourKey: HourCounts] = [:]
    private var members: MemberBatch
    /// The member's facts before the event being applied: the rules need role, join time and last message.
    private var memberFacts = MemberBatch.Facts()
    private let statements: HotStatements

    struct HourKey: Hashable {
        var group: String
        var hour: Int
    }

    struct HourCounts {
        var localDay: Int
        var localHour: Int
        var messages = 0, joins = 0, leaves = 0, removes = 0, bans = 0, checkins = 0, claims = 0, orders = 0
        var orderFen: Int64 = 0
    }

    init(
        db: Database, groups: [Group], settings: ContentSettings, now: Date, knownMembers: [MemberKey: MemberBatch.Facts] = [:]
    ) throws {
        self.db = db
        self.settings = settings
        self.now = now
        self.statements = try HotStatements(db)
        self.members = try MemberBatch(db, knownFacts: knownMembers)
        for group in groups {
            self.groups[group.id] = group
            zones[group.id] = group.timeZone
        }
    }

    private var rules: RuleEngine { settings.rules }

    /// The chunk's analysis when it was made with this transaction's settings; nil when the text must be
    /// worked out here.
    func usable(_ analysis: ContentAnalysis?, for events: [Event]) -> [MessageAnalysis?]? {
        guard let analysis, analysis.messages.count == events.count, analysis.settings == settings else { return nil }
        return analysis.messages
    }

    /// Applies one event; `analysis` is its text's analysis made with this transaction's settings, if any.
    mutating func apply(_ event: Event, analysis: MessageAnalysis? = nil) throws {
        let zone = try ensureGroup(for: event)
        let ts = event.timestamp.timeIntervalSince1970
        try statements.insertEvent.bind(
            .text(event.source), .text(event.externalID), .text(event.groupID), .real(ts), .text(event.kind.rawValue),
            .text(event.memberID), .text(event.memberName), .text(event.text), .text(event.actorID), .text(event.via?.rawValue),
            .text(event.replyTo), .integer(event.amount?.fen), .text(event.campaignID), .text(event.raw),
            .real(now.timeIntervalSince1970)
        ).run()
        guard db.changesCount == 1 else {
            result.duplicates += 1
            return
        }
        let seq = db.lastInsertedRowID
        result.inserted += 1

        try updateMember(for: event)
        try addToHourly(event, zone: zone)

        switch event.kind {
        case .message:
            if let text = event.text, let analysis = analysis ?? settings.analyze(event) {
                if analysis.isCheckin { try recordCheckin(event, zone: zone) }
                try flagContent(event, text: text, findings: analysis.findings, assessment: analysis.assessment)
            }
        case .checkin:
            try recordCheckin(event, zone: zone)
        case .joinRequest:
            // A request whose name does not fit the group's nickname format says so in the queue.
            let misfit = try nicknameVerdicts(event).first
            try openCase(ModerationCaseDraft(
                kind: .joinRequest, event: event, rule: misfit == nil ? nil : RuleKind.nicknameFormat.rawValue,
                reason: "join request" + (event.via.map { " via \($0.rawValue)" } ?? "") + (misfit.map { " · " + $0.reason } ?? ""),
                evidence: event.text, severity: misfit == nil ? 2 : 3,
                reasonZh: "入群申请" + (misfit.map { " · " + $0.chineseReason } ?? "")))
        case .join:
            // A pending request that ended in a join was approved on the platform.
            try settleJoinRequest(of: event, resolution: "joined")
        case .redpacketClaim:
            if let campaign = event.campaignID, let amount = event.amount {
                try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO ledger (campaign_id, kind, amount_fen, member_id, group_id, note, event_seq, recorded_at)
                    VALUES (?, 'red_packet', ?, ?, ?, 'claim', ?, ?)
                    """).execute(arguments: [campaign, amount.fen, event.memberID, event.groupID, seq, ts])
            }
        case .leave, .remove, .ban:
            // A request that ended in a removal or a ban (or the applicant leaving) is settled too.
            try settleJoinRequest(of: event, resolution: event.kind.rawValue)
        case .rename:
            if let misfit = try nicknameVerdicts(event).first {
                try openCase(ModerationCaseDraft(
                    kind: .flaggedMessage, event: event, rule: misfit.rule.rawValue, reason: misfit.reason,
                    evidence: event.memberName, severity: misfit.severity, reasonZh: misfit.chineseReason))
                result.flagged += 1
            }
        case .order:
            break
        }
        if let campaign = event.campaignID { try addToCampaign(campaign, event) }
    }

    /// Resolves the member's open join request: the platform settled it (joined, left, removed, banned).
    private func settleJoinRequest(of event: Event, resolution: String) throws {
        try db.cachedStatement(sql: """
            UPDATE moderation_cases SET status = 'resolved', resolution = ?, resolved_at = ?, version = version + 1
            WHERE group_id = ? AND member_id = ? AND kind = 'join_request' AND status != 'resolved'
            """).execute(arguments: [resolution, event.timestamp.timeIntervalSince1970, event.groupID, event.memberID])
    }

    // MARK: groups

    private mutating func ensureGroup(for event: Event) throws -> TimeZone {
        if let zone = zones[event.groupID] {
            if let name = event.groupName, !name.isEmpty, groups[event.groupID]?.name != name {
                // The newest event names the group: an older export imported later does not bring back an old name.
                try db.execute(
                    sql: "UPDATE groups SET name = ?, name_at = ? WHERE id = ? AND (name_at IS NULL OR name_at <= ?)",
                    arguments: [name, event.timestamp.timeIntervalSince1970, event.groupID, event.timestamp.timeIntervalSince1970])
                if db.changesCount == 1 { groups[event.groupID]?.name = name }
            }
            return zone
        }
        let zoneID = event.groupTimeZoneID.flatMap { TimeZone(identifier: $0) != nil ? $0 : nil } ?? Group.defaultTimeZoneID
        let group = Group(
            id: event.groupID, platform: event.groupPlatform ?? .other,
            name: event.groupName.flatMap { $0.isEmpty ? nil : $0 } ?? event.groupID,
            timeZoneID: zoneID, createdAt: event.timestamp)
        try db.execute(
            sql: "INSERT INTO groups (id, platform, name, timezone, created_at, name_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [group.id, group.platform.rawValue, group.name, group.timeZoneID, event.timestamp.timeIntervalSince1970,
                        event.groupName == nil ? nil : event.timestamp.timeIntervalSince1970])
        groups[group.id] = group
        zones[group.id] = group.timeZone
        return group.timeZone
    }

    // MARK: members

    private mutating func updateMember(for event: Event) throws {
        switch event.kind {
        case .join, .joinRequest, .leave, .remove, .ban:
            try updateMembership(for: event)
        default:
            if event.memberRole != nil { try updateMembership(for: event) }
        }
        memberFacts = try members.facts(for: event)
        members.count(event)
    }

    private mutating func updateMembership(for event: Event) throws {
        let current = try members.membership(of: event)
        let next = MembershipTransition.apply(event, to: current, explicitRole: event.memberRole)
        guard next != current else { return }
        try members.save(next, for: event)
        if next.role == .owner {
            try db.cachedStatement(sql: "UPDATE groups SET owner_id = ? WHERE id = ? AND owner_id IS NOT ?")
                .execute(arguments: [event.memberID, event.groupID, event.memberID])
        }
    }

    // MARK: rollups

    private mutating func addToHourly(_ event: Event, zone: TimeZone) throws {
        switch event.kind {
        case .joinRequest, .rename, .checkin: return  // check-ins are counted by recordCheckin, once per member and day
        default: break
        }
        updateHour(event, zone: zone) { counts in
            switch event.kind {
            case .message: counts.messages += 1
            case .join: counts.joins += 1
            case .leave: counts.leaves += 1
            case .remove: counts.removes += 1
            case .ban: counts.bans += 1
            case .redpacketClaim: counts.claims += 1
            case .order:
                counts.orders += 1
                counts.orderFen += event.amount?.fen ?? 0
            case .joinRequest, .rename, .checkin: break
            }
        }
    }

    private mutating func updateHour(_ event: Event, zone: TimeZone, _ change: (inout HourCounts) -> Void) {
        let key = HourKey(group: event.groupID, hour: Int((event.timestamp.timeIntervalSince1970 / 3600).rounded(.down)))
        if hourly[key] == nil {
            hourly[key] = HourCounts(
                localDay: LocalDay(event.timestamp, in: zone).number, localHour: localHour(of: event.timestamp, in: zone))
        }
        change(&hourly[key]!)
    }

    /// The member facts after `finish`, to start the next transaction with.
    var knownMembers: [MemberKey: MemberBatch.Facts] { members.knownFacts }

    /// Writes the batch's rollup increments; call once after the last `apply`.
    mutating func finish() throws {
        try members.flush()
        for (key, c) in hourly {
            try statements.upsertHour.bind(
                .text(key.group), .integer(key.hour), .integer(c.localDay), .integer(c.localHour), .integer(c.messages),
                .integer(c.joins), .integer(c.leaves), .integer(c.removes), .integer(c.bans), .integer(c.checkins),
                .integer(c.claims), .integer(c.orders), .integer(c.orderFen)
            ).run()
        }
        hourly.removeAll()
    }

    private mutating func recordCheckin(_ event: Event, zone: TimeZone) throws {
        // Only check-ins need the local day: the zone's offset lookup is not free at a million events.
        let day = LocalDay(event.timestamp, in: zone)
        let ts = event.timestamp.timeIntervalSince1970
        try statements.insertCheckin.bind(.text(event.groupID), .text(event.memberID), .integer(day.number), .real(ts)).run()
        guard db.changesCount == 1 else {
            try db.cachedStatement(sql: "UPDATE checkins SET ts = min(ts, ?) WHERE group_id = ? AND member_id = ? AND day = ?")
                .execute(arguments: [ts, event.groupID, event.memberID, day.number])
            return
        }
        updateHour(event, zone: zone) { $0.checkins += 1 }
        try members.checkedIn(event, on: day) {
            try StreakUpdater.recount(groupID: event.groupID, memberID: event.memberID, in: db)
        }
    }

    // MARK: moderation

    struct ModerationCaseDraft {
        var kind: ModerationKind
        var event: Event
        var rule: String?
        var reason: String
        var evidence: String?
        var severity: Int
        var reasonZh: String? = nil
    }

    /// The nickname-format verdicts for a join request's or rename's name (empty when it fits or the group has no format).
    private func nicknameVerdicts(_ event: Event) throws -> [RuleVerdict] {
        guard let name = event.memberName, !name.isEmpty else { return [] }
        return rules.evaluateNickname(name, groupID: event.groupID, format: groups[event.groupID]?.nicknameFormat)
    }

    private mutating func flagContent(_ event: Event, text: String, findings: TextFindings, assessment: SpamAssessment?) throws {
        let effective = rules.rules(for: event.groupID)
        let role = memberFacts.role
        let ts = event.timestamp.timeIntervalSince1970
        var recent: [Date] = []
        // Only a member who spoke within the window can be flooding: most messages skip the look-back.
        let mayFlood = effective.flood.enabled && (memberFacts.lastMessageAt.map { $0 > ts - Double(effective.flood.seconds) } ?? false)
        // Clean text from someone who cannot be flooding: nothing to judge.
        // classifier: one more reason, for messages it finds suspicious at the strictest threshold.
        let suspicion = ClassifierAtIngest.suspicion(assessment, rule: effective.classifier, isStaff: role == .owner || role == .admin || role == .agent)
        let previous = try SplitContactAtIngest.previousMessage(
            before: event, text: text, lastMessageAt: memberFacts.lastMessageAt, rules: effective, in: db)
        let elsewhere = effective.crossGroupDuplicate.enabled
            ? settings.recentPosts.matches(
                member: event.memberID, group: event.groupID, sentAt: event.timestamp, fingerprint: findings.fingerprint,
                window: Double(effective.crossGroupDuplicate.minutes) * 60)
            : []
        if findings.isClean && !mayFlood && suspicion == nil && previous == nil && elsewhere.isEmpty { return }
        if mayFlood {
            recent = try statements.recentMessages.bind(
                .text(event.groupID), .text(event.memberID), .real(ts - Double(effective.flood.seconds)), .real(ts)
            ).doubles().map(Date.init(timeIntervalSince1970:))
        }
        var verdict = rules.judge(findings, MessageInput(
            text: text, groupID: event.groupID, memberID: event.memberID,
            memberJoinedAt: memberFacts.joinedAt, sentAt: event.timestamp,
            recentMessageTimes: recent, senderIsStaff: role == .owner || role == .admin || role == .agent, previousMessage: previous,
            recentElsewhere: elsewhere))
        if let suspicion, verdict.flags.isEmpty,
            let flag = try ClassifierAtIngest.flag(suspicion, text: text, event: event, rule: effective.classifier, in: db)
        {
            verdict.flags.append(flag)
        }
        guard !verdict.flags.isEmpty else { return }
        result.flagged += 1
        // A case per rule: two links in one message are one link case (its evidence the first link).
        var seenRules: Set<RuleKind> = []
        for flag in verdict.flags where seenRules.insert(flag.rule).inserted {
            // One flood case per burst: a case raised for this member within the window (open, or already acted
            // on by the rule) covers the later messages of the same burst.
            if flag.rule == .flood, try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT 1 FROM moderation_cases WHERE group_id = ? AND member_id = ? AND rule = 'flood' AND created_at >= ?
                    """), arguments: [event.groupID, event.memberID, ts - Double(max(60, effective.flood.seconds))]) != nil
            { continue }
            let draft = ModerationCaseDraft(
                kind: .flaggedMessage, event: event, rule: flag.rule.rawValue, reason: flag.reason, evidence: flag.match,
                severity: flag.severity, reasonZh: flag.chineseReason)
            switch flag.action {
            case .queue:
                try openCase(draft)
            case .log:
                try audit(action: "rule " + flag.rule.rawValue, event: event, flag: flag, resolution: "logged")
            case .delete, .mute:
                // The rule acts on its own: the case is opened already resolved, audited and sent to the outbox,
                // so it shows in the audit log and can still be undone from there.
                try openCase(draft)
                try applyAutomatically(flag, event: event)
            }
        }
    }

    private func audit(action: String, event: Event, flag: RuleVerdict, resolution: String) throws {
        try AuditWrites.record(
            AuditDraft(at: now, actor: "rules", action: action, groupID: event.groupID, memberID: event.memberID,
                       reason: flag.reason + " (\(resolution))", rule: flag.rule.rawValue, evidence: flag.match), in: db)
    }

    private mutating func applyAutomatically(_ flag: RuleVerdict, event: Event) throws {
        guard let caseID = try Int64.fetchOne(
            db.cachedStatement(sql: """
                SELECT id FROM moderation_cases WHERE event_source = ? AND event_external_id = ? AND kind = 'flagged_message' AND rule = ?
                    AND status != 'resolved'
                """), arguments: [event.source, event.externalID, flag.rule.rawValue])
        else { return }
        let action: ModerationAction = flag.action == .delete ? .delete : .mute(seconds: Double((flag.muteMinutes ?? 60) * 60))
        _ = try SQLiteStore.act(on: caseID, action, actor: "rules", reason: flag.reason, now: max(now, event.timestamp), in: db)
        try members.reload(group: event.groupID, member: event.memberID)
    }

    private func openCase(_ draft: ModerationCaseDraft) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO moderation_cases (kind, group_id, member_id, event_source, event_external_id, rule, reason,
                evidence, severity, created_at, reason_zh)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                draft.kind.rawValue, draft.event.groupID, draft.event.memberID, draft.event.source,
                draft.event.externalID, draft.rule ?? "", draft.reason, draft.evidence, draft.severity,
                draft.event.timestamp.timeIntervalSince1970, draft.reasonZh,
            ])
    }

    // MARK: campaigns

    private func addToCampaign(_ campaignID: String, _ event: Event) throws {
        let column: String
        switch event.kind {
        case .redpacketClaim: column = "claims"
        case .order: column = "orders"
        case .join: column = "joins"
        case .checkin: column = "checkins"
        case .message: column = "messages"
        default: return
        }
        try db.cachedStatement(sql: """
            INSERT INTO campaign_stats (campaign_id, \(column)) VALUES (?, 1)
            ON CONFLICT(campaign_id) DO UPDATE SET \(column) = \(column) + 1
            """).execute(arguments: [campaignID])
    }
}

/// Keeps members.checkin_streak / longest_streak / last_checkin_day in step with the checkins table.
enum StreakUpdater {
    /// After a check-in on `newDay` was stored outside ingest (a 补签).
    static func update(groupID: String, memberID: String, newDay: LocalDay, in db: Database) throws {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT checkin_streak, longest_streak, last_checkin_day FROM members WHERE group_id = ? AND member_id = ?
                """), arguments: [groupID, memberID])
        guard let row else { return }
        let stored = StreakState(current: row["checkin_streak"], longest: row["longest_streak"], lastDay: row["last_checkin_day"])
        let next = try stored.checkingIn(on: newDay) ?? recount(groupID: groupID, memberID: memberID, in: db)
        try db.cachedStatement(sql: """
            UPDATE members SET checkin_streak = ?, longest_streak = ?, last_checkin_day = ? WHERE group_id = ? AND member_id = ?
            """).execute(arguments: [next.current, next.longest, next.lastDay, groupID, memberID])
    }

    /// The streak from every stored check-in day: for a day that arrived out of order.
    static func recount(groupID: String, memberID: String, in db: Database) throws -> StreakState {
        let days = try Int.fetchAll(
            db.cachedStatement(sql: "SELECT day FROM checkins WHERE group_id = ? AND member_id = ?"),
            arguments: [groupID, memberID])
        return StreakState(StreakCalculator.compute(days: days.map(LocalDay.init(number:))))
    }
}

/// The statements every event (or every batch's rollups) runs, looked up once per batch: finding them by SQL
/// text per call (GRDB's statement cache hashes the whole string) was a measurable share of ingest.
struct HotStatements {
    let insertEvent: HotStatement
    let recentMessages: HotStatement
    let insertCheckin: HotStatement
    let upsertHour: HotStatement

    init(_ db: Database) throws {
        insertEvent = try HotStatement(db, sql: """
            INSERT OR IGNORE INTO events (source, external_id, group_id, ts, kind, member_id, member_name, text, actor_id,
                via, reply_to, amount_fen, campaign_id, raw, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        recentMessages = try HotStatement(db, sql: """
            SELECT ts FROM events WHERE group_id = ? AND member_id = ? AND kind = 'message' AND ts > ? AND ts < ?
            """)
        insertCheckin = try HotStatement(
            db, sql: "INSERT OR IGNORE INTO checkins (group_id, member_id, day, ts) VALUES (?, ?, ?, ?)")
        upsertHour = try HotStatement(db, sql: """
            INSERT INTO activity_hourly (group_id, hour, local_day, local_hour, messages, joins, leaves, removes, bans,
                checkins, claims, orders, order_fen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(group_id, hour) DO UPDATE SET messages = messages + excluded.messages, joins = joins + excluded.joins,
                leaves = leaves + excluded.leaves, removes = removes + excluded.removes, bans = bans + excluded.bans,
                checkins = checkins + excluded.checkins, claims = claims + excluded.claims, orders = orders + excluded.orders,
                order_fen = order_fen + excluded.order_fen
            """)
    }
}
