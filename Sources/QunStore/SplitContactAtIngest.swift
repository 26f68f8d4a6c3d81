import Foundation
import GRDB
import QunCore

/// Feeds the split-contact check (`MessageInput.previousMessage`): the member's message just before this
/// one in the group. Looked up only when both could be halves of an id — this message is short and the
/// member spoke within `SplitContact.window` — so most messages cost nothing.
enum SplitContactAtIngest {

    static func previousMessage(before event: Event, text: String, lastMessageAt: Double?, rules: EffectiveRules, in db: Database) throws
        -> RecentMessage?
    {
        let ts = event.timestamp.timeIntervalSince1970
        guard rules.ad.enabled, let lastMessageAt, lastMessageAt > ts - SplitContact.window, lastMessageAt <= ts,
            text.count <= SplitContact.maximumHalf else {
            return nil
        }
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT text, ts FROM events
                WHERE group_id = ? AND member_id = ? AND ts >= ? AND ts <= ? AND kind = 'message' AND text IS NOT NULL
                    AND NOT (source = ? AND external_id = ?)
                ORDER BY ts DESC LIMIT 1
                """), arguments: [event.groupID, event.memberID, ts - SplitContact.window, ts, event.source, event.externalID])
        else { return nil }
        let previous: String = row["text"]
        guard previous.count <= SplitContact.maximumHalf else { return nil }
        return RecentMessage(text: previous, groupID: event.groupID, sentAt: Date(timeIntervalSince1970: row["ts"]))
    }
}
