import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

/// The same campaign scenario on SQLite and on PostgreSQL, step by step: every answer, and in the end every budget,
/// ledger row, outbox command and audit entry, must be equal — both backends run QunCore's decisions.
final class CampaignParityTests: XCTestCase {
    static let created = date("2026-10-23T09:00:00+08:00")
    var sqlite: SQLiteStore!
    var postgres: PostgresStore!

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    override func setUpWithError() throws {
        sqlite = try SQLiteStore.temporary(name: "campaign-parity")
        postgres = try PostgresStore.temporary(name: "campaigns")
    }

    override func tearDownWithError() throws {
        try postgres?.dropSchema()
    }

    // MARK: the two stores in lockstep

    /// Runs `body` on both stores and asserts the answers (or the errors' words) are equal; returns SQLite's.
    @discardableResult
    func both<T: Equatable>(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ body: (any CampaignRepository) throws -> T) throws -> T? {
        let a = Result { try body(sqlite) }
        let b = Result { try body(postgres) }
        switch (a, b) {
        case let (.success(x), .success(y)):
            XCTAssertEqual(x, y, what, file: file, line: line)
            return x
        case let (.failure(x), .failure(y)):
            XCTAssertEqual("\(x)", "\(y)", what, file: file, line: line)
            return nil
        default:
            XCTFail("\(what): SQLite \(a), PostgreSQL \(b)", file: file, line: line)
            return nil
        }
    }

    /// Appends events to SQLite (which derives the members) and copies its groups, members and events to PostgreSQL
    /// row for row, so both stores hold the same facts. (The PostgreSQL event log is another role, not tested here.)
    func append(_ events: [Event]) throws {
        try sqlite.append(events, now: Self.created)
        try postgres.write { s in
            for group in try sqlite.groups() {
                try s.execute(
                    """
                    INSERT INTO groups (id, platform, name, timezone, owner_id, nickname_format, created_at, checkin_keywords)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                    """,
                    [.text(group.id), .text(group.platform.rawValue), .text(group.name), .text(group.timeZoneID), PGValue(group.ownerID),
                     PGValue(group.nicknameFormat), .double(group.createdAt.timeIntervalSince1970),
                     PGValue(group.checkinKeywords?.joined(separator: ","))])
                for m in try sqlite.members(groupID: group.id) {
                    try s.execute(
                        """
                        INSERT INTO members (group_id, member_id, display_name, nickname, name_at, role, status, status_at, joined_at,
                            first_seen, last_seen, message_count, checkin_count)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                        ON CONFLICT (group_id, member_id) DO UPDATE SET display_name = excluded.display_name, nickname = excluded.nickname,
                            role = excluded.role, status = excluded.status, joined_at = excluded.joined_at, message_count = excluded.message_count,
                            checkin_count = excluded.checkin_count
                        """,
                        [.text(m.groupID), .text(m.memberID), .text(m.displayName), PGValue(m.nickname), .double(m.lastSeen.timeIntervalSince1970),
                         .text(m.role.rawValue), .text(m.status.rawValue), .double(m.lastSeen.timeIntervalSince1970),
                         PGValue(m.joinedAt?.timeIntervalSince1970), .double(m.firstSeen.timeIntervalSince1970),
                         .double(m.lastSeen.timeIntervalSince1970), .int(Int64(m.messageCount)), .int(Int64(m.checkinCount))])
                }
            }
            try sqlite.forEachEvent { e in
                try s.execute(
                    """
                    INSERT INTO events (source, external_id, group_id, ts, kind, member_id, member_name, text, actor_id, via, reply_to,
                        amount_fen, campaign_id, raw, ingested_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $4) ON CONFLICT DO NOTHING
                    """,
                    [.text(e.source), .text(e.externalID), .text(e.groupID), .double(e.timestamp.timeIntervalSince1970), .text(e.kind.rawValue),
                     .text(e.memberID), PGValue(e.memberName), PGValue(e.text), PGValue(e.actorID), PGValue(e.via?.rawValue), PGValue(e.replyTo),
                     PGValue(e.amount?.fen), PGValue(e.campaignID), PGValue(e.raw)])
            }
            // Ingest books each red-packet claim naming a campaign: copy those rows under their own ids.
            for plan in try sqlite.campaignPlans() {
                for entry in try sqlite.campaignLedger(id: plan.id) where entry.kind == .redPacket {
                    try s.execute(
                        """
                        INSERT INTO ledger (id, campaign_id, kind, amount_fen, member_id, group_id, note, recorded_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                        """,
                        [.int(entry.id), .text(entry.campaignID), .text(entry.kind.rawValue), .int(entry.amount.fen), PGValue(entry.memberID),
                         PGValue(entry.groupID), PGValue(entry.note), .double(entry.recordedAt.timeIntervalSince1970)])
                }
            }
            try s.execute("SELECT setval(pg_get_serial_sequence('ledger', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ledger), false)")
        }
    }

