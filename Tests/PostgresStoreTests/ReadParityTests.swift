import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

/// The migrated demo read through both backends: every pane, insight and classifier read gives equal values.
final class ReadParityTests: XCTestCase {
    var demo: MigratedDemo!
    var sqlite: SQLiteStore { demo.sqlite }
    var postgres: PostgresStore { demo.postgres }
    let now = MigratedDemo.now
    var groupIDs: [String] { demo.community.groups.map(\.group.id) }

    override func setUpWithError() throws {
        demo = try MigratedDemo.shared()
    }

    func testPaneReadsAgree() throws {
        XCTAssertEqual(try postgres.memberCount(), try sqlite.memberCount())
        XCTAssertEqual(try postgres.memberCounts(), try sqlite.memberCounts())
        let activity = try postgres.activity(now: now, memberCounts: nil)
        XCTAssertEqual(activity, try sqlite.activity(now: now, memberCounts: nil))
        XCTAssertGreaterThan(activity.map(\.messagesToday).reduce(0, +), 0, "the demo's today should have messages")
        for later in [now.addingTimeInterval(5 * 3600), now.addingTimeInterval(-30 * 3600)] {
            XCTAssertEqual(try postgres.activity(now: later, memberCounts: nil), try sqlite.activity(now: later, memberCounts: nil))
        }
        let rates = try postgres.checkinRates(now: now, memberCounts: nil)
        XCTAssertEqual(rates, try sqlite.checkinRates(now: now, memberCounts: nil))
        XCTAssertGreaterThan(rates.map(\.checkedInYesterday).reduce(0, +), 0)
        let streaks = try postgres.checkinMembers(groupIDs: nil, now: now, limit: 500)
        XCTAssertEqual(streaks, try sqlite.checkinMembers(groupIDs: nil, now: now, limit: 500))
        XCTAssertFalse(streaks.isEmpty)
        XCTAssertEqual(
            try postgres.checkinMembers(groupIDs: Array(groupIDs.prefix(2)), now: now, limit: 7),
            try sqlite.checkinMembers(groupIDs: Array(groupIDs.prefix(2)), now: now, limit: 7))
        XCTAssertEqual(try postgres.stats(groupID: nil, since: nil, now: now), try sqlite.stats(groupID: nil, since: nil, now: now))
        let week = now.addingTimeInterval(-2 * 86_400)
        XCTAssertEqual(try postgres.stats(groupID: groupIDs[0], since: week, now: now), try sqlite.stats(groupID: groupIDs[0], since: week, now: now))
        XCTAssertThrowsError(try postgres.stats(groupID: "nope", since: nil, now: now))
        XCTAssertEqual(try postgres.openCaseCount(), try sqlite.openCaseCount())
        XCTAssertEqual(try postgres.openCaseCount(groupID: groupIDs[0]), try sqlite.openCaseCount(groupID: groupIDs[0]))
        let campaigns = try postgres.campaigns()
        XCTAssertEqual(campaigns, try sqlite.campaigns())
        XCTAssertFalse(campaigns.isEmpty)
        let delivery = try postgres.deliveryByGroup(now: now)
        XCTAssertEqual(delivery, try sqlite.deliveryByGroup(now: now))
        XCTAssertNotNil(delivery[groupIDs[1]]?.disconnected)
        XCTAssertEqual(try postgres.outboxCounts(), try sqlite.outboxCounts())
        XCTAssertEqual(try postgres.connectorStatuses(), try sqlite.connectorStatuses())
    }

    func testMemberListsAgree() throws {
        for group in groupIDs {
            let members = try postgres.members(groupID: group, limit: nil, offset: 0)
            XCTAssertEqual(members, try sqlite.members(groupID: group, limit: nil, offset: 0), group)
            XCTAssertEqual(try postgres.members(groupID: group, limit: 10, offset: 5), try sqlite.members(groupID: group, limit: 10, offset: 5))
            for member in members.prefix(3) {
                XCTAssertEqual(
                    try postgres.member(groupID: group, memberID: member.memberID), try sqlite.member(groupID: group, memberID: member.memberID))
            }
            XCTAssertEqual(
                try postgres.silentMembers(groupID: group, days: 2, now: now, limit: nil),
                try sqlite.silentMembers(groupID: group, days: 2, now: now, limit: nil), group)
            XCTAssertEqual(
                try postgres.silentMembers(groupID: group, days: 1, now: now, limit: 5),
                try sqlite.silentMembers(groupID: group, days: 1, now: now, limit: 5), group)
            for metric in [TopMetric.messages, .checkins, .orders, .invites] {
                XCTAssertEqual(
                    try postgres.top(groupID: group, by: metric, limit: 20, now: now), try sqlite.top(groupID: group, by: metric, limit: 20, now: now),
                    "\(group) \(metric)")
            }
            XCTAssertEqual(try postgres.staffActivity(groupID: group), try sqlite.staffActivity(groupID: group))
        }
        XCTAssertNil(try postgres.member(groupID: groupIDs[0], memberID: "nobody"))
        XCTAssertThrowsError(try postgres.silentMembers(groupID: "nope", days: 1, now: now, limit: nil))
    }

