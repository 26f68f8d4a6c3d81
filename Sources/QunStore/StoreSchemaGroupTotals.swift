import GRDB

extension StoreSchema {
    /// Per-group totals kept as the rows change, so a dashboard refresh reads one row per group (or per group and
    /// day) instead of counting a million members or a fortnight of check-ins every time.
    ///
    /// - `event_totals`: events stored per group, written by the event writer with each transaction.
    /// - `member_totals`: members in each group (active or muted, not pending) and `checkin_totals`: check-ins
    ///   per group and local day, both kept by triggers, because members and check-ins change on many paths
    ///   (ingest, moderation, undo, make-up check-ins). A total that falls to zero is deleted, so each table is
    ///   exactly what counting the rows would give; `store migrate` rebuilds them through PostgreSQL's
    ///   triggers and compares.
    static func registerGroupTotals(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v15-group-totals") { db in
            try db.execute(sql: """
                CREATE TABLE event_totals (group_id TEXT PRIMARY KEY, events INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE member_totals (group_id TEXT PRIMARY KEY, members INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE checkin_totals (
                    group_id TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    checkins INTEGER NOT NULL,
                    PRIMARY KEY (group_id, day)
                ) WITHOUT ROWID;

                CREATE TRIGGER member_totals_on_insert AFTER INSERT ON members
                WHEN NEW.status IN ('active', 'muted') AND NEW.role != 'pending'
                BEGIN
                    INSERT INTO member_totals (group_id, members) VALUES (NEW.group_id, 1)
                    ON CONFLICT (group_id) DO UPDATE SET members = members + 1;
                END;
                CREATE TRIGGER member_totals_on_update AFTER UPDATE OF group_id, status, role ON members
                WHEN OLD.group_id != NEW.group_id
                    OR (OLD.status IN ('active', 'muted') AND OLD.role != 'pending')
                        != (NEW.status IN ('active', 'muted') AND NEW.role != 'pending')
                BEGIN
                    UPDATE member_totals SET members = members - 1
                    WHERE group_id = OLD.group_id AND OLD.status IN ('active', 'muted') AND OLD.role != 'pending';
                    DELETE FROM member_totals WHERE group_id = OLD.group_id AND members = 0;
                    INSERT INTO member_totals (group_id, members)
                    SELECT NEW.group_id, 1 WHERE NEW.status IN ('active', 'muted') AND NEW.role != 'pending'
                    ON CONFLICT (group_id) DO UPDATE SET members = members + 1;
                END;
                CREATE TRIGGER member_totals_on_delete AFTER DELETE ON members
                WHEN OLD.status IN ('active', 'muted') AND OLD.role != 'pending'
                BEGIN
                    UPDATE member_totals SET members = members - 1 WHERE group_id = OLD.group_id;
                    DELETE FROM member_totals WHERE group_id = OLD.group_id AND members = 0;
                END;

                CREATE TRIGGER checkin_totals_on_insert AFTER INSERT ON checkins
                BEGIN
                    INSERT INTO checkin_totals (group_id, day, checkins) VALUES (NEW.group_id, NEW.day, 1)
                    ON CONFLICT (group_id, day) DO UPDATE SET checkins = checkins + 1;
                END;
                CREATE TRIGGER checkin_totals_on_update AFTER UPDATE OF group_id, day ON checkins
                WHEN OLD.group_id != NEW.group_id OR OLD.day != NEW.day
                BEGIN
                    UPDATE checkin_totals SET checkins = checkins - 1 WHERE group_id = OLD.group_id AND day = OLD.day;
                    DELETE FROM checkin_totals WHERE group_id = OLD.group_id AND day = OLD.day AND checkins = 0;
                    INSERT INTO checkin_totals (group_id, day, checkins) VALUES (NEW.group_id, NEW.day, 1)
                    ON CONFLICT (group_id, day) DO UPDATE SET checkins = checkins + 1;
                END;
                CREATE TRIGGER checkin_totals_on_delete AFTER DELETE ON checkins
                BEGIN
                    UPDATE checkin_totals SET checkins = checkins - 1 WHERE group_id = OLD.group_id AND day = OLD.day;
                    DELETE FROM checkin_totals WHERE group_id = OLD.group_id AND day = OLD.day AND checkins = 0;
                END;

                INSERT INTO event_totals (group_id, events) SELECT group_id, count(*) FROM events GROUP BY group_id;
                INSERT INTO member_totals (group_id, members)
                SELECT group_id, count(*) FROM members WHERE status IN ('active', 'muted') AND role != 'pending' GROUP BY group_id;
                INSERT INTO checkin_totals (group_id, day, checkins) SELECT group_id, day, count(*) FROM checkins GROUP BY group_id, day;
                """)
        }
    }
}