    func event(_ kind: EventKind, _ member: String, in group: String, at: Date, amount: Money? = nil, campaign: String? = nil) -> Event {
        Event(
            source: "test", externalID: "\(kind.rawValue)-\(group)-\(member)-\(Int(at.timeIntervalSince1970))", groupID: group, timestamp: at,
            kind: kind, memberID: member, memberName: "成员\(member)", text: kind == .message ? "你好" : nil, amount: amount, campaignID: campaign)
    }

    /// Ticks every `step` from `from` through `through`, comparing each tick's reports.
    func tick(from: Date, through: Date, step: TimeInterval = 1800) throws {
        var now = from
        while now <= through {
            try both("runDue at \(now)") { try $0.runDue(now: now, actor: "scheduler") }
            now.addTimeInterval(step)
        }
    }

    // MARK: the scenario

    func testTheSameCampaignScenarioGivesTheSameResultsOnBothBackends() throws {
        let created = Self.created
        let hour: TimeInterval = 3600
        try sqlite.saveGroup(Group(id: "sh", name: "上海群", timeZoneID: "Asia/Shanghai", createdAt: created.addingTimeInterval(-30 * 86_400)))
        try sqlite.saveGroup(Group(id: "be", name: "Berlin 华人群", timeZoneID: "Europe/Berlin", createdAt: created.addingTimeInterval(-30 * 86_400)))
        let joined = created.addingTimeInterval(-10 * 86_400)
        var history: [Event] = []
        for n in 1...8 {
            history.append(event(.join, "m\(n)", in: "sh", at: joined.addingTimeInterval(Double(n))))
            for k in 0..<(n % 2 == 0 ? 4 : 1) {
                history.append(event(.message, "m\(n)", in: "sh", at: joined.addingTimeInterval(Double(3600 * (k + 1) + n))))
            }
        }
        try append(history)

        // A flash sale in both groups on a budget of five packets, a hand-triggered red packet with a best-luck prize,
        // a lottery and a welcome; one id twice.
        var flash = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["sh", "be"], now: created, id: "fs")
        flash.schedule.startsAt = created
        flash.schedule.endsAt = created.addingTimeInterval(2 * 86_400)
        flash.budget = Money(fen: 1_250)
        var packet = CampaignTemplate(.redPacket).defaultPlan(name: "红包", groups: ["sh"], now: created, id: "rp")
        if case var .redPacket(r) = packet.rules {
            r.slots = 2
            r.prizeValue = Money(fen: 500)
            packet.rules = .redPacket(r)
        }
        packet.budget = Money(fen: 2_000)
        var lottery = CampaignTemplate(.lottery).defaultPlan(name: "抽奖", groups: ["sh"], now: created, id: "lot")
        lottery.budget = Money(fen: 4 * 19_900)  // three prizes and one re-drawn
        let welcome = CampaignTemplate(.welcome).defaultPlan(name: "欢迎", groups: ["be"], now: created, id: "wel")
        for plan in [flash, packet, lottery, welcome] {
            try both("create \(plan.id)") { try $0.createCampaign(plan, draft: false, actor: "alice", now: created) }
        }
        try both("create a taken id") { try $0.createCampaign(packet, draft: true, actor: "bob", now: created) }
        try both("create with an unknown group") { store -> CampaignPlan in
            var bad = packet
            bad.groupIDs = ["nope"]
            return try store.createCampaign(bad, draft: false, actor: "bob", now: created)
        }

