import Foundation
import XCTest

/// `qundeck campaign …` and `qundeck run` against the real binary on a copy of the seed-7 demo store.
final class CampaignEndToEndTests: XCTestCase {
    var scratch: ScratchDirectory!
    var store = ""

    override func setUpWithError() throws {
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "campaign")
        store = try DemoStoreTemplate.shared.copy(into: scratch)
    }

    override func tearDown() {
        scratch?.remove()
    }

    @discardableResult
    func qundeck(_ args: [String], expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        let result = try CLI.run(args + ["--store", store], in: scratch)
        XCTAssertEqual(result.status, status, "qundeck \(args.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result
    }

    func campaignItems(_ id: String) throws -> [[String: Any]] {
        let items = try CLI.json(try qundeck(["outbox", "--json"])) as? [[String: Any]] ?? []
        return items.filter { ($0["idempotency_key"] as? String)?.hasPrefix("campaign:\(id):") ?? false }
    }

    func status(_ id: String) throws -> String? {
        let rows = try CLI.json(try qundeck(["campaign", "list", "--json"])) as? [[String: Any]] ?? []
        let row = rows.first { (($0["campaign"] as? [String: Any])?["id"] as? String) == id }
        return (row?["campaign"] as? [String: Any])?["status"] as? String
    }

    func testNextRunIsShownInTheGroupsZoneAndNamesItWhateverTheHostZone() throws {
        let result = try CLI.run(
            ["campaign", "list", "--now", "2026-11-23T12:00:00+08:00", "--store", store], in: scratch, environment: ["TZ": "America/New_York"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let preview = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("preview-daily") }, result.stdout)
        XCTAssertTrue(preview.contains("2026-11-23 20:00 Asia/Shanghai"), "20:00 in the groups' zone, named:\n\(preview)")
        let lottery = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("lottery-1212") }, result.stdout)
        XCTAssertTrue(lottery.contains("Europe/Berlin"), "the Berlin group's run is in Berlin time:\n\(lottery)")
    }

    func testNewListTriggerOutboxPauseResumeCancel() throws {
        let now = "2026-11-23T12:00:00+08:00"
        let created = try qundeck([
            "campaign", "new", "--template", "red-packet", "--name", "午间红包", "--groups", DemoFixture.jinshuiGroupID, "--budget", "30",
            "--now", now,
        ])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(id, "red_packet-20261123-1200")
        XCTAssertTrue(created.stderr.contains("scheduled"), created.stderr)

        let list = try qundeck(["campaign", "list", "--now", now])
        XCTAssertTrue(list.stdout.contains(id) && list.stdout.contains("午间红包"), list.stdout)
        XCTAssertEqual(try status(id), "scheduled")

        let trigger = try qundeck(["campaign", "trigger", id, "--now", now])
        XCTAssertTrue(trigger.stderr.contains("queued 1"), trigger.stderr)
        let items = try campaignItems(id)
        XCTAssertEqual(items.count, 1)
        // The typed outbox command (`outbox --json`): type, and the amount in fen as a number.
        let command = items.first?["command"] as? [String: Any]
        XCTAssertEqual(command?["type"] as? String, "send_red_packet")
        XCTAssertEqual(items.first?["group_id"] as? String, DemoFixture.jinshuiGroupID)
        XCTAssertEqual(command?["amount_fen"] as? Int, 300, "\(items)")
        XCTAssertEqual(items.first?["state"] as? String, "pending")
        XCTAssertEqual(try status(id), "running")

        let show = try qundeck(["campaign", "show", id, "--now", now])
        XCTAssertTrue(show.stdout.contains("outbox (1)"), show.stdout)
        XCTAssertTrue(show.stdout.contains("campaign trigger"), show.stdout)
        let showJSON = try CLI.json(try qundeck(["campaign", "show", id, "--json", "--now", now])) as? [String: Any]
        XCTAssertEqual((showJSON?["outbox"] as? [Any])?.count, 1)
        XCTAssertEqual(showJSON?["budget_fen"] as? Int, 3000)
        XCTAssertEqual(showJSON?["reserved_fen"] as? Int, 300)

        try qundeck(["campaign", "pause", id, "--reason", "午休", "--now", now])
        XCTAssertEqual(try status(id), "paused")
        let refused = try qundeck(["campaign", "trigger", id, "--now", now], expect: 1)
        XCTAssertTrue(refused.stderr.contains("resume it before triggering"), refused.stderr)
        XCTAssertEqual(try campaignItems(id).first?["state"] as? String, "held", "a paused campaign's red packet waits")
        try qundeck(["campaign", "resume", id, "--now", now])
        XCTAssertEqual(try status(id), "running")
        XCTAssertEqual(try campaignItems(id).first?["state"] as? String, "pending", "resuming releases it")
        try qundeck(["campaign", "cancel", id, "--now", now])
        XCTAssertEqual(try status(id), "cancelled")
        XCTAssertEqual(try campaignItems(id).first?["state"] as? String, "cancelled", "cancelling stops the unsent red packet")
        let cancelled = try CLI.json(try qundeck(["campaign", "show", id, "--json", "--now", now])) as? [String: Any]
        XCTAssertEqual(cancelled?["reserved_fen"] as? Int, 0, "and frees the budget it reserved")
        let final = try qundeck(["campaign", "resume", id], expect: 1)
        XCTAssertTrue(final.stderr.contains("cancelled"), final.stderr)

        let audit = try CLI.json(try qundeck(["campaign", "show", id, "--json"])) as? [String: Any]
        let actions = (audit?["audit"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
        XCTAssertEqual(actions, ["campaign create", "campaign schedule", "campaign start", "campaign trigger", "campaign pause",
                                 "campaign resume", "campaign cancel"])
    }

    func testBadOptionsAreNamed() throws {
        let badTemplate = try qundeck(["campaign", "new", "--template", "nope", "--name", "x", "--groups", DemoFixture.jinshuiGroupID], expect: 64)
        XCTAssertTrue(badTemplate.stderr.contains("--template \"nope\""), badTemplate.stderr)
        let badGroup = try qundeck(["campaign", "new", "--template", "preview", "--name", "x", "--groups", "no-such-group"], expect: 1)
        XCTAssertTrue(badGroup.stderr.contains("--groups") && badGroup.stderr.contains("no-such-group"), badGroup.stderr)
        let badBudget = try qundeck(["campaign", "new", "--template", "preview", "--name", "x", "--groups", DemoFixture.jinshuiGroupID, "--budget", "lots"], expect: 64)
        XCTAssertTrue(badBudget.stderr.contains("--budget \"lots\""), badBudget.stderr)
        let badAt = try qundeck(["campaign", "new", "--template", "preview", "--name", "x", "--groups", DemoFixture.jinshuiGroupID, "--at", "soon"], expect: 1)
        XCTAssertTrue(badAt.stderr.contains("--at soon"), badAt.stderr)
        let missing = try qundeck(["campaign", "show", "nope"], expect: 1)
        XCTAssertTrue(missing.stderr.contains("no campaign with id \"nope\""), missing.stderr)
    }

    func testRunOnceQueuesDuePostsAndASecondRunAddsNone() throws {
        let now = "2026-11-23T12:00:00+08:00"
        let first = try qundeck(["run", "--once", "--now", now])
        XCTAssertTrue(first.stderr.contains("run: 4 item(s) queued"), first.stderr)
        // The demo's running flash sale: the 12:00 red packet and push in both of its groups.
        let items = try campaignItems("flash-1111")
        XCTAssertEqual(items.count, 4)
        XCTAssertEqual(Set(items.compactMap { $0["group_id"] as? String }), ["zz-jinshui-1", "hz-binjiang"])
        XCTAssertTrue(items.allSatisfy { ($0["idempotency_key"] as? String)?.contains(":slot:2026-11-23T12:00") ?? false })

        let second = try qundeck(["run", "--once", "--now", now])
        XCTAssertTrue(second.stderr.contains("run: 0 item(s) queued"), second.stderr)
        XCTAssertEqual(try campaignItems("flash-1111").count, 4)

        // Two schedulers at once on the next hour still post each slot once.
        let next = "2026-11-23T13:00:00+08:00"
        let a = try CLI.start(["run", "--once", "--now", next, "--store", store], in: scratch)
        let b = try CLI.start(["run", "--once", "--now", next, "--store", store], in: scratch)
        let ra = a.finish(timeout: 60), rb = b.finish(timeout: 60)
        XCTAssertEqual(ra.status, 0, ra.stderr)
        XCTAssertEqual(rb.status, 0, rb.stderr)
        let keys = try campaignItems("flash-1111").compactMap { $0["idempotency_key"] as? String }
        XCTAssertEqual(keys.count, 8)
        XCTAssertEqual(Set(keys).count, 8)
    }

    /// Every template, created with its defaults for two groups in different zones, queues its posts on trigger;
    /// a welcome campaign posts for a new member's join on the next scheduler tick instead.
    func testEveryTemplateWorksEndToEndOnTheDemoStore() throws {
        let triggered = ["red_packet", "flash_sale", "preview", "checkin_challenge", "referral", "lottery", "first_order", "holiday", "live"]
        for template in triggered {
            let id = try qundeck(["campaign", "new", "--template", template, "--name", "测试 \(template)", "--groups", "zz-jinshui-1,berlin-foodies"])
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertFalse(id.isEmpty, template)
            try qundeck(["campaign", "trigger", id])
            // A lottery announces its winners in the groups that have one: with three prizes over two groups
            // that can be one group or both, depending on the drawn seed.
            let expected = template == "lottery" ? 1 : 2
            XCTAssertGreaterThanOrEqual(try campaignItems(id).count, expected, "\(template) queues its posts")
        }
        let welcome = try qundeck(["campaign", "new", "--template", "welcome", "--name", "进群欢迎", "--groups", "zz-jinshui-1"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try qundeck(["run", "--once"])
        // A join after the campaign was created (the feed's times are whole seconds, so a second later).
        let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(2))
        let join = #"{"v":1,"id":"e2e-join-1","source":"e2e","group":"zz-jinshui-1","ts":"\#(now)","kind":"join","member":"new-1","member_name":"郑州+金水+新来的","via":"qr"}"#
        try qundeck(["ingest", try scratch.write("join.jsonl", join + "\n"), "--quiet"])
        // The welcome goes out a couple of minutes after the join (the template's default), so tick 5 minutes on.
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(300))
        try qundeck(["run", "--once", "--quiet", "--now", later])
        let posts = try campaignItems(welcome)
        XCTAssertEqual(posts.count, 1, "one welcome for the new member")
        let entities = ((posts.first?["command"] as? [String: Any])?["entities"] as? [[String: Any]]) ?? []
        XCTAssertEqual(entities.compactMap { $0["user"] as? String }, ["new-1"], "the welcome mentions the member by id: \(posts)")
        XCTAssertEqual(entities.first?["kind"] as? String, "text_mention")
    }
}