    func testCheckinHistoryAndDaysAgree() throws {
        for group in demo.community.groups.map(\.group) {
            XCTAssertEqual(
                try postgres.checkinHistory(groupID: group.id, days: 14, now: now), try sqlite.checkinHistory(groupID: group.id, days: 14, now: now))
            let yesterday = LocalDay(now, in: group.timeZone).adding(days: -1)
            let records = try postgres.checkins(groupID: group.id, day: yesterday)
            XCTAssertEqual(records, try sqlite.checkins(groupID: group.id, day: yesterday), group.id)
        }
        let first = demo.community.groups[0].group
        let yesterday = LocalDay(now, in: first.timeZone).adding(days: -1)
        XCTAssertTrue(try postgres.checkins(groupID: first.id, day: yesterday).contains { $0.makeup }, "the demo's 补签 was copied")
    }

    func testMemberProfilesAgree() throws {
        let first = demo.community.groups[0].group.id
        let tagged = try XCTUnwrap(try sqlite.members(groupID: first, limit: 1).first)
        let profile = try XCTUnwrap(try postgres.memberProfile(groupID: first, memberID: tagged.memberID, now: now))
        XCTAssertEqual(profile, try sqlite.memberProfile(groupID: first, memberID: tagged.memberID, now: now))
        XCTAssertEqual(profile.member.tags, [.vip, .koc])
        XCTAssertEqual(profile.notes.map(\.text), ["常买团购，周末活跃"])
        for group in groupIDs {
            for member in try sqlite.members(groupID: group, limit: 4) {
                XCTAssertEqual(
                    try postgres.memberProfile(groupID: group, memberID: member.memberID, now: now),
                    try sqlite.memberProfile(groupID: group, memberID: member.memberID, now: now), member.memberID)
                XCTAssertEqual(
                    try postgres.memberProfile(groupID: nil, memberID: member.memberID, now: now)?.member.groupID,
                    try sqlite.memberProfile(groupID: nil, memberID: member.memberID, now: now)?.member.groupID)
            }
        }
        let warned = try postgres.read { s in
            try s.query("SELECT group_id, member_id FROM warnings").map { [try $0.string("group_id"), try $0.string("member_id")] }
        }
        XCTAssertFalse(warned.isEmpty)
        for parts in warned {
            let profile = try postgres.memberProfile(groupID: parts[0], memberID: parts[1], now: now)
            XCTAssertEqual(profile, try sqlite.memberProfile(groupID: parts[0], memberID: parts[1], now: now))
            XCTAssertEqual(profile?.activeWarnings, 1)
        }
        XCTAssertNil(try postgres.memberProfile(groupID: nil, memberID: "nobody", now: now))
    }

    func testRulesAndClassifierAgree() throws {
        XCTAssertEqual(try postgres.ruleSet(), try sqlite.ruleSet())
        XCTAssertEqual(try postgres.ruleEngine().ruleSet, try sqlite.ruleEngine().ruleSet)
        XCTAssertEqual(try postgres.learnedSamples(limit: 100), try sqlite.learnedSamples(limit: 100))
        for group in groupIDs {
            XCTAssertEqual(try postgres.messageDecisions(groupID: group), try sqlite.messageDecisions(groupID: group), group)
        }
        let decisions = try groupIDs.flatMap { try postgres.messageDecisions(groupID: $0).values }
        XCTAssertTrue(decisions.contains(.spam) && decisions.contains(.ham), "\(decisions)")
        let a = try postgres.classifierSummary(topFeatures: 10)
        let b = try sqlite.classifierSummary(topFeatures: 10)
        XCTAssertEqual(a.admin, b.admin)
        XCTAssertEqual(a.file, b.file)
        XCTAssertEqual(a.seed, b.seed)
        XCTAssertEqual(a.removed, b.removed)
        XCTAssertEqual(a.lastTrained, b.lastTrained)
        XCTAssertEqual(a.features, b.features)
        XCTAssertEqual(a.topSpam, b.topSpam)
        XCTAssertEqual(a.topHam, b.topHam)
        XCTAssertEqual(a.file.spam, 2)
        for text in ["加微信领红包", "明天早上几点集合？", "免费代理"] {
            XCTAssertEqual(try postgres.classifier().assess(text), try sqlite.classifier().assess(text), text)
            XCTAssertEqual(
                try postgres.classifier(trainedBefore: now).assess(text), try sqlite.classifier(trainedBefore: now).assess(text), text)
        }
    }
}
