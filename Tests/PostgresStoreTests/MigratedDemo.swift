import Foundation
import QunCore
import QunPostgres
import QunStore
import XCTest

/// A few days of the demo community in SQLite, worked on by admins (cases acted on and resolved, tags, notes,
/// a 补签, learned samples, a saved rule set, campaigns, a connector's status, a disconnected chat), then
/// copied into a fresh PostgreSQL schema by `StoreMigration`. Built once per test run: the suites compare the
/// two stores' answers to the same calls.
final class MigratedDemo: @unchecked Sendable {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18, a weekday afternoon in Shanghai
    nonisolated(unsafe) private static var built: MigratedDemo?
    private static let lock = NSLock()

    let sqlite: SQLiteStore
    let postgres: PostgresStore
    let report: StoreMigration.Report
    let community: DemoCommunity

    static func shared() throws -> MigratedDemo {
        try lock.withLock {
            if let built { return built }
            let demo = try MigratedDemo()
            built = demo
            return demo
        }
    }

    private init() throws {
        community = DemoCommunity(seed: 11, now: Self.now, days: 4)
        sqlite = try SQLiteStore.temporary(name: "migrated-demo")
        try Self.populate(sqlite, community: community)
        postgres = try PostgresStore.temporary(name: "migrated")
        report = try StoreMigration(batchSize: 700).copy(from: sqlite, to: postgres)
    }

    deinit {
        try? postgres.dropSchema()
    }

    private static func populate(_ store: SQLiteStore, community: DemoCommunity) throws {
        let now = Self.now
        for plan in community.groups { try store.saveGroup(plan.group) }
        for campaign in community.campaigns() { try store.saveCampaign(campaign) }
        try community.forEachDay { _, _, events in _ = try store.append(events, now: now) }
        try store.resolveCases(createdBefore: now.addingTimeInterval(-2 * 86_400), resolution: "handled (demo history)", actor: "demo-admin", now: now)
        let open = try store.moderationQueue(limit: 40).map(\.item)
        let flagged = open.filter { $0.kind == .flaggedMessage }
        if flagged.count >= 2 {
            try store.act(on: [flagged[0].id], .delete, actor: "小王", reason: "spam", now: now)
            try store.act(on: [flagged[1].id], .approve, actor: "小李", now: now)
        }
        let decided = Set(flagged.prefix(2).map(\.id))
        if let other = open.first(where: { $0.kind != .joinRequest && !decided.contains($0.id) }) {
            try store.act(on: [other.id], .warn, actor: "小王", reason: "first warning", now: now)
        }
        let group = community.groups[0].group
        let members = try store.members(groupID: group.id, limit: 5)
        try store.setTags(groupID: group.id, memberID: members[0].memberID, tags: [.vip, .koc], actor: "小王", now: now)
        try store.addNote(groupID: group.id, memberID: members[0].memberID, text: "常买团购，周末活跃", author: "小王", now: now)
        let yesterday = LocalDay(now, in: group.timeZone).adding(days: -1)
        try? store.grantMakeupCheckin(groupID: group.id, memberID: members[1].memberID, day: yesterday, actor: "小王", reason: "忘了签到", now: now)
        try store.learnSamples(
            [SampleFileImport(path: "spam.txt", label: .spam, file: SampleFile(text: "加微信领红包\n免费代理 日入过万\n", file: "spam.txt"))],
            now: now)
        try store.saveRuleSet(.standard, actor: "小王", now: now)
        try store.saveConnectorStatus(
            ConnectorStatus(connector: "telegram-1", platform: .telegram, state: .polling, detail: "ok", pid: 4242, heartbeatAt: now))
        try store.markDisconnected(groupID: community.groups[1].group.id, reason: "bot was removed", now: now)
    }
}
