import GRDB

/// Every schema change is a new migration appended here; shipped migrations never change.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
                CREATE TABLE groups (
                    id TEXT PRIMARY KEY,
                    platform TEXT NOT NULL,
                    name TEXT NOT NULL,
                    timezone TEXT NOT NULL,
                    owner_id TEXT,
                    nickname_format TEXT,
                    created_at REAL NOT NULL
                );

                -- Append-only. (source, external_id) makes re-imports and replays idempotent.
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    group_id TEXT NOT NULL,
                    ts REAL NOT NULL,
                    kind TEXT NOT NULL,
                    member_id TEXT NOT NULL,
                    member_name TEXT,
                    text TEXT,
                    actor_id TEXT,
                    via TEXT,
                    reply_to TEXT,
                    amount_fen INTEGER,
                    campaign_id TEXT,
                    raw TEXT,
                    ingested_at REAL NOT NULL,
                    UNIQUE (source, external_id)
                );
                CREATE INDEX events_by_group_time ON events (group_id, ts);
                CREATE INDEX events_by_member ON events (group_id, member_id, ts);

                CREATE TABLE members (
                    group_id TEXT NOT NULL,
                    member_id TEXT NOT NULL,
                    display_name TEXT NOT NULL,
                    nickname TEXT,
                    name_at REAL NOT NULL,
                    role TEXT NOT NULL DEFAULT 'member',
                    status TEXT NOT NULL DEFAULT 'active',
                    status_at REAL NOT NULL,
                    muted_until REAL,
                    tags TEXT NOT NULL DEFAULT '',
                    inviter_id TEXT,
                    join_source TEXT,
                    joined_at REAL,
                    first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL,
                    message_count INTEGER NOT NULL DEFAULT 0,
                    checkin_streak INTEGER NOT NULL DEFAULT 0,
                    longest_streak INTEGER NOT NULL DEFAULT 0,
                    last_checkin_day INTEGER,
                    PRIMARY KEY (group_id, member_id)
                ) WITHOUT ROWID;
                CREATE INDEX members_by_checkin ON members (group_id, last_checkin_day);

                -- Per group and UTC hour, maintained at ingest so panes never scan events.
                CREATE TABLE activity_hourly (
                    group_id TEXT NOT NULL,
                    hour INTEGER NOT NULL,
                    local_day INTEGER NOT NULL,
                    local_hour INTEGER NOT NULL,
                    messages INTEGER NOT NULL DEFAULT 0,
                    joins INTEGER NOT NULL DEFAULT 0,
                    leaves INTEGER NOT NULL DEFAULT 0,
                    removes INTEGER NOT NULL DEFAULT 0,
                    bans INTEGER NOT NULL DEFAULT 0,
                    checkins INTEGER NOT NULL DEFAULT 0,
                    claims INTEGER NOT NULL DEFAULT 0,
                    orders INTEGER NOT NULL DEFAULT 0,
                    order_fen INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (group_id, hour)
                ) WITHOUT ROWID;

                -- Who spoke on which local day (dropped in v10: members.last_message_at answers "active today").
                CREATE TABLE member_days (
                    group_id TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    member_id TEXT NOT NULL,
                    messages INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (group_id, day, member_id)
                ) WITHOUT ROWID;

                CREATE TABLE checkins (
                    group_id TEXT NOT NULL,
                    member_id TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    ts REAL NOT NULL,
                    makeup INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (group_id, member_id, day)
                ) WITHOUT ROWID;
                CREATE INDEX checkins_by_day ON checkins (group_id, day);

                CREATE TABLE moderation_cases (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open',
                    group_id TEXT NOT NULL,
                    member_id TEXT NOT NULL,
                    event_source TEXT,
                    event_external_id TEXT,
                    rule TEXT,
                    reason TEXT NOT NULL,
                    evidence TEXT,
                    severity INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    claimed_by TEXT,
                    resolution TEXT,
                    resolved_at REAL,
                    UNIQUE (event_source, event_external_id, kind, rule)
                );
                CREATE INDEX moderation_open ON moderation_cases (status, severity, created_at);

                CREATE TABLE campaigns (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    group_ids TEXT NOT NULL,
                    theme TEXT,
                    hook TEXT,
                    product TEXT,
                    goal_metric TEXT NOT NULL,
                    goal_target INTEGER NOT NULL,
                    budget_fen INTEGER NOT NULL,
                    starts_at REAL,
                    ends_at REAL,
                    next_run_at REAL,
                    created_at REAL NOT NULL
                );

                -- Campaign KPIs rolled up from events that name the campaign.
                CREATE TABLE campaign_stats (
                    campaign_id TEXT PRIMARY KEY,
                    claims INTEGER NOT NULL DEFAULT 0,
                    orders INTEGER NOT NULL DEFAULT 0,
                    joins INTEGER NOT NULL DEFAULT 0,
                    checkins INTEGER NOT NULL DEFAULT 0,
                    messages INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE ledger (
                    id INTEGER PRIMARY KEY,
                    campaign_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    amount_fen INTEGER NOT NULL,
                    member_id TEXT,
                    group_id TEXT,
                    note TEXT,
                    event_seq INTEGER UNIQUE,
                    recorded_at REAL NOT NULL
                );
                CREATE INDEX ledger_by_campaign ON ledger (campaign_id, recorded_at);

                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    group_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    due_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX outbox_by_status ON outbox (status, due_at);

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    group_id TEXT,
                    member_id TEXT,
                    case_id INTEGER,
                    campaign_id TEXT,
                    reason TEXT,
                    rule TEXT,
                    evidence TEXT,
                    before TEXT,
                    undoes INTEGER
                );
                CREATE INDEX audit_by_member ON audit_log (member_id, at);

                -- Where `ingest --follow` stopped in each file, so a restart resumes there.
                CREATE TABLE ingest_cursors (
                    path TEXT PRIMARY KEY,
                    device INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    offset INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    updated_at REAL NOT NULL
                );
                """)
        }
        registerScaleIndexes(&migrator)
        registerMemberInsight(&migrator)
        registerModeration(&migrator)
        registerGroupNameTime(&migrator)
        registerRuleSet(&migrator)
        registerCampaignPlans(&migrator)
        registerChineseReasons(&migrator)
        registerMemberStatusIndex(&migrator)
        registerDropMemberDays(&migrator)
        registerOutboxContract(&migrator)
        registerClassifierSamples(&migrator)
        registerDashboardLease(&migrator)
        registerCaseVersions(&migrator)
        registerGroupTotals(&migrator)
        registerQueueOrder(&migrator)
        return migrator
    }
}

extension StoreSchema {
    /// Indexes the queue and member queries need at scale; a migration of their own so existing stores gain them.
    static func registerScaleIndexes(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-queue-indexes") { db in
            try db.execute(sql: """
                CREATE INDEX moderation_by_member ON moderation_cases (group_id, member_id);
                """)
        }
    }
}

extension StoreSchema {
    /// Member insight (issue 5): per-group check-in keywords, per-member counters kept at ingest, notes.
    static func registerMemberInsight(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-member-insight") { db in
            try db.execute(sql: """
                ALTER TABLE groups ADD COLUMN checkin_keywords TEXT;
                ALTER TABLE members ADD COLUMN last_message_at REAL;
                ALTER TABLE members ADD COLUMN checkin_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE members ADD COLUMN order_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE members ADD COLUMN order_fen INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE members ADD COLUMN claim_count INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX members_by_inviter ON members (group_id, inviter_id);
                CREATE INDEX members_by_last_message ON members (group_id, last_message_at);

                -- Backfill from what is already stored, so existing stores gain the counters.
                UPDATE members SET
                    last_message_at = (SELECT max(ts) FROM events e WHERE e.group_id = members.group_id
                        AND e.member_id = members.member_id AND e.kind = 'message'),
                    checkin_count = (SELECT count(*) FROM checkins c WHERE c.group_id = members.group_id
                        AND c.member_id = members.member_id),
                    order_count = (SELECT count(*) FROM events e WHERE e.group_id = members.group_id
                        AND e.member_id = members.member_id AND e.kind = 'order'),
                    order_fen = (SELECT coalesce(sum(amount_fen), 0) FROM events e WHERE e.group_id = members.group_id
                        AND e.member_id = members.member_id AND e.kind = 'order'),
                    claim_count = (SELECT count(*) FROM events e WHERE e.group_id = members.group_id
                        AND e.member_id = members.member_id AND e.kind = 'redpacket_claim');

                CREATE TABLE member_notes (
                    id INTEGER PRIMARY KEY,
                    group_id TEXT NOT NULL,
                    member_id TEXT NOT NULL,
                    at REAL NOT NULL,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX member_notes_by_member ON member_notes (group_id, member_id, at);
                """)
        }
    }
}

extension StoreSchema {
    /// Moderation actions (issue 4): warnings that expire, notes on queue items, deleted messages, and
    /// each group's penalty ladder.
    static func registerModeration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-moderation-actions") { db in
            try db.execute(sql: """
                CREATE TABLE warnings (
                    id INTEGER PRIMARY KEY,
                    group_id TEXT NOT NULL,
                    member_id TEXT NOT NULL,
                    at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    reason TEXT,
                    case_id INTEGER,
                    audit_id INTEGER,
                    revoked_at REAL
                );
                CREATE INDEX warnings_by_member ON warnings (group_id, member_id, expires_at);

                CREATE TABLE case_notes (
                    id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL,
                    at REAL NOT NULL,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX case_notes_by_case ON case_notes (case_id, at);

                -- Messages removed by a moderator; the event itself stays (nothing is hard-deleted).
                CREATE TABLE deleted_messages (
                    event_source TEXT NOT NULL,
                    event_external_id TEXT NOT NULL,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    audit_id INTEGER,
                    restored_at REAL,
                    PRIMARY KEY (event_source, event_external_id)
                );

                CREATE TABLE group_settings (
                    group_id TEXT PRIMARY KEY,
                    penalty_ladder TEXT
                );
                """)
        }
    }
}

extension StoreSchema {
    /// When each group's name was last set, so an older export imported after a newer one keeps the newer name.
    static func registerGroupNameTime(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-group-name-time") { db in
            try db.execute(sql: "ALTER TABLE groups ADD COLUMN name_at REAL")
        }
    }
}

extension StoreSchema {
    /// The community's content rules (a `RuleSet` as JSON), one row; absent means the standard rules.
    static func registerRuleSet(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-rule-set") { db in
            try db.execute(sql: """
                CREATE TABLE rule_set (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    json TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                """)
        }
    }
}

extension StoreSchema {
    /// v7: the whole plan as JSON, idempotent ledger bookings, outbox items that name their campaign,
    /// each campaign's scheduler cursor and its lottery draws.
    static func registerCampaignPlans(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-campaign-plans") { db in
            try db.execute(sql: """
                ALTER TABLE campaigns ADD COLUMN plan_json TEXT;

                -- LedgerDraft.dedupeKey: booking the same reward or prize twice is impossible (NULLs stay apart).
                ALTER TABLE ledger ADD COLUMN dedupe_key TEXT;
                CREATE UNIQUE INDEX ledger_by_dedupe_key ON ledger (dedupe_key);

                ALTER TABLE outbox ADD COLUMN campaign_id TEXT;
                CREATE INDEX outbox_by_campaign ON outbox (campaign_id, id);
                CREATE INDEX audit_by_campaign ON audit_log (campaign_id, at);

                -- The end of each campaign's last scheduler tick: the next tick posts the slots after it.
                CREATE TABLE campaign_runs (
                    campaign_id TEXT PRIMARY KEY,
                    last_run REAL NOT NULL
                );

                -- Every draw with its seed (a UInt64, kept as decimal text) so anyone can reproduce it.
                CREATE TABLE lottery_draws (
                    campaign_id TEXT NOT NULL,
                    round INTEGER NOT NULL,
                    seed TEXT NOT NULL,
                    draw_json TEXT NOT NULL,
                    drawn_at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    PRIMARY KEY (campaign_id, round)
                );
                """)
        }
    }
}

extension StoreSchema {
    /// The rules' reasons in Chinese beside the English ones, so `--lang zh` shows the queue in Chinese.
    static func registerChineseReasons(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-case-reason-zh") { db in
            try db.execute(sql: "ALTER TABLE moderation_cases ADD COLUMN reason_zh TEXT")
        }
    }
}

extension StoreSchema {
    /// Who is in each group is counted on every dashboard refresh: a covering index makes that a scan of
    /// small keys instead of every member row (30 → 10 ms at 100,000 members). Statuses change only on
    /// membership events, so ingest rarely touches it.
    static func registerMemberStatusIndex(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-members-by-status") { db in
            try db.execute(sql: "CREATE INDEX members_by_status ON members (group_id, status, role)")
        }
    }
}

extension StoreSchema {
    /// Who spoke on which day was written for every message but read only as "active today" and a member's
    /// 30-day count; `members.last_message_at` and the events-by-member index answer both, and ingest loses
    /// one B-tree write per message (and the store a tenth of its size).
    static func registerDropMemberDays(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10-drop-member-days") { db in
            try db.execute(sql: "DROP TABLE member_days")
        }
    }
}

extension StoreSchema {
    /// The outbox as a contract with connector processes (issue 14): typed, versioned commands with the
    /// platform's own ids, claims with leases, attempts, the platform's answer, and a real reference to the
    /// audit entry that queued each item. Beside it: each group's chat id on its platform (it changes when a
    /// Telegram group becomes a supergroup) and whether the bot can still reach it, each connector's
    /// heartbeat, and where its update stream was read up to.
    static func registerOutboxContract(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11-outbox-contract") { db in
            try db.execute(sql: """
                CREATE TABLE platform_chats (
                    group_id TEXT PRIMARY KEY,
                    chat_id TEXT NOT NULL,
                    disconnected_at REAL,
                    disconnected_reason TEXT
                );

                CREATE TABLE outbox_v11 (
                    id INTEGER PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    group_id TEXT NOT NULL,
                    platform TEXT NOT NULL,
                    verb TEXT NOT NULL,
                    command TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'held', 'claimed', 'sent', 'failed', 'cancelled', 'unknown')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    claimed_by TEXT,
                    lease_until REAL,
                    attempt_started_at REAL,
                    next_attempt_at REAL,
                    last_error TEXT,
                    response TEXT,
                    audit_id INTEGER REFERENCES audit_log (id),
                    campaign_id TEXT,
                    -- A campaign post's purpose (push, reward, winners…), for listings.
                    purpose TEXT,
                    created_at REAL NOT NULL,
                    due_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );

                CREATE TABLE connector_status (
                    connector TEXT PRIMARY KEY,
                    platform TEXT NOT NULL,
                    state TEXT NOT NULL,
                    detail TEXT,
                    until REAL,
                    pid INTEGER,
                    heartbeat_at REAL NOT NULL
                );

                CREATE TABLE connector_cursors (
                    connector TEXT PRIMARY KEY,
                    next_offset INTEGER NOT NULL,
                    updated_at REAL NOT NULL
                );
                """)
            try LegacyOutbox.migrate(db)
            try db.execute(sql: """
                DROP TABLE outbox;
                ALTER TABLE outbox_v11 RENAME TO outbox;
                CREATE INDEX outbox_due ON outbox (platform, state, due_at);
                CREATE INDEX outbox_by_campaign ON outbox (campaign_id, id);
                CREATE INDEX outbox_by_audit ON outbox (audit_id);
                CREATE INDEX outbox_by_group ON outbox (group_id, state);
                """)
        }
    }
}

extension StoreSchema {
    /// What the spam classifier learned beyond its compiled-in seed: admins' decisions and `rules learn`
    /// files. The model is rebuilt from the seed and these rows, so every process of a team shares it; an
    /// undone decision keeps its row, with `removed_at`, for the audit trail.
    static func registerClassifierSamples(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v12-classifier-samples") { db in
            try db.execute(sql: """
                CREATE TABLE classifier_samples (
                    id INTEGER PRIMARY KEY,
                    label TEXT NOT NULL CHECK (label IN ('spam', 'ham')),
                    source TEXT NOT NULL CHECK (source IN ('admin', 'file')),
                    text TEXT NOT NULL,
                    group_id TEXT,
                    member_id TEXT,
                    case_id INTEGER,
                    audit_id INTEGER,
                    file TEXT,
                    line INTEGER,
                    added_at REAL NOT NULL,
                    removed_at REAL
                );
                CREATE INDEX classifier_samples_by_audit ON classifier_samples (audit_id);
                """)
        }
    }
}

extension StoreSchema {
    /// Named leases (the campaign scheduler's), so two dashboards or `qundeck run`s never both run a job.
    static func registerDashboardLease(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13-scheduler-lease") { db in
            try db.execute(sql: "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at REAL NOT NULL)")
        }
    }
}

extension StoreSchema {
    /// Several admins at once: a queue item's version moves on every change, so an action decided on what a
    /// screen showed is refused once someone else changed the item; a claim holds the item until it runs out.
    /// The audit index finds who changed an item last, for the conflict's message.
    static func registerCaseVersions(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14-case-versions") { db in
            try db.execute(sql: """
                ALTER TABLE moderation_cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE moderation_cases ADD COLUMN claimed_until REAL;
                CREATE INDEX audit_by_case ON audit_log (case_id, id);
                """)
        }
    }
}
