import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

/// Several processes (store objects on one schema) deciding about the same campaigns at once: each decision waits
/// for the one before it on the same campaign, so nothing is queued, booked, drawn or created twice.
final class PostgresCampaignConcurrencyTests: XCTestCase {
    static let created = ISO8601DateFormatter().date(from: "2026-10-23T09:00:00+08:00")!
    var store: PostgresStore!
    var processes: [PostgresStore] = []

    override func setUpWithError() throws {
        store = try PostgresStore.temporary(name: "campaignrace")
        processes = try (0..<3).map { _ in try PostgresStore(address: store.postgresAddress) }
        try store.write { s in
            try s.execute(
                "INSERT INTO groups (id, platform, name, timezone, created_at) VALUES ('sh', 'wechat', '上海群', 'Asia/Shanghai', $1)",
                [.double(Self.created.timeIntervalSince1970 - 86_400)])
        }
    }

    override func tearDownWithError() throws {
        try store?.dropSchema()
    }

    /// Runs `body` once per process, all at once; returns each one's result.
    func race<T: Sendable>(_ body: @escaping @Sendable (PostgresStore) throws -> T) -> [Result<T, Error>] {
        let results = Collected<Result<T, Error>>()
        let processes = processes
        DispatchQueue.concurrentPerform(iterations: processes.count) { i in results.add(Result { try body(processes[i]) }) }
        return results.all
    }

    func testSchedulersTickingAtOnceQueueEachSlotOnceAndStartTheCampaignOnce() throws {
        var plan = CampaignTemplate(.flashSale).defaultPlan(name: "秒杀", groups: ["sh"], now: Self.created, id: "fs")
        plan.schedule.startsAt = Self.created
        plan.budget = Money(fen: 1_000_000)
        try store.createCampaign(plan, actor: "alice", now: Self.created)

        var claimed: [String] = []
        for hour in 0..<6 {
            let now = Self.created.addingTimeInterval(Double(hour) * 3600 + 3600)
            for result in race({ try $0.runDue(now: now, actor: "scheduler") }) {
                claimed += try result.get().flatMap(\.queue.inserted)
            }
        }
        let queued = try store.campaignOutbox(id: "fs").map(\.idempotencyKey)
        XCTAssertEqual(queued.count, 12, "a packet and a push each hour from 10:00 to 15:00")
        XCTAssertEqual(claimed.sorted(), queued.sorted(), "each item reported inserted by exactly one process")
        XCTAssertEqual(try store.campaignAudit(id: "fs").filter { $0.action == "campaign start" }.count, 1)
    }

    func testALotteryTriggeredFromTwoDashboardsAtOnceIsDrawnOnce() throws {
        let plan = CampaignTemplate(.lottery).defaultPlan(name: "抽奖", groups: ["sh"], now: Self.created, id: "lot")
        try store.createCampaign(plan, actor: "alice", now: Self.created)
        let results = race { try $0.triggerCampaign(id: "lot", actor: "admin", now: Self.created.addingTimeInterval(60), seed: 42) }
        XCTAssertEqual(results.filter { (try? $0.get()) != nil }.count, 1)
        for case let .failure(error) in results { XCTAssertTrue("\(error)".contains("already been drawn"), "\(error)") }
        XCTAssertEqual(try store.lotteryDraws(campaignID: "lot").count, 1)
    }

    func testAdminsCreatingTheSameIDAtOnceGetDistinctIDs() throws {
        let plan = CampaignTemplate(.preview).defaultPlan(name: "预告", groups: ["sh"], now: Self.created, id: "pv")
        let ids = try race { try $0.createCampaign(plan, actor: "admin", now: Self.created).id }.map { try $0.get() }
        XCTAssertEqual(ids.sorted(), ["pv", "pv-2", "pv-3"])
        XCTAssertEqual(try store.campaignPlans().map(\.id), ["pv", "pv-2", "pv-3"])
    }
}

/// Results gathered from several threads.
final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ item: T) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }
    var all: [T] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
