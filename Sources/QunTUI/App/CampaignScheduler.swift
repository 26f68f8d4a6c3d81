import Foundation
import QunStore

/// Puts due campaign posts into the outbox from its own thread, never from the key loop, and only while
/// it holds the store's scheduler lease: two dashboards (or a dashboard and `qundeck run`) on one store
/// never both schedule. The lease outlives a tick by several intervals, so a holder that is killed hands
/// it on within `leaseSeconds`.
public final class CampaignScheduler: @unchecked Sendable {
    public static let leaseName = "campaign-scheduler"
    private let store: any LeaseRegistry & CampaignRepository
    private let holder: String
    private let interval: TimeInterval
    private let leaseSeconds: TimeInterval
    private let lock = NSLock()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    public init(store: any LeaseRegistry & CampaignRepository, interval: TimeInterval = 30, holder: String = CampaignScheduler.processHolder) {
        self.store = store
        self.interval = interval
        self.leaseSeconds = interval * 3
        self.holder = holder
    }

    /// This process, as the lease names it: host, pid and a random part (pids are reused).
    public static let processHolder: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(host):\(getpid()):\(UUID().uuidString.prefix(8))"
    }()

    /// One round: takes or renews the lease and, holding it, runs what is due. True when it held the lease.
    @discardableResult
    public func tick(now: Date = Date()) -> Bool {
        guard (try? store.acquireLease(Self.leaseName, holder: holder, ttl: leaseSeconds, now: now)) == true else { return false }
        _ = try? store.runDue(now: now, actor: "scheduler")
        return true
    }

    public func start() {
        Thread.detachNewThread { [self] in
            while !isStopped {
                tick()
                let until = Date().addingTimeInterval(interval)
                while !isStopped, Date() < until { Thread.sleep(forTimeInterval: 0.1) }
            }
            try? store.releaseLease(Self.leaseName, holder: holder)
            done.signal()
        }
    }

    /// Stops the thread and gives the lease up, so another dashboard takes over at once.
    public func stop() {
        lock.withLock { stopped = true }
        _ = done.wait(timeout: .now() + 5)
    }

    private var isStopped: Bool { lock.withLock { stopped } }
}
