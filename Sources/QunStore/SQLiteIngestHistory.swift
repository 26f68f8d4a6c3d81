import Foundation
import GRDB
import QunCore

/// `IngestHistory` from the write transaction applying the events: every event and derived row is written
/// as it is applied, so the answers include everything applied before the event being decided.
struct SQLiteIngestHistory: IngestHistory {
    let db: Database
    private let recentMessages: HotStatement

    init(_ db: Database) throws {
        self.db = db
        recentMessages = try HotStatement(db, sql: """
            SELECT ts FROM events WHERE group_id = ? AND member_id = ? AND kind = 'message' AND ts > ? AND ts < ?
            """)
    }

    func messageTimes(groupID: String, memberID: String, after: Double, before: Double) throws -> [Double] {
        try recentMessages.bind(.text(groupID), .text(memberID), .real(after), .real(before)).doubles()
    }

    func latestMessage(
        groupID: String, memberID: String, from: Double, through: Double, excludingSource source: String, externalID: String
    ) throws -> RecentMessage? {
        try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT text, ts FROM events
                WHERE group_id = ? AND member_id = ? AND ts >= ? AND ts <= ? AND kind = 'message' AND text IS NOT NULL
                    AND NOT (source = ? AND external_id = ?)
                ORDER BY ts DESC LIMIT 1
                """), arguments: [groupID, memberID, from, through, source, externalID]
        ).map { RecentMessage(text: $0["text"], groupID: groupID, sentAt: Date(timeIntervalSince1970: $0["ts"])) }
    }

    func hasFloodCase(groupID: String, memberID: String, since: Double) throws -> Bool {
        try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT 1 FROM moderation_cases WHERE group_id = ? AND member_id = ? AND rule = 'flood' AND created_at >= ?
                """), arguments: [groupID, memberID, since]) != nil
    }

    func caseRecord(groupID: String, memberID: String) throws -> MemberCaseRecord {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT (SELECT count(*) FROM moderation_cases WHERE group_id = ?1 AND member_id = ?2) AS cases,
                    (SELECT max(ts) FROM events WHERE group_id = ?1 AND member_id = ?2 AND kind = 'rename') AS renamed_at
                """), arguments: [groupID, memberID])!
        return MemberCaseRecord(cases: row["cases"], renamedAt: row["renamed_at"])
    }

    func checkinDays(groupID: String, memberID: String) throws -> [Int] {
        try StreakUpdater.days(groupID: groupID, memberID: memberID, in: db)
    }
}
