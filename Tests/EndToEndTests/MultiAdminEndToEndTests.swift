import Foundation
import XCTest

/// Several admins on one store: each names themselves with --actor (or `actor` in config.toml), and the
/// audit log says who did what. Also how a store address that cannot be used is reported.
final class MultiAdminEndToEndTests: XCTestCase {
    private var scratch: ScratchDirectory!
    private var dashboard: TmuxDashboard?

    override func setUpWithError() throws {
        _ = try QundeckBinary.require()
        scratch = try ScratchDirectory(label: "admins")
    }

    override func tearDown() {
        dashboard?.kill()
        scratch?.remove()
        super.tearDown()
    }

    private func openCaseIDs(_ store: String) throws -> [Int] {
        let result = try CLI.run(["mod", "list", "--json", "--store", store], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap((try CLI.json(result)) as? [[String: Any]]).compactMap { $0["id"] as? Int }
    }

    /// (actor, action, case id) of the audit log, newest first.
    private func audit(_ store: String) throws -> [(actor: String, action: String, caseID: Int?)] {
        let result = try CLI.run(["audit", "--json", "--store", store], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap((try CLI.json(result)) as? [[String: Any]]).map {
            ($0["actor"] as? String ?? "", $0["action"] as? String ?? "", $0["case_id"] as? Int)
        }
    }

    func testADashboardWithAnActorClaimsAndActsUnderThatName() throws {
        _ = try TmuxDashboard.requireTmux()
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let tmux = try TmuxDashboard(scratch: scratch)
        dashboard = tmux
        let first = try XCTUnwrap(try openCaseIDs(store).first)

        // --actor before the subcommand, as --store may be.
        try tmux.start(["--actor", "小王", "tui", "--store", store])
        let screen = try tmux.waitForText("3 Moderation")
        XCTAssertTrue(screen.lines.first?.contains("小王") ?? false, "the header names the actor: \(screen.lines.first ?? "")")
        XCTAssertTrue(screen.lines.first?.contains("(sqlite)") ?? false, "the header names the backend: \(screen.lines.first ?? "")")

        try tmux.press("3")
        try tmux.waitForText("a approve")
        try tmux.press("c")
        try tmux.waitForText("#\(first) claimed for 10 min")
        let claim = try XCTUnwrap(try audit(store).first)
        XCTAssertEqual(claim.actor, "小王")
        XCTAssertEqual(claim.action, "claim")
        XCTAssertEqual(claim.caseID, first)

        try tmux.press("a")
        try tmux.waitForText("approve #\(first)")
        let approval = try XCTUnwrap(try audit(store).first)
        XCTAssertEqual(approval.actor, "小王", "the audit names the dashboard's actor")
        XCTAssertEqual(approval.action, "approve")
        XCTAssertEqual(approval.caseID, first)

        try tmux.press("q")
        XCTAssertEqual(tmux.waitForExitStatus(), 0)
    }

    func testTheCommandLineActorComesFromTheOptionElseTheConfigFile() throws {
        let store = try DemoStoreTemplate.shared.copy(into: scratch)
        let ids = try openCaseIDs(store)
        XCTAssertGreaterThanOrEqual(ids.count, 2)
        let config = scratch.url.appendingPathComponent("xdg-config/qundeck")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("actor = \"老李\"\n".utf8).write(to: config.appendingPathComponent("config.toml"))

        let configured = try CLI.run(["mod", "act", String(ids[0]), "--action", "escalate", "--store", store], in: scratch)
        XCTAssertEqual(configured.status, 0, configured.stderr)
        XCTAssertEqual(try audit(store).first?.actor, "老李")

        let explicit = try CLI.run(["--actor", "小王", "mod", "act", String(ids[1]), "--action", "escalate", "--store", store], in: scratch)
        XCTAssertEqual(explicit.status, 0, explicit.stderr)
        XCTAssertEqual(try audit(store).first?.actor, "小王")
    }

    func testABadPostgresAddressIsAUsageErrorThatHidesThePassword() throws {
        let result = try CLI.run(["stats", "--store", "postgres://admin:hunter2@/qundeck"], in: scratch)
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("bad store address"), result.stderr)
        XCTAssertTrue(result.stderr.contains("no host"), result.stderr)
        XCTAssertFalse(result.stderr.contains("hunter2"), result.stderr)
    }

    func testAnUnreachableServerSaysSoWithoutThePassword() throws {
        // Port 1 on the loopback refuses at once.
        let result = try CLI.run(["stats", "--store", "postgres://admin:hunter2@127.0.0.1:1/qundeck?sslmode=disable"], in: scratch)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("cannot connect to store postgres://admin@127.0.0.1:1/qundeck"), result.stderr)
        XCTAssertFalse(result.stderr.contains("hunter2"), result.stderr)
    }

    func testQundeckStoreNamesAPostgresStoreToo() throws {
        let result = try CLI.run(["groups"], in: scratch, environment: ["QUNDECK_STORE": "postgres://admin:hunter2@127.0.0.1:1/qundeck?sslmode=disable"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("cannot connect to store postgres://admin@127.0.0.1:1/qundeck"), result.stderr)
        XCTAssertFalse(result.stderr.contains("hunter2"), result.stderr)
    }
}
