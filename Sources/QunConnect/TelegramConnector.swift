import Foundation
import QunCore
import QunIngest
import QunStore

/// Why a connector stopped on its own.
public enum ConnectorStop: Error, Equatable, CustomStringConvertible {
    /// The token was refused (401).
    case unauthorized(String)
    /// Another process polls the same bot, or a webhook is set (409).
    case conflict(String)
    /// `--once` could not reach Telegram.
    case unreachable(String)

    public var description: String {
        switch self {
        case let .unauthorized(text), let .conflict(text), let .unreachable(text): return text
        }
    }
}

/// `qundeck connect telegram`: long-polls the Bot API for updates and stores them, and drains the outbox
/// for Telegram groups within the platform's limits, writing every answer back. Two loops in one process,
/// sharing the rate limiter; a heartbeat tells dashboards how it is doing.
public final class TelegramConnector: @unchecked Sendable {
    public struct Options: Sendable {
        /// getUpdates `timeout` (Telegram allows up to 50 s; 25–50 keeps a connection open without idling it out).
        public var pollTimeout: Int = 30
        /// One poll and one drain, then stop (scripts, tests).
        public var once = false
        public var claimBatch = 10
        /// How long a claim lasts; a connector that dies leaves its claims to expire.
        public var lease: TimeInterval = 120
        /// How often an idle drain looks for due items.
        public var idleWait: TimeInterval = 0.5
        /// The name its claims carry in the store; nil: "telegram@HOST:PID". Two connectors in one process
        /// (tests) need different ones.
        public var worker: String?
        public init() {}
    }

    public static let allowedUpdates = ["message", "edited_message", "chat_member", "my_chat_member", "chat_join_request"]

    let store: any ConnectorStore
    let client: TelegramBotClient
    let options: Options
    let log: @Sendable (String) -> Void
    let worker: String
    private let lock = NSLock()
    private var limiter = DeliveryRateLimiter()
    private var mapper = TelegramUpdateMapper()
    private var stopping = false
    private var polling = false
    private var name = "telegram"
    private var sent = 0
    private var failed = 0
    private var backingOffUntil: Date?
    private var pollTask: Task<Void, Error>?

    public init(store: any ConnectorStore, client: TelegramBotClient, options: Options = Options(), log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.client = client
        self.options = options
        self.log = log
        self.worker = options.worker ?? Self.workerPrefix + String(getpid())
    }

    /// Claims on this machine carry "telegram@HOST:" and the process id, so a restart can tell which are dead.
    static var workerPrefix: String { "telegram@\(ProcessInfo.processInfo.hostName):" }

    /// The connector's name in the store: "telegram:@username" once `getMe` answered.
    public var connectorName: String { locked { name } }

    /// Asks the loops to stop: the poll is abandoned (nothing it read is stored, so nothing is lost), the
    /// drain finishes the request in flight and gives back the rest of its claims.
    public func stop() {
        let task: Task<Void, Error>? = locked {
            stopping = true
            return pollTask
        }
        task?.cancel()
    }

