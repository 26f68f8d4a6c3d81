import Foundation
import XCTest

@testable import QunCore

/// What an event causes, decided without a store: the history a test hands over is all the decision sees,
/// and the questions it asks of it are recorded.
final class EventConsequencesTests: XCTestCase {
    private let shanghai = GroupFacts(zone: TimeZone(identifier: "Asia/Shanghai")!)
    /// When the events are applied: after they were sent.
    private var now: Date { time("2026-11-23T12:00:00+08:00") }

    /// A history that answers from values and remembers which questions were asked.
    final class FakeHistory: IngestHistory {
        var messageTimes: [Double] = []
        var latestMessage: RecentMessage?
        var floodCase = false
        var record = MemberCaseRecord(cases: 0, renamedAt: nil)
        var checkinDays: [Int] = []
        private(set) var asked: [String] = []

        func messageTimes(groupID: String, memberID: String, after: Double, before: Double) throws -> [Double] {
            asked.append("messageTimes")
            return messageTimes.filter { $0 > after && $0 < before }
        }
        func latestMessage(
            groupID: String, memberID: String, from: Double, through: Double, excludingSource source: String, externalID: String
        ) throws -> RecentMessage? {
            asked.append("latestMessage")
            return latestMessage
        }
        func hasFloodCase(groupID: String, memberID: String, since: Double) throws -> Bool {
            asked.append("hasFloodCase")
            return floodCase
        }
        func caseRecord(groupID: String, memberID: String) throws -> MemberCaseRecord {
            asked.append("caseRecord")
            return record
        }
        func checkinDays(groupID: String, memberID: String) throws -> [Int] {
            asked.append("checkinDays")
            return checkinDays
        }
    }

