import Foundation

/// The bot's pending updates and the getUpdates rules as the Bot API documents them:
/// - an update is confirmed (and forgotten) once getUpdates is called with an `offset` above its id;
///   a negative offset keeps only the last |offset| updates;
/// - at most `limit` updates (1–100, default 100) from the first unconfirmed one;
/// - `timeout` > 0 holds the request until an update arrives or the time is up;
/// - `allowed_updates` filters kinds and is remembered for later calls; an empty list means the
///   default, every kind except `chat_member`, `message_reaction` and `message_reaction_count`;
/// - only one getUpdates at a time: a new one terminates the waiting one with 409.
final class UpdateQueue: @unchecked Sendable {
    struct Stored {
        var id: Int64
        var kind: String
        var json: BotJSON
    }

    enum Wake { case arrived, timedOut, terminated, stopped }

    /// What one getUpdates gets: updates (maybe none), or an error answer (409).
    enum PollResult {
        case updates([BotJSON])
        case refused(BotReply)
    }

    static let excludedByDefault: Set<String> = ["chat_member", "message_reaction", "message_reaction_count"]
    static let otherPoller = BotReply.error(
        409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
    static let webhookActive = BotReply.error(
        409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")

    private let lock = NSLock()
    private var pending: [Stored] = []
    private var nextID: Int64
    /// nil: the default set (all but the excluded kinds).
    private var allowed: Set<String>?
    private var waiter: (id: Int, continuation: CheckedContinuation<Wake, Never>)?
    private var waiterCount = 0
    private var stopped = false
    private var webhook: String?

    init(firstUpdateID: Int64) { nextID = firstUpdateID }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Adds one update; assigns the next update_id unless it has one. Returns its update_id.
    func enqueue(_ update: [String: BotJSON]) -> Int64 {
        var fields = update
        let kind = fields.keys.filter { $0 != "update_id" }.sorted().first ?? "unknown"
        let (id, wake) = locked { () -> (Int64, CheckedContinuation<Wake, Never>?) in
            let id = fields["update_id"]?.int64Value ?? nextID
            nextID = max(nextID, id + 1)
            fields["update_id"] = .int(id)
            pending.append(Stored(id: id, kind: kind, json: .object(fields)))
            guard let w = waiter, isAllowed(kind) else { return (id, nil) }
            waiter = nil
            return (id, w.continuation)
        }
        wake?.resume(returning: .arrived)
        return id
    }

    private func isAllowed(_ kind: String) -> Bool {
        if let allowed { return allowed.contains(kind) }
        return !Self.excludedByDefault.contains(kind)
    }

    private func deliverable(limit: Int) -> [BotJSON] {
        pending.lazy.filter { self.isAllowed($0.kind) }.prefix(limit).map(\.json)
    }

    var hasWaiter: Bool { locked { waiter != nil } }

    /// The update_ids not yet confirmed, of every kind.
    var unconfirmedIDs: [Int64] { locked { pending.map(\.id) } }

    /// The remembered `allowed_updates`; nil while the default applies.
    var allowedUpdates: [String]? { locked { allowed.map { $0.sorted() } } }

    var webhookURL: String? {
        get { locked { webhook } }
        set { locked { webhook = newValue } }
    }

    func dropAll() { locked { pending.removeAll() } }

    /// One getUpdates call: either the updates to answer with or an error answer.
    func poll(offset: Int64?, limit: Int, timeout: Double, allowedUpdates: [String]?) async -> PollResult {
        let outcome = locked { () -> (PollResult?, CheckedContinuation<Wake, Never>?) in
            if webhook != nil { return (.refused(Self.webhookActive), nil) }
            let previous = waiter?.continuation
            waiter = nil
            if let allowedUpdates { allowed = allowedUpdates.isEmpty ? nil : Set(allowedUpdates) }
            if let offset {
                if offset < 0 {
                    pending = Array(pending.suffix(Int(min(-offset, Int64(pending.count)))))
                } else {
                    pending.removeAll { $0.id < offset }
                }
            }
            let ready = deliverable(limit: limit)
            if !ready.isEmpty || timeout <= 0 || stopped { return (.updates(ready), previous) }
            return (nil, previous)
        }
        // The poller this one replaces learns it was terminated, as Telegram tells it.
        outcome.1?.resume(returning: .terminated)
        if let answer = outcome.0 { return answer }

        let wake = await withCheckedContinuation { (continuation: CheckedContinuation<Wake, Never>) in
            let id: Int? = locked {
                // An update may have come between the check above and now.
                if !deliverable(limit: 1).isEmpty || stopped { return nil }
                waiterCount += 1
                waiter = (waiterCount, continuation)
                return waiterCount
            }
            guard let id else { return continuation.resume(returning: .arrived) }
            Task { [weak self] in
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                self?.wakeWaiter(id: id, with: .timedOut)
            }
        }
        switch wake {
        case .terminated: return .refused(Self.otherPoller)
        case .arrived, .timedOut, .stopped: return .updates(locked { deliverable(limit: limit) })
        }
    }

    private func wakeWaiter(id: Int, with wake: Wake) {
        let continuation = locked { () -> CheckedContinuation<Wake, Never>? in
            guard let w = waiter, w.id == id else { return nil }
            waiter = nil
            return w.continuation
        }
        continuation?.resume(returning: wake)
    }

    /// Releases a waiting poller (with what is there, as a timeout would) and refuses to wait again.
    func stop() {
        let continuation = locked { () -> CheckedContinuation<Wake, Never>? in
            stopped = true
            defer { waiter = nil }
            return waiter?.continuation
        }
        continuation?.resume(returning: .stopped)
    }
}
