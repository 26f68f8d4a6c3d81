import Foundation
import QunCore
import QunStore

/// The moderation settings a member's profile shows, read inside the caller's transaction (as SQLite's
/// `penaltyLadder(groupID:in:)` and `activeWarnings(…in:)`).
extension PostgresStore {
    static func penaltyLadder(groupID: String, in s: PostgresSession) throws -> PenaltyLadder {
        StoredPenaltyLadder.decode(
            try s.scalar("SELECT penalty_ladder FROM group_settings WHERE group_id = $1", [.text(groupID)], as: String.self))
    }

    /// Warnings in force for a member at `now` (not expired, not revoked).
    static func activeWarnings(groupID: String, memberID: String, now: Date, in s: PostgresSession) throws -> Int {
        try count(
            "SELECT count(*) FROM warnings WHERE group_id = $1 AND member_id = $2 AND expires_at > $3 AND revoked_at IS NULL",
            [.text(groupID), .text(memberID), .double(now.timeIntervalSince1970)], in: s)
    }
}
