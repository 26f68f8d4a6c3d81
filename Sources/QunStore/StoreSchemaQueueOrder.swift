import GRDB

extension StoreSchema {
    /// The review queue ranks open items by escalation, severity, the member's other items ("repeat offenders
    /// rise") and age. Counting each open item's other items on every refresh grew with the open queue (66 ms
    /// at 17,778 open items); kept on the row as `prior_cases`, the ranking is a walk of one partial index that
    /// stops at the rows shown.
    ///
    /// `prior_cases` = the member's items in the group that are not join requests, other than this one. Triggers
    /// recount the member's rows whenever one of their items arrives (or, never in practice, changes member, kind
    /// or is deleted): a recount, not an increment, so rows arriving together come out right.
    static func registerQueueOrder(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v16-queue-order") { db in
            try db.execute(sql: """
                ALTER TABLE moderation_cases ADD COLUMN prior_cases INTEGER NOT NULL DEFAULT 0;
                UPDATE moderation_cases SET prior_cases = (
                    SELECT count(*) FROM moderation_cases p
                    WHERE p.group_id = moderation_cases.group_id AND p.member_id = moderation_cases.member_id
                        AND p.id != moderation_cases.id AND p.kind != 'join_request');
                CREATE INDEX moderation_queue_order ON moderation_cases
                    (status = 'escalated' DESC, severity DESC, prior_cases DESC, created_at, id) WHERE status != 'resolved';

                CREATE TRIGGER moderation_prior_on_insert AFTER INSERT ON moderation_cases
                BEGIN
                    \(recount("NEW"))
                END;
                CREATE TRIGGER moderation_prior_on_update AFTER UPDATE OF group_id, member_id, kind ON moderation_cases
                WHEN OLD.group_id != NEW.group_id OR OLD.member_id != NEW.member_id OR OLD.kind != NEW.kind
                BEGIN
                    \(recount("OLD"))
                    \(recount("NEW"))
                END;
                CREATE TRIGGER moderation_prior_on_delete AFTER DELETE ON moderation_cases
                BEGIN
                    \(recount("OLD"))
                END;
                """)
        }
    }

    /// Sets `prior_cases` on every item of the member named by the trigger's `row` (NEW or OLD).
    private static func recount(_ row: String) -> String {
        """
        UPDATE moderation_cases SET prior_cases = (
                SELECT count(*) FROM moderation_cases p
                WHERE p.group_id = \(row).group_id AND p.member_id = \(row).member_id AND p.kind != 'join_request'
            ) - (kind != 'join_request')
        WHERE group_id = \(row).group_id AND member_id = \(row).member_id;
        """
    }
}
