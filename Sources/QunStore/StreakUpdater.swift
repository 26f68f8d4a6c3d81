import Foundation
import GRDB
import QunCore

/// Keeps members.checkin_streak / longest_streak / last_checkin_day in step with the checkins table for a
/// check-in stored outside ingest (a 补签); ingest's own check-ins move the streak through `EventConsequences`.
enum StreakUpdater {
    /// After a check-in on `newDay` was stored.
    static func update(groupID: String, memberID: String, newDay: LocalDay, in db: Database) throws {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT checkin_streak, longest_streak, last_checkin_day FROM members WHERE group_id = ? AND member_id = ?
                """), arguments: [groupID, memberID])
        guard let row else { return }
        let stored = StreakState(current: row["checkin_streak"], longest: row["longest_streak"], lastDay: row["last_checkin_day"])
        let next = try stored.checkingIn(on: newDay)
            ?? StreakState(StreakCalculator.compute(days: days(groupID: groupID, memberID: memberID, in: db).map(LocalDay.init(number:))))
        try db.cachedStatement(sql: """
            UPDATE members SET checkin_streak = ?, longest_streak = ?, last_checkin_day = ? WHERE group_id = ? AND member_id = ?
            """).execute(arguments: [next.current, next.longest, next.lastDay, groupID, memberID])
    }

    /// Every day the member checked in in the group.
    static func days(groupID: String, memberID: String, in db: Database) throws -> [Int] {
        try Int.fetchAll(
            db.cachedStatement(sql: "SELECT day FROM checkins WHERE group_id = ? AND member_id = ?"), arguments: [groupID, memberID])
    }
}
