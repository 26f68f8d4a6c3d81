import Foundation

/// What the double remembers about the chats its bot is in, so that answers hang together: sent
/// messages get increasing ids, a message deleted once is "not found" the second time, a join
/// request can be approved or declined once, getChat knows the chats it has seen.
final class BotWorld: @unchecked Sendable {
    private let lock = NSLock()
    private var nextMessageID: Int64 = 1_000
    private var chats: [Int64: BotJSON] = [:]
    private var deleted: Set<[Int64]> = []
    private var joinRequests: Set<[Int64]> = []
    private var banned: Set<[Int64]> = []

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func addChat(_ chat: BotJSON) {
        guard let id = chat["id"]?.int64Value else { return }
        locked { chats[id] = chat }
    }

    func chat(_ id: Int64) -> BotJSON? { locked { chats[id] } }

    /// Learns chats and join requests from an update the test enqueued.
    func observe(update: [String: BotJSON]) {
        for (kind, body) in update where kind != "update_id" {
            if let chat = body["chat"] { addChat(chat) }
            if kind == "chat_join_request", let chat = body["chat"]?["id"]?.int64Value, let user = body["from"]?["id"]?.int64Value {
                locked { _ = joinRequests.insert([chat, user]) }
            }
        }
    }

    func nextSentMessageID() -> Int64 {
        locked {
            nextMessageID += 1
            return nextMessageID
        }
    }

    /// False when it was deleted before (Telegram then answers "message to delete not found").
    func delete(chat: Int64, message: Int64) -> Bool { locked { deleted.insert([chat, message]).inserted } }

    /// False when there is no such pending request (Telegram answers HIDE_REQUESTER_MISSING).
    func settleJoinRequest(chat: Int64, user: Int64) -> Bool { locked { joinRequests.remove([chat, user]) != nil } }

    func ban(chat: Int64, user: Int64) { locked { _ = banned.insert([chat, user]) } }
    func unban(chat: Int64, user: Int64) { locked { _ = banned.remove([chat, user]) } }
    func isBanned(chat: Int64, user: Int64) -> Bool { locked { banned.contains([chat, user]) } }
}
