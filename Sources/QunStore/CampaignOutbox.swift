import Foundation
import GRDB
import QunCore

/// A campaign's items in the outbox: its red packets (for the budget and for claims), and what the lifecycle does
/// to the items still waiting (`CampaignTransition.outboxChange`).
enum CampaignOutbox {
    /// The campaign's red packets in live states (`OutboxState.redPacketLive`), in due order.
    static func redPacketDrops(campaignID: String, in db: Database) throws -> [RedPacketDrop] {
        let live = OutboxState.redPacketLive.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try OutboxItem.fetchAll(
            db,
            sql: "SELECT * FROM outbox WHERE campaign_id = ? AND verb = 'send_red_packet' AND state IN (\(live)) ORDER BY due_at, id",
            arguments: [campaignID]
        ).compactMap(\.redPacketDrop)
    }

    /// What a lifecycle move does to the campaign's unsent items.
    static func follow(_ move: CampaignTransition, campaignID: String, now: Date, in db: Database) throws {
        guard let change = move.outboxChange else { return }
        let states = change.from.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.execute(
            sql: "UPDATE outbox SET state = ?, updated_at = ? WHERE campaign_id = ? AND state IN (\(states))",
            arguments: [change.to.rawValue, now.timeIntervalSince1970, campaignID])
    }
}