    private func time(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    private func event(
        _ id: String, _ kind: EventKind, at text: String, member: String = "u1", name: String? = nil, says: String? = nil,
        amount: Money? = nil, campaign: String? = nil, role: MemberRole? = nil, via: JoinSource? = nil
    ) -> Event {
        Event(
            source: "t", externalID: id, groupID: "g1", timestamp: time(text), kind: kind, memberID: member, memberName: name,
            memberRole: role, text: says, via: via, amount: amount, campaignID: campaign)
    }

    private func settings(_ rules: RuleSettings = RuleSettings(), groups: [String: RuleSettings] = [:]) -> ContentSettings {
        ContentSettings(rules: RuleEngine(ruleSet: RuleSet(defaults: rules, groups: groups)))
    }

    /// A member who joined on 1 November, with `messages` messages counted and the last at `lastMessage`.
    private func member(lastMessage: String? = nil, messages: Int = 0, streak: StreakState = StreakState(), role: MemberRole = .member)
        -> MemberFacts
    {
        let joined = time("2026-11-01T08:00:00+08:00")
        return MemberFacts(
            membership: MembershipState(role: role, status: .active, statusAt: joined, joinedAt: joined),
            firstSeen: joined.timeIntervalSince1970, lastMessageAt: lastMessage.map { time($0).timeIntervalSince1970 }, messageCount: messages,
            streak: streak)
    }

    private func decide(
        _ event: Event, member: MemberFacts?, group: GroupFacts? = nil, settings: ContentSettings? = nil, history: FakeHistory = FakeHistory()
    ) throws -> EventConsequences {
        try EventConsequences.of(event, member: member, group: group ?? shanghai, settings: settings ?? self.settings(), now: now, history: history)
    }

    // MARK: members and rollups

    func testAFirstMessageCreatesTheMemberAndCountsWithoutAskingTheStore() throws {
        let history = FakeHistory()
        let message = event("m1", .message, at: "2026-11-23T08:15:00+08:00", name: "阿花", says: "今天天气不错")
        let c = try decide(message, member: nil, history: history)
        XCTAssertTrue(c.createsMember)
        XCTAssertNil(c.membership, "a message changes no membership")
        XCTAssertEqual(c.member.membership.status, .active)
        XCTAssertEqual(c.member.messageCount, 1)
        XCTAssertEqual(c.member.lastMessageAt, message.timestamp.timeIntervalSince1970)
        XCTAssertEqual(c.counts.messages, 1)
        XCTAssertEqual(c.counts.firstName, "阿花")
        XCTAssertEqual(c.hour?.counts.messages, 1)
        XCTAssertEqual(c.hour?.hour, Int(message.timestamp.timeIntervalSince1970 / 3600))
        XCTAssertNil(c.checkin)
        XCTAssertTrue(c.moderation.isEmpty)
        XCTAssertFalse(c.flagged)
        XCTAssertEqual(history.asked, [], "clean text from a quiet member needs nothing stored")
    }

    func testAJoinChangesMembershipSettlesTheRequestAndCountsForTheCampaign() throws {
        let join = event("j", .join, at: "2026-11-23T09:00:00+08:00", campaign: "referral", via: .inviteLink)
        let c = try decide(join, member: nil)
        XCTAssertEqual(c.membership?.joinedAt, join.timestamp)
        XCTAssertEqual(c.membership?.joinSource, .inviteLink)
        XCTAssertEqual(c.member.membership, c.membership)
        XCTAssertEqual(c.settlesJoinRequest, JoinRequestSettlement(join, resolution: "joined"))
        XCTAssertEqual(c.hour?.counts.joins, 1)
        XCTAssertEqual(c.campaignStat, CampaignStatIncrement(campaignID: "referral", column: .joins))
        XCTAssertFalse(c.makesOwner)
    }

    func testAnOwnerRoleMakesTheMemberTheGroupsOwner() throws {
        let c = try decide(event("o", .message, at: "2026-11-23T09:00:00+08:00", says: "大家好", role: .owner), member: member())
        XCTAssertEqual(c.membership?.role, .owner)
        XCTAssertTrue(c.makesOwner)
        XCTAssertTrue(c.member.isStaff)
    }

    func testADepartureSettlesARequestWithItsKind() throws {
        let ban = event("b", .ban, at: "2026-11-23T09:00:00+08:00")
        let c = try decide(ban, member: member())
        XCTAssertEqual(c.membership?.status, .banned)
        XCTAssertEqual(c.settlesJoinRequest?.resolution, "ban")
        XCTAssertEqual(c.hour?.counts.bans, 1)
        XCTAssertNil(c.campaignStat)
    }

    func testAClaimBooksTheLedgerAndCounts() throws {
        let claim = event("c", .redpacketClaim, at: "2026-11-23T20:00:00+08:00", amount: Money(fen: 88), campaign: "flash")
        let c = try decide(claim, member: member())
        XCTAssertEqual(c.claim, ClaimLedgerEntry(campaignID: "flash", amount: Money(fen: 88), memberID: "u1", groupID: "g1", claimedAt: claim.timestamp))
        XCTAssertEqual(c.counts.claims, 1)
        XCTAssertEqual(c.hour?.counts.claims, 1)
        XCTAssertEqual(c.campaignStat?.column, .claims)
        XCTAssertNil(try decide(event("c2", .redpacketClaim, at: "2026-11-23T20:00:00+08:00", amount: Money(fen: 88)), member: member()).claim,
                     "a claim that names no campaign books nothing")
    }

    func testAnOrderAddsItsAmount() throws {
        let c = try decide(event("o", .order, at: "2026-11-23T20:00:00+08:00", amount: Money(fen: 1990)), member: member())
        XCTAssertEqual(c.counts.orders, 1)
        XCTAssertEqual(c.counts.orderFen, 1990)
        XCTAssertEqual(c.hour?.counts.orderFen, 1990)
    }

    // MARK: check-ins

    func testACheckinOnTheNextLocalDayExtendsTheStreak() throws {
        // 23:30 UTC on the 22nd is already the 23rd in Shanghai.
        let greeting = event("m", .message, at: "2026-11-22T23:30:00Z", says: "早安")
        let day = LocalDay(greeting.timestamp, in: shanghai.zone)
        XCTAssertEqual(day, LocalDay(time("2026-11-23T12:00:00+08:00"), in: shanghai.zone))
        let history = FakeHistory()
        let c = try decide(greeting, member: member(streak: StreakState(current: 4, longest: 6, lastDay: day.number - 1)), history: history)
        XCTAssertEqual(c.checkin, CheckinWrite(greeting, day: day, isNew: true))
        XCTAssertEqual(c.member.streak, StreakState(current: 5, longest: 6, lastDay: day.number))
        XCTAssertEqual(c.counts.checkins, 1)
        XCTAssertTrue(c.counts.streakChanged)
        XCTAssertEqual(c.hour?.counts.messages, 1)
        XCTAssertEqual(c.hour?.counts.checkins, 1)
        XCTAssertEqual(history.asked, [], "a day after the last one is new without looking")
    }

    func testTheSameDayAgainKeepsOnlyTheEarliestTime() throws {
        let checkin = event("k", .checkin, at: "2026-11-23T07:00:00+08:00")
        let day = LocalDay(checkin.timestamp, in: shanghai.zone)
        let history = FakeHistory()
        history.checkinDays = [day.number - 1, day.number]
        let c = try decide(checkin, member: member(streak: StreakState(current: 2, longest: 2, lastDay: day.number)), history: history)
        XCTAssertEqual(c.checkin?.isNew, false)
        XCTAssertEqual(c.member.streak, StreakState(current: 2, longest: 2, lastDay: day.number))
        XCTAssertEqual(c.counts.checkins, 0)
        XCTAssertNil(c.hour, "a repeated check-in adds nothing to the hour")
        XCTAssertEqual(history.asked, ["checkinDays"])
    }

    func testADayArrivingOutOfOrderRecountsTheStreak() throws {
        let late = event("k", .checkin, at: "2026-11-21T07:00:00+08:00")
        let day = LocalDay(late.timestamp, in: shanghai.zone).number
        let history = FakeHistory()
        history.checkinDays = [day - 2, day - 1, day + 1, day + 2]
        let c = try decide(late, member: member(streak: StreakState(current: 2, longest: 2, lastDay: day + 2)), history: history)
        XCTAssertEqual(c.checkin?.isNew, true)
        XCTAssertEqual(c.member.streak, StreakState(current: 5, longest: 5, lastDay: day + 2), "the gap filled joins both runs")
        XCTAssertEqual(c.hour?.counts.checkins, 1)
        XCTAssertEqual(c.campaignStat, nil)
    }

    func testAGroupsOwnKeywordsDecideWhatIsACheckin() throws {
        let cheer = event("m", .message, at: "2026-11-23T07:00:00+08:00", says: "冲鸭")
        XCTAssertNil(try decide(cheer, member: member()).checkin)
        let own = ContentSettings(rules: RuleEngine(), groupCheckins: ["g1": CheckinDetector(keywords: ["冲鸭"])])
        XCTAssertEqual(try decide(cheer, member: member(), settings: own).checkin?.isNew, true)
    }

    // MARK: moderation

    func testAJoinRequestIsQueuedAndSaysWhenTheNameDoesNotFit() throws {
        let format = GroupFacts(zone: shanghai.zone, nicknameFormat: "城市+社区+名字")
        let fits = try decide(event("r1", .joinRequest, at: "2026-11-23T08:00:00+08:00", name: "郑州+金水+小李"), member: nil, group: format)
        guard case let .open(plain)? = fits.moderation.first else { return XCTFail("a join request is queued") }
        XCTAssertEqual(plain.kind, .joinRequest)
        XCTAssertNil(plain.rule)
        XCTAssertEqual(plain.ruleKey, "")
        XCTAssertEqual(plain.severity, 2)
        XCTAssertEqual(fits.membership?.role, .pending)
        XCTAssertNil(fits.hour, "requests are not activity")

        let misfit = try decide(event("r2", .joinRequest, at: "2026-11-23T08:00:00+08:00", name: "Lucky🍀"), member: nil, group: format)
        guard case let .open(draft)? = misfit.moderation.first else { return XCTFail("a join request is queued") }
        XCTAssertEqual(draft.rule, "nickname_format")
        XCTAssertEqual(draft.severity, 3)
        XCTAssertTrue(draft.reason.hasPrefix("join request · nickname should be 城市+社区+名字"), draft.reason)
        XCTAssertFalse(misfit.flagged, "a request is queued anyway; it is not a finding")
    }

    func testARenameThatDoesNotFitIsFlagged() throws {
        let format = GroupFacts(zone: shanghai.zone, nicknameFormat: "城市+社区+名字")
        let c = try decide(event("n", .rename, at: "2026-11-23T09:00:00+08:00", name: "快乐每一天🌸"), member: member(), group: format)
        XCTAssertTrue(c.flagged)
        guard case let .open(draft)? = c.moderation.first else { return XCTFail("the misfit is queued") }
        XCTAssertEqual(draft.kind, .flaggedMessage)
        XCTAssertEqual(draft.evidence, "快乐每一天🌸")
        XCTAssertEqual(c.counts.newestName, "快乐每一天🌸")
    }

    func testALinkIsQueuedWithTheLinkAsEvidence() throws {
        let c = try decide(event("m", .message, at: "2026-11-23T09:00:00+08:00", says: "看这个 https://spam.example.com/x"), member: member())
        XCTAssertTrue(c.flagged)
        guard case let .open(draft)? = c.moderation.first else { return XCTFail("the link is queued") }
        XCTAssertEqual(draft.rule, "link")
        XCTAssertEqual(draft.eventExternalID, "m")
        XCTAssertEqual(draft.createdAt, time("2026-11-23T09:00:00+08:00"))
    }

    func testStaffLinksPassAndTheClassifierIsNotAsked() throws {
        let history = FakeHistory()
        let c = try decide(
            event("m", .message, at: "2026-11-23T09:00:00+08:00", says: "团购链接 https://shop.example.cn/p/1 加微信领优惠"),
            member: member(role: .owner), history: history)
        XCTAssertTrue(c.moderation.isEmpty)
        XCTAssertFalse(history.asked.contains("caseRecord"))
    }

    func testABurstIsMutedOnceAndTheStoreIsAskedForTheBurst() throws {
        var rules = RuleSettings()
        rules.flood = FloodSettings(messages: 3, seconds: 10)
        let history = FakeHistory()
        history.messageTimes = [time("2026-11-23T08:00:02+08:00").timeIntervalSince1970, time("2026-11-23T08:00:04+08:00").timeIntervalSince1970]
        let third = event("f3", .message, at: "2026-11-23T08:00:06+08:00", says: "冲冲冲")
        let c = try decide(third, member: member(lastMessage: "2026-11-23T08:00:04+08:00"), settings: settings(rules), history: history)
        // A short message right after another may be the second half of a contact id, so that is looked up too.
        XCTAssertEqual(history.asked, ["latestMessage", "messageTimes", "hasFloodCase"])
        guard case let .openAndAct(draft, action, _, at)? = c.moderation.first else { return XCTFail("the flood is acted on") }
        XCTAssertEqual(draft.rule, "flood")
        XCTAssertEqual(action, .mute(seconds: 600), "the standard flood action: ten minutes' mute")
        XCTAssertEqual(at, now, "acted on when the events are applied, not before the message was sent")

        history.floodCase = true
        let fourth = event("f4", .message, at: "2026-11-23T08:00:08+08:00", says: "冲冲冲")
        let again = try decide(fourth, member: c.member, settings: settings(rules), history: history)
        XCTAssertTrue(again.moderation.isEmpty, "one case per burst")
        XCTAssertTrue(again.flagged, "the burst is still a finding")
    }

    func testAMemberQuietForLongerThanTheWindowIsNotLookedUp() throws {
        var rules = RuleSettings()
        rules.flood = FloodSettings(messages: 3, seconds: 10)
        let history = FakeHistory()
        let c = try decide(
            event("m", .message, at: "2026-11-23T08:10:00+08:00", says: "慢慢聊"), member: member(lastMessage: "2026-11-23T08:05:00+08:00"),
            settings: settings(rules), history: history)
        XCTAssertTrue(c.moderation.isEmpty)
        XCTAssertEqual(history.asked, [])
    }

    func testALogOnlyRuleWritesAnAuditEntryInsteadOfACase() throws {
        var rules = RuleSettings()
        rules.link = LinkSettings(action: .log)
        let c = try decide(event("m", .message, at: "2026-11-23T09:00:00+08:00", says: "看这个 https://spam.example.com/x"), member: member(),
                           settings: settings(rules))
        guard case let .log(entry)? = c.moderation.first else { return XCTFail("the finding is logged") }
        XCTAssertEqual(entry.actor, ModerationStep.automaticActor)
        XCTAssertEqual(entry.action, "rule link")
        XCTAssertEqual(entry.at, now)
        XCTAssertTrue(entry.reason?.hasSuffix(" (logged)") == true)
    }

    func testTheSecondHalfOfASplitContactIdIsJudgedWithTheFirst() throws {
        let history = FakeHistory()
        history.latestMessage = RecentMessage(text: "加我 vx abc", groupID: "g1", sentAt: time("2026-11-23T08:00:00+08:00"))
        let c = try decide(
            event("m2", .message, at: "2026-11-23T08:00:30+08:00", says: "123456"), member: member(lastMessage: "2026-11-23T08:00:00+08:00"),
            history: history)
        XCTAssertTrue(history.asked.contains("latestMessage"))
        XCTAssertTrue(c.flagged)
    }

    /// A message scored 0.8: spam for members held to the strict threshold (0.7: new, or just renamed), not
    /// for others (0.9). Only such a suspicion asks for the member's record.
    func testTheClassifierHoldsNewAndRenamedMembersToTheStrictThreshold() throws {
        let classifierOn = settings(RuleSettings(classifier: ClassifierSettings(enabled: true)))
        let message = event("m", .message, at: "2026-11-23T09:00:00+08:00", says: "今天的团购大家看看")
        let base = try XCTUnwrap(classifierOn.analyze(message))
        let suspicious = MessageAnalysis(
            isCheckin: false, findings: base.findings, assessment: SpamAssessment(probability: 0.8, similar: SimilarityEvidence(count: 0, nearest: [])))

        let longStanding = FakeHistory()
        let kept = try EventConsequences.of(
            message, member: member(messages: 1), group: shanghai, analysis: suspicious, settings: classifierOn, now: now, history: longStanding)
        XCTAssertTrue(kept.moderation.isEmpty)
        XCTAssertEqual(longStanding.asked, ["caseRecord"])

        let renamed = FakeHistory()
        renamed.record = MemberCaseRecord(cases: 0, renamedAt: time("2026-11-23T08:00:00+08:00").timeIntervalSince1970)
        let flagged = try EventConsequences.of(
            message, member: member(messages: 1), group: shanghai, analysis: suspicious, settings: classifierOn, now: now, history: renamed)
        guard case let .open(draft)? = flagged.moderation.first else { return XCTFail("a renamed member's suspicious message is queued") }
        XCTAssertEqual(draft.rule, "classifier")
        XCTAssertEqual(draft.reason, "looks like spam 0.80")

        let newcomer = try EventConsequences.of(
            message, member: nil, group: shanghai, analysis: suspicious, settings: classifierOn, now: now, history: FakeHistory())
        XCTAssertEqual(newcomer.moderation.count, 1, "a member first seen by this message is new")

        let clean = MessageAnalysis(
            isCheckin: false, findings: base.findings, assessment: SpamAssessment(probability: 0.1, similar: SimilarityEvidence(count: 0, nearest: [])))
        let unsuspected = FakeHistory()
        _ = try EventConsequences.of(
            message, member: member(messages: 1), group: shanghai, analysis: clean, settings: classifierOn, now: now, history: unsuspected)
        XCTAssertEqual(unsuspected.asked, [])
    }

    // MARK: merging

    func testMergedDeltasAreTheRowEventByEventWouldGive() {
        let events = [
            event("a", .message, at: "2026-11-21T08:00:00+08:00", name: "阿花", says: "hi"),
            event("b", .message, at: "2026-11-21T09:00:00+08:00", name: "阿花🌸", says: "hi"),
            event("c", .message, at: "2026-11-20T09:00:00+08:00", name: "旧名", says: "hi"),
            event("d", .order, at: "2026-11-22T10:00:00+08:00", amount: Money(fen: 1990)),
        ]
        var merged = MemberDelta(events[0])
        for e in events.dropFirst() { merged.absorb(MemberDelta(e)) }
        XCTAssertEqual(merged.firstName, "阿花")
        XCTAssertEqual(merged.newestName, "阿花🌸", "the newest by event time, not the last applied")
        XCTAssertEqual(merged.messages, 3)
        XCTAssertEqual(merged.orderFen, 1990)
        XCTAssertEqual(merged.firstSeen, events[2].timestamp.timeIntervalSince1970)
        XCTAssertEqual(merged.lastSeen, events[3].timestamp.timeIntervalSince1970)
        XCTAssertEqual(merged.lastMessageAt, events[1].timestamp.timeIntervalSince1970)
    }

    func testTheRollupSumsAnHourOnceInTheGroupsZone() throws {
        var rollup = HourlyRollup()
        for minute in [5, 25, 45] {
            rollup.add(try XCTUnwrap(HourlyIncrement(event("m\(minute)", .message, at: "2026-11-23T23:\(minute):00+08:00"))), zone: shanghai.zone)
        }
        XCTAssertEqual(rollup.rows.count, 1)
        let row = try XCTUnwrap(rollup.rows.values.first)
        XCTAssertEqual(row.counts.messages, 3)
        XCTAssertEqual(row.localHour, 23)
        XCTAssertEqual(row.localDay, LocalDay(time("2026-11-23T12:00:00+08:00"), in: shanghai.zone).number)
    }
}
