import Foundation
import QunCore
import QunStore

/// `IngestHistory` in the transaction applying the events. The chunk's events are all inserted before the
/// first is decided, so look-ups in `events` take only rows numbered before the event being decided
/// (`currentSeq`) — what SQLite, inserting one by one, would have had. Check-ins still pending are written
/// before the check-in days are read; queue items are written as decided.
extension PostgresEventWriter: IngestHistory {
    func messageTimes(groupID: String, memberID: String, after: Double, before: Double) throws -> [Double] {
        try session.query(
            """
            SELECT ts FROM events WHERE group_id = $1 AND member_id = $2 AND kind = 'message' AND ts > $3 AND ts < $4 AND seq < $5
            """, [.text(groupID), .text(memberID), .double(after), .double(before), .int(currentSeq)]
        ).map { try $0.double("ts") }
    }

    func latestMessage(
        groupID: String, memberID: String, from: Double, through: Double, excludingSource source: String, externalID: String
    ) throws -> RecentMessage? {
        try session.queryOne(
            """
            SELECT text, ts FROM events
            WHERE group_id = $1 AND member_id = $2 AND ts >= $3 AND ts <= $4 AND kind = 'message' AND text IS NOT NULL
                AND NOT (source = $5 AND external_id = $6) AND seq < $7
            ORDER BY ts DESC, seq DESC LIMIT 1
            """, [.text(groupID), .text(memberID), .double(from), .double(through), .text(source), .text(externalID), .int(currentSeq)]
        ).map { RecentMessage(text: try $0.string("text"), groupID: groupID, sentAt: try $0.date("ts")) }
    }

    func hasFloodCase(groupID: String, memberID: String, since: Double) throws -> Bool {
        try session.queryOne(
            "SELECT 1 AS found FROM moderation_cases WHERE group_id = $1 AND member_id = $2 AND rule = 'flood' AND created_at >= $3 LIMIT 1",
            [.text(groupID), .text(memberID), .double(since)]) != nil
    }

    func caseRecord(groupID: String, memberID: String) throws -> MemberCaseRecord {
        let row = try session.queryOne(
            """
            SELECT (SELECT count(*) FROM moderation_cases WHERE group_id = $1 AND member_id = $2) AS cases,
                (SELECT max(ts) FROM events WHERE group_id = $1 AND member_id = $2 AND kind = 'rename' AND seq < $3) AS renamed_at
            """, [.text(groupID), .text(memberID), .int(currentSeq)])
        guard let row else { throw PostgresStoreError.missingColumn("cases") }
        return MemberCaseRecord(cases: try row.int("cases"), renamedAt: try row.optionalDouble("renamed_at"))
    }

    func checkinDays(groupID: String, memberID: String) throws -> [Int] {
        try writeCheckins()
        return try session.query("SELECT day FROM checkins WHERE group_id = $1 AND member_id = $2", [.text(groupID), .text(memberID)])
            .map { try $0.int("day") }
    }
}
