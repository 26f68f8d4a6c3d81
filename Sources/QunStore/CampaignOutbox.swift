import Foundation
import GRDB
import QunCore

/// A campaign's items in the outbox: its red packets (for the budget and for claims), and what the
/// lifecycle does to the items still waiting — a pause holds them, a resume releases them, a cancel cancels them (and so frees the budget their red packets reserved).
enum CampaignOutbox {
    /// States in which a red packet counts as dropped or about to be: it reserves budget and claims match it.
    static let liveStates = "('pending', 'held', 'claimed', 'sent', 'unknown')"

    /// The campaign's red packets in live states due in `due`.
    static func redPacketDrops(campaignID: String, due: ClosedRange<Double>, in db: Database) throws -> [RedPacketDrop] {
        try OutboxItem.fetchAll(
            db,
            sql: """
                SELECT * FROM outbox WHERE campaign_id = ? AND verb = 'send_red_packet' AND state IN \(liveStates)
                  AND due_at BETWEEN ? AND ? ORDER BY due_at, id
                """,
            arguments: [campaignID, due.lowerBound, due.upperBound]
        ).compactMap { item in
            guard case let .sendRedPacket(_, amount, slots, _) = item.command else { return nil }
            return RedPacketDrop(groupID: item.groupID, sentAt: item.dueAt, amount: amount, slots: slots, idempotencyKey: item.idempotencyKey)
        }
    }

    /// What a lifecycle move does to the campaign's unsent items.
    static func follow(_ move: CampaignTransition, campaignID: String, now: Date, in db: Database) throws {
        let ts = now.timeIntervalSince1970
        switch move.to {
        case .paused:
            try db.execute(
                sql: "UPDATE outbox SET state = 'held', updated_at = ? WHERE campaign_id = ? AND state = 'pending'", arguments: [ts, campaignID])
        case .cancelled:
            try db.execute(
                sql: "UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE campaign_id = ? AND state IN ('pending', 'held')",
                arguments: [ts, campaignID])
        default:
            if move.from == .paused {
                try db.execute(
                    sql: "UPDATE outbox SET state = 'pending', updated_at = ? WHERE campaign_id = ? AND state = 'held'", arguments: [ts, campaignID])
            }
        }
    }
}
