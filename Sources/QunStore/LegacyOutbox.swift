import Foundation
import GRDB
import QunCore

/// Stores made before v11 kept outbox items as a verb and a `[String: String]` payload in qundeck's own
/// keys. The migration turns each into a typed command with the platform's ids, and links items queued by
/// a moderation action (key "audit-<id>-…") to their audit entry.
enum LegacyOutbox {
    static func migrate(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id")
        for row in rows {
            let verb: String = row["action"]
            let groupID: String = row["group_id"]
            let args = (try? JSONDecoder().decode([String: String].self, from: Data((row["payload"] as String).utf8))) ?? [:]
            let command = try command(verb: verb, args: args, groupID: groupID, in: db)
            let key: String = row["idempotency_key"]
            var auditID: Int64?
            if key.hasPrefix("audit-"), let id = Int64(key.dropFirst(6).prefix { $0 != "-" }),
                try Bool.fetchOne(db, sql: "SELECT 1 FROM audit_log WHERE id = ?", arguments: [id]) == true
            {
                auditID = id
            }
            let status: String = row["status"]
            try db.execute(
                sql: """
                    INSERT INTO outbox_v11 (id, idempotency_key, group_id, platform, verb, command, state, attempts, last_error, audit_id,
                        campaign_id, purpose, created_at, due_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row["id"] as Int64, key, groupID, try PlatformAddress.platform(groupID: groupID, in: db).rawValue, command.verb,
                    command.json, OutboxState(rawValue: status)?.rawValue ?? OutboxState.pending.rawValue, row["attempts"] as Int,
                    row["last_error"] as String?, auditID, row["campaign_id"] as String?, args["purpose"], row["created_at"] as Double,
                    row["due_at"] as Double, row["updated_at"] as Double,
                ])
        }
    }

    static func command(verb: String, args: [String: String], groupID: String, in db: Database) throws -> OutboxCommand {
        let chat = try PlatformAddress.chat(groupID: groupID, in: db)
        let user = PlatformAddress.user(memberID: args["member"] ?? "")
        switch verb {
        case "send_red_packet":
            return .sendRedPacket(
                chat: chat, amount: Money(fen: Int64(args["amount_fen"] ?? "") ?? 0), slots: Int(args["slots"] ?? "") ?? 1,
                text: args["text"] ?? "")
        case "delete_message":
            return .deleteMessages(
                chat: chat, ids: [PlatformAddress.message(source: args["message_source"] ?? "", externalID: args["message_id"] ?? "")])
        case "restrict_member":
            return .restrictMember(
                chat: chat, user: user, permissions: .muted, until: args["until"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)))
        case "unrestrict_member": return .liftRestrictions(chat: chat, user: user)
        case "kick_member": return .removeMember(chat: chat, user: user)
        case "ban_member": return .banMember(chat: chat, user: user, until: nil, revokeMessages: false)
        case "unban_member": return .unbanMember(chat: chat, user: user)
        case "approve_join_request": return .approveJoinRequest(chat: chat, user: user)
        case "decline_join_request": return .declineJoinRequest(chat: chat, user: user)
        default:
            let mentions = (args["mention"] ?? "").split(separator: ",").map(String.init)
            return try OutboxWrites.message(text: args["text"] ?? "", groupID: groupID, mentioning: mentions, in: db)
        }
    }
}
