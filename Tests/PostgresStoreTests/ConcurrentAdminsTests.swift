import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

/// Two admins' processes (two `PostgresStore`s on one schema) at the same moment: on one queue item exactly
/// one action goes through and the other is told who got there first; two connectors draining one outbox
/// never take the same item.
final class ConcurrentAdminsTests: XCTestCase {
    var store: PostgresStore!
    var other: PostgresStore!
    let now = ModerationFixture.now

    override func setUpWithError() throws {
        store = try PostgresStore.temporary(name: "admins")
        other = try PostgresStore(address: store.postgresAddress)
    }

    override func tearDownWithError() throws {
        try store?.dropSchema()
    }

    /// Runs the bodies on threads of their own, released together, and waits for all.
    func race(_ bodies: [@Sendable () -> Void]) {
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for body in bodies {
            done.enter()
            Thread {
                start.wait()
                body()
                done.leave()
            }.start()
        }
        for _ in bodies { start.signal() }
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success, "the racing threads did not finish")
    }

    func testTwoAdminsBanningOneItemAtOnceEndWithOneBanAndOneConflict() throws {
        try ModerationFixture.seed(store)
        for caseID: Int64 in [1, 2, 3, 4] {
            // With the version their screens showed, and (items 3, 4) without: either way the loser is told.
            let versions: [Int64: Int64] = caseID <= 2 ? [caseID: 1] : [:]
            let results = Locked<[String: Result<[Int64], Error>]>([:])
            let admins = [("小王", store!), ("小李", other!)]
            race(admins.map { actor, admin in
                let ban: @Sendable () -> Void = { [now] in
                    let result = Result { try admin.act(on: [caseID], .ban, actor: actor, reason: nil, expectedVersions: versions, now: now) }
                    results.mutate { $0[actor] = result }
                }
                return ban
            })
            let outcomes = results.get()
            let winners = outcomes.filter { (try? $0.value.get()) != nil }.map(\.key)
            XCTAssertEqual(winners.count, 1, "case \(caseID): \(outcomes)")
            guard let winner = winners.first, let loser = outcomes.keys.first(where: { $0 != winner }) else { continue }
            guard case let .failure(error) = outcomes[loser]!, let conflict = error as? ModerationConflict else {
                XCTFail("case \(caseID): \(loser) got \(String(describing: outcomes[loser])), not a conflict")
                continue
            }
            XCTAssertEqual(conflict.actor, winner)
            XCTAssertEqual(conflict.reason, .handled(action: "ban", at: now))
            let entries = try store.auditEntries(memberID: nil, limit: 100).filter { $0.caseID == caseID }
            XCTAssertEqual(entries.map(\.actor), [winner], "case \(caseID): one audit entry, the winner's")
            XCTAssertEqual(try store.outbox(auditID: entries[0].id).map(\.action), ["ban_member"])
        }
        XCTAssertEqual(try store.outbox(states: [], groupID: nil, limit: 100).count, 4, "one ban command per item, none twice")
    }

    func testAClaimInAnotherProcessHoldsTheItemUntilReleased() throws {
        try ModerationFixture.seed(store)
        try store.claim(caseIDs: [1, 2], actor: "小王", for: 600, now: now)
        XCTAssertThrowsError(try other.act(on: [2, 3], .delete, actor: "小李", reason: nil, expectedVersions: [:], now: now.addingTimeInterval(60))) {
            XCTAssertEqual($0 as? ModerationConflict, ModerationConflict(caseID: 2, actor: "小王", reason: .claimed(until: now.addingTimeInterval(600))))
        }
        XCTAssertEqual(try store.auditEntries(memberID: nil, limit: 100).map(\.action), ["claim", "claim"], "nothing of the refused bulk action")
        XCTAssertThrowsError(try other.claim(caseIDs: [1], actor: "小李", for: 600, now: now.addingTimeInterval(60)))
        try store.releaseClaim(caseIDs: [1, 2], actor: "小王", now: now.addingTimeInterval(120))
        let queue = try other.moderationQueue(limit: 100).filter { $0.id <= 2 }
        XCTAssertEqual(queue.map(\.item.version), [3, 3], "claimed, then released: two changes each")
        XCTAssertTrue(queue.allSatisfy { $0.item.claimedBy == nil && $0.item.claimedUntil == nil })
        XCTAssertEqual(try other.act(on: [2, 3], .delete, actor: "小李", reason: nil, expectedVersions: [2: 3], now: now.addingTimeInterval(180)).count, 2)
        // A claim that ran out holds nothing.
        try store.claim(caseIDs: [4], actor: "小王", for: 60, now: now)
        XCTAssertNoThrow(try other.act(on: [4], .delete, actor: "小李", reason: nil, expectedVersions: [:], now: now.addingTimeInterval(61)))
    }

    func testTwoConnectorsClaimingTwoHundredItemsTakeEachOnce() throws {
        try store.write { s in
            try s.execute("INSERT INTO groups (id, platform, name, timezone, created_at) VALUES ('-1001', 'telegram', '闲聊群', 'Asia/Shanghai', 0)")
            let command = OutboxCommand.sendMessage(chat: .number(-1001), text: "早上好", entities: [], replyTo: nil).json
            try s.execute(
                """
                INSERT INTO outbox (idempotency_key, group_id, platform, verb, command, state, created_at, due_at, updated_at)
                SELECT 'post-' || n, '-1001', 'telegram', 'send_message', $1, 'pending', 0, n, 0 FROM generate_series(1, 200) AS n
                """, [.text(command)])
        }
        let claims = Locked<[String: [Int64]]>([:])
        race([("connector-a", store!), ("connector-b", other!)].map { worker, connector in
            let drain: @Sendable () -> Void = { [now] in
                while true {
                    guard let batch = try? connector.claimDue(worker: worker, platform: .telegram, lease: 300, limit: 7, now: now), !batch.isEmpty
                    else { return }
                    XCTAssertTrue(batch.allSatisfy { $0.state == .claimed && $0.claimedBy == worker })
                    claims.mutate { $0[worker, default: []] += batch.map(\.id) }
                }
            }
            return drain
        })
        let taken = claims.get()
        let all = taken.values.flatMap { $0 }
        XCTAssertEqual(all.count, 200, "every item claimed once: \(taken.mapValues(\.count))")
        XCTAssertEqual(Set(all).count, 200, "no item claimed twice")
        XCTAssertEqual(try store.outbox(states: [.claimed], groupID: nil, limit: 500).count, 200)
        XCTAssertEqual(Set(try store.claimingWorkers()).isSubset(of: ["connector-a", "connector-b"]), true)
    }
}

/// A value shared between the test thread and racing threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&value) } }
}