        try tick(from: created, through: created.addingTimeInterval(2 * hour))
        try both("trigger the red packet") { try $0.triggerCampaign(id: "rp", actor: "alice", now: created.addingTimeInterval(2 * hour + 60), seed: nil) }
        let drop = created.addingTimeInterval(2 * hour + 60)
        try append([
            event(.redpacketClaim, "m1", in: "sh", at: drop.addingTimeInterval(10), amount: Money(fen: 120), campaign: "rp"),
            event(.redpacketClaim, "m2", in: "sh", at: drop.addingTimeInterval(20), amount: Money(fen: 180), campaign: "rp"),
            event(.redpacketClaim, "m3", in: "sh", at: created.addingTimeInterval(hour + 30), amount: Money(fen: 250), campaign: "fs"),
            event(.join, "newbie", in: "be", at: created.addingTimeInterval(5 * hour)),
        ])
        try both("draw the lottery with a fixed seed") { try $0.triggerCampaign(id: "lot", actor: "alice", now: created.addingTimeInterval(3 * hour), seed: 42) }
        try both("trigger an already drawn lottery") { try $0.triggerCampaign(id: "lot", actor: "alice", now: created.addingTimeInterval(3 * hour), seed: 1) }
        try both("re-draw one winner") { store -> LotteryDraw? in
            try store.drawLottery(campaignID: "lot", seed: 7, winners: 1, actor: "alice", now: created.addingTimeInterval(3 * hour + 60)).draw
        }
        try both("the draws") { try $0.lotteryDraws(campaignID: "lot") }

        try tick(from: created.addingTimeInterval(2.5 * hour), through: created.addingTimeInterval(24 * hour))
        try both("resume the flash sale") { try $0.transitionCampaign(id: "fs", command: .resume, actor: "bob", reason: "more budget tomorrow", now: created.addingTimeInterval(25 * hour)) }
        try tick(from: created.addingTimeInterval(25 * hour), through: created.addingTimeInterval(36 * hour))

        let beforeCancel = created.addingTimeInterval(36.5 * hour)
        let held = try both("the budget before the cancel") { try $0.campaignBudget(id: "fs", now: beforeCancel) }
        try both("cancel the flash sale") { try $0.transitionCampaign(id: "fs", command: .cancel, actor: "bob", reason: "sold out", now: beforeCancel) }
        let freed = try both("the budget after the cancel") { try $0.campaignBudget(id: "fs", now: beforeCancel) }
        XCTAssertGreaterThan(held?.reserved ?? .zero, .zero, "the scenario should have packets reserved before the cancel")
        XCTAssertLessThan(freed?.reserved ?? .zero, held?.reserved ?? .zero, "cancelling frees what the packets still queued reserved")
        try both("trigger a cancelled campaign") { try $0.triggerCampaign(id: "fs", actor: "bob", now: beforeCancel, seed: nil) }
        try tick(from: created.addingTimeInterval(37 * hour), through: created.addingTimeInterval(60 * hour), step: 3 * hour)

        for id in ["fs", "rp", "lot", "wel", "rp-2"] {
            try both("\(id): ledger") { try $0.campaignLedger(id: id) }
            try both("\(id): outbox") { try $0.campaignOutbox(id: id) }
            try both("\(id): audit") { try $0.campaignAudit(id: id) }
            try both("\(id): budget") { try $0.campaignBudget(id: id, now: created.addingTimeInterval(60 * hour)) }
            try both("\(id): cursor") { try $0.campaignLastRun(id: id) }
        }
        try both("the plans") { try $0.campaignPlans() }
        let facts = try XCTUnwrap(sqlite.campaignPlan(id: "rp"))
        try both("the reward facts") { store -> [Event] in try store.campaignFacts(plan: facts, now: created.addingTimeInterval(60 * hour)).events }
        try both("the entrants") { try $0.lotteryEntrants(groupIDs: ["sh"]) }

        // The scenario did reach every path it is meant to compare.
        let ledger = try sqlite.campaignLedger(id: "rp") + sqlite.campaignLedger(id: "lot")
        XCTAssertEqual(ledger.filter { $0.kind == .prize }.count, 5, "one best-luck prize, three lottery prizes and one re-drawn")
        XCTAssertTrue(try sqlite.campaignAudit(id: "fs").contains { $0.action == "campaign pause" && ($0.reason ?? "").contains("budget") })
        XCTAssertTrue(try sqlite.campaignOutbox(id: "wel").contains { $0.purpose == MessagePurpose.welcome.rawValue })
        XCTAssertTrue(try sqlite.campaignOutbox(id: "fs").contains { $0.state == .cancelled })
    }
}