    private var isStopping: Bool { locked { stopping } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: running

    public func run() async throws {
        do {
            try await identify()
            try reclaimFromDeadWorkers()
            beat()
            try await withThrowingTaskGroup(of: Void.self) { group in
                let poll = Task { try await self.pollLoop() }
                locked { pollTask = poll }
                group.addTask { try await poll.value }
                group.addTask { try await self.drainLoop() }
                group.addTask { try await self.heartbeatLoop() }
                do {
                    // Done when the poll and the drain are (the heartbeat loop ends with them).
                    try await group.next()
                    try await group.next()
                    stop()
                    try await group.waitForAll()
                } catch {
                    // One loop failing stops the others as a stop does: the drain finishes the request in flight
                    // (cancelling it would leave a post that may have gone up `unknown`) and gives back its claims.
                    stop()
                    while true {
                        do {
                            if try await group.next() == nil { break }
                        } catch {
                            continue
                        }
                    }
                    throw error
                }
            }
        } catch let stop as ConnectorStop {
            beat(final: stop.isUnauthorizedOrConflict ? .failed : .stopped, detail: stop.description)
            throw stop
        } catch is CancellationError where isStopping {
            // Stopped while waiting out a backoff: as clean a stop as any other.
        }
        beat(final: .stopped, detail: "stopped")
    }

    /// getMe: checks the token before anything else and names the connector after the bot.
    private func identify() async throws {
        var attempt = 0
        while true {
            attempt += 1
            let answer = await client.call("getMe", [:])
            switch answer {
            case let .success(me):
                let label = me["username"]?.stringValue.map { "@" + $0 } ?? me["id"]?.idString ?? "bot"
                let provisional = locked { () -> String in
                    defer { name = "telegram:" + label }
                    return name
                }
                // Backoffs before this beat under the provisional name; the dashboard should not keep that row.
                if provisional != connectorName { try store.removeConnectorStatus(connector: provisional) }
                log("connected to Telegram as \(label)")
                return
            case let .error(error) where error.errorCode == 401 || error.httpStatus == 401:
                throw ConnectorStop.unauthorized("Telegram refused the bot token (\(error.description)): check QUNDECK_TELEGRAM_TOKEN")
            case let .error(error) where error.errorCode == 429:
                try await pause(TimeInterval(error.retryAfter ?? 5), reason: error.description)
            default:
                let reason = "\(answer)"
                if options.once { throw ConnectorStop.unreachable("cannot reach the Bot API at \(client.base): \(reason)") }
                try await pause(DeliveryVerdict.backoff(attempt: attempt), reason: reason)
            }
            if isStopping { throw CancellationError() }
        }
    }

    private func pause(_ seconds: TimeInterval, reason: String) async throws {
        let until = Date().addingTimeInterval(seconds)
        locked { backingOffUntil = until }
        log("backing off \(Int(seconds.rounded(.up))) s: \(reason)")
        beat()
        // In short steps, so a stop does not wait out a backoff of minutes.
        while !isStopping, case let left = until.timeIntervalSinceNow, left > 0 {
            try await Task.sleep(nanoseconds: UInt64(min(left, 0.1) * 1e9))
        }
        locked { backingOffUntil = nil }
        if isStopping { throw CancellationError() }
    }

    /// Claims left behind by a connector on this machine that died without giving them back (kill -9, a
    /// crash): its process is gone, so its items need not wait out the lease. Those whose request had gone
    /// out become `unknown`; the rest go back to pending.
    private func reclaimFromDeadWorkers() throws {
        let prefix = Self.workerPrefix
        for other in try store.claimingWorkers() where other != worker && other.hasPrefix(prefix) {
            guard let pid = pid_t(other.dropFirst(prefix.count)), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            let count = try store.expireClaims(of: other, now: Date())
            log("took back \(count) claim(s) of \(other), which stopped without giving them back")
        }
    }

    // MARK: updates in

    private func pollLoop() async throws {
        var attempt = 0
        var polledBefore = false
        var lastConflict: Date?
        while !isStopping {
            let offset = try store.connectorCursor(connector: connectorName)?.nextOffset
            var parameters: [String: JSONValue] = [
                "timeout": .integer(Int64(options.once ? 0 : options.pollTimeout)),
                "allowed_updates": .array(Self.allowedUpdates.map(JSONValue.string)),
            ]
            if let offset { parameters["offset"] = .integer(offset) }
            locked { polling = true }
            let answer = await client.call("getUpdates", parameters, timeout: TimeInterval(options.pollTimeout + 15))
            locked { polling = false }
            if Task.isCancelled || isStopping { return }
            switch answer {
            case let .success(result):
                attempt = 0
                polledBefore = true
                try store(updates: result.arrayValue ?? [])
            case let .error(error) where error.errorCode == 409:
                // Telegram ends the older of two polls with "terminated by other getUpdates request". A connector
                // that has been polling polls again at once, which ends the newcomer's poll instead: the process
                // started second is the one that stops. A second 409 within a minute stops this one: never a loop.
                let now = Date()
                if error.text.contains("terminated by other getUpdates request"), polledBefore,
                    lastConflict.map({ now.timeIntervalSince($0) > 60 }) ?? true
                {
                    lastConflict = now
                    log("getUpdates: \(error.description); polling again, so the poller started later is the one that stops")
                    continue
                }
                throw ConnectorStop.conflict(
                    "another process is polling this bot, or a webhook is set (\(error.description)); stop the other poller or call deleteWebhook")
            case let .error(error) where error.errorCode == 401:
                throw ConnectorStop.unauthorized("Telegram refused the bot token (\(error.description)): check QUNDECK_TELEGRAM_TOKEN")
            case let .error(error) where error.errorCode == 429:
                // Not tied to one chat: hold every request of this token, not just the poll.
                let seconds = TimeInterval(error.retryAfter ?? 5)
                locked { limiter.block(chat: nil, for: seconds, now: Date()) }
                try await pause(seconds, reason: "getUpdates: \(error.description)")
            default:
                attempt += 1
                if options.once { throw ConnectorStop.unreachable("getUpdates: \(answer)") }
                try await pause(DeliveryVerdict.backoff(attempt: attempt), reason: "getUpdates: \(answer)")
            }
            if options.once { return }
        }
    }

    /// Stores one batch of updates and the next offset in one transaction. The bot's own membership
    /// (`my_chat_member`) marks groups disconnected or connected; a group upgraded to a supergroup gets
    /// its new chat id recorded, so its later updates and queued actions stay with the same group.
    func store(updates: [JSONValue]) throws {
        guard let last = updates.compactMap({ $0["update_id"]?.int64Value }).max() else { return }
        var moved = try store.groupsByMovedChat()
        var events: [Event] = []
        for update in updates {
            let id = update["update_id"]?.int64Value ?? -1
            // Groups only: a user blocking the bot in a private chat (or a channel) is no group going away.
            if let membership = update["my_chat_member"], let chat = membership["chat"]?["id"]?.idString,
                ["group", "supergroup"].contains(membership["chat"]?["type"]?.stringValue ?? "group")
            {
                let group = moved[chat] ?? chat
                switch membership["new_chat_member"]?["status"]?.stringValue {
                case "left", "kicked":
                    try store.markDisconnected(groupID: group, reason: "the bot was removed from the group", now: Date())
                    log("group \(group): the bot was removed; its queued actions wait until it is back")
                case "member", "administrator", "restricted":
                    try store.markConnected(groupID: group)
                default: break
                }
            }
            if let message = update["message"], let from = message["chat"]?["id"]?.idString, let to = message["migrate_to_chat_id"]?.int64Value {
                let group = moved[from] ?? from
                try store.moveChat(groupID: group, to: .number(to), now: Date())
                moved[String(to)] = group
                log("group \(group) became the supergroup \(to)")
            }
            let data = try JSONEncoder().encode(update)
            switch locked({ mapper.map(json: data) }) {
            case var .events(mapped):
                for i in mapped.indices { if let group = moved[mapped[i].groupID] { mapped[i].groupID = group } }
                events += mapped
            case .skipped:
                break
            case let .invalid(reason):
                log("update \(id): \(reason) (skipped)")
            }
        }
        try store.storeUpdates(events, cursor: ConnectorCursor(connector: connectorName, nextOffset: last + 1), now: Date())
    }

    // MARK: actions out

    private func drainLoop() async throws {
        while !isStopping {
            let items = try store.claimDue(worker: worker, platform: .telegram, lease: options.lease, limit: options.claimBatch, now: Date())
            if items.isEmpty {
                if options.once { return }
                try? await Task.sleep(nanoseconds: UInt64(options.idleWait * 1e9))
                continue
            }
            // Groups whose chat changed under this batch (moved to a new id, or out of the bot's reach): their
            // other claimed items go back to the queue, to be read again with the new chat id or to wait.
            var changed = Set<String>()
            for (index, item) in items.enumerated() {
                if isStopping || changed.contains(item.groupID) {
                    try store.release(id: item.id, worker: worker, until: nil, now: Date())
                    continue
                }
                do {
                    if try await deliver(item) { changed.insert(item.groupID) }
                } catch {
                    // Stopping on an error (a revoked token): the rest of the batch is not left claimed until the lease runs out.
                    for rest in items[(index + 1)...] { try? store.release(id: rest.id, worker: worker, until: nil, now: Date()) }
                    throw error
                }
            }
        }
    }

    /// Carries out one claimed item; true when the answer changed its group's chat (moved or gone).
    private func deliver(_ item: OutboxItem) async throws -> Bool {
        let requests: [TelegramRequests.Request]
        do {
            requests = try TelegramRequests.requests(for: item.command, now: Date())
        } catch {
            try store.fail(id: item.id, worker: worker, error: "\(error)", retryAt: nil, now: Date())
            locked { failed += 1 }
            return false
        }
        let chat = item.command.chat.number
        let isPost = item.command.isVisiblePost
        let wait = locked { limiter.wait(chat: chat, isMessage: isPost, now: Date()) }
        if wait > 2 {
            // Long waits (a 429 for this chat, its 20-a-minute budget) give the item back instead of holding it.
            try store.release(id: item.id, worker: worker, until: Date().addingTimeInterval(wait), now: Date())
            return false
        }
        if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        guard try store.beginAttempt(id: item.id, worker: worker, lease: options.lease, now: Date()) else { return false }
        var answer = TelegramAnswer.success(result: .null)
        for request in requests {
            locked { limiter.record(chat: chat, isMessage: isPost, at: Date()) }
            answer = await client.call(request.method, request.parameters)
            if case .success = answer { continue }
            break
        }
        let verdict = DeliveryVerdict.judge(answer, command: item.command, attempt: item.attempts + 1)
        let now = Date()
        switch verdict {
        case let .done(response):
            try store.complete(id: item.id, worker: worker, response: response, now: Date())
            locked { sent += 1 }
        case let .retry(after, reason, chatWide):
            if chatWide { locked { limiter.block(chat: chat, for: after, now: now) } }
            try store.fail(id: item.id, worker: worker, error: reason, retryAt: now.addingTimeInterval(after), now: now)
            if chatWide {
                locked { backingOffUntil = max(backingOffUntil ?? now, now.addingTimeInterval(after)) }
                log("chat \(chat.map(String.init) ?? "?"): \(reason); waiting \(Int(after)) s")
            }
        case let .moveChat(to, reason):
            try store.moveChat(groupID: item.groupID, to: .number(to), now: now)
            try store.fail(id: item.id, worker: worker, error: reason, retryAt: now, now: now)
            log("group \(item.groupID) became the supergroup \(to); its queued actions now go there")
            return true
        case let .failed(reason):
            try store.fail(id: item.id, worker: worker, error: reason, retryAt: nil, now: now)
            locked { failed += 1 }
            log("outbox item \(item.id) (\(item.action)) failed: \(reason)")
        case let .chatGone(reason):
            try store.fail(id: item.id, worker: worker, error: reason, retryAt: nil, now: now)
            try store.markDisconnected(groupID: item.groupID, reason: reason, now: now)
            locked { failed += 1 }
            log("group \(item.groupID) is out of the bot's reach: \(reason)")
            return true
        case let .unknown(reason):
            try store.markUnknown(id: item.id, worker: worker, error: reason, now: now)
            log("outbox item \(item.id) (\(item.action)): \(reason)")
        case let .stopConnector(reason):
            try store.fail(id: item.id, worker: worker, error: reason, retryAt: now, now: now)
            throw ConnectorStop.unauthorized(reason)
        }
        return false
    }

    // MARK: heartbeat

    private func heartbeatLoop() async throws {
        while !isStopping {
            beat()
            for _ in 0..<Int(ConnectorStatus.beat * 10) where !isStopping {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
    }

    private func beat(final: ConnectorStatus.State? = nil, detail: String? = nil) {
        let now = Date()
        let status: ConnectorStatus = locked {
            var state = final ?? (polling ? .polling : .connected)
            var until: Date?
            if final == nil, let backoff = backingOffUntil, backoff > now {
                state = .backingOff
                until = backoff
            } else if final == nil, let blocked = limiter.blockedUntil(now: now) {
                state = .backingOff
                until = blocked
            }
            return ConnectorStatus(
                connector: name, platform: .telegram, state: state, detail: detail ?? "sent \(sent), failed \(failed)", until: until,
                pid: getpid(), heartbeatAt: now)
        }
        do { try store.saveConnectorStatus(status) } catch { log("cannot save the connector status: \(error)") }
    }
}

extension ConnectorStop {
    var isUnauthorizedOrConflict: Bool {
        switch self {
        case .unauthorized, .conflict: return true
        case .unreachable: return false
        }
    }
}
