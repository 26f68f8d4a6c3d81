import Foundation
import QunCore
import QunStore

/// What a rule does on its own at ingest (delete the message, mute the member), on PostgreSQL: the same
/// decision and persistence as an admin's action (`ModerationActions.act`), recorded for actor "rules".
enum PostgresAutomaticActions {
    static func act(on caseID: Int64, _ action: ModerationAction, reason: String, now: Date, in session: PostgresSession) throws {
        // The PostgreSQL ModerationActions (decide with `ModerationDecision`, then the queue item, member,
        // warning, audit entry and outbox rows) is another change; until it is merged, a rule that acts on
        // its own stops the ingest here rather than leave the item half-handled.
        throw StoreError.invalid(
            "rule action \(action.name) on queue item \(caseID) (\(reason)) needs ModerationActions on PostgreSQL, not merged yet")
    }
}
