import Foundation
import GRDB
import QunCore

extension SQLiteStore {
    public func penaltyLadder(groupID: String) throws -> PenaltyLadder {
        try pool.read { db in try Self.penaltyLadder(groupID: groupID, in: db) }
    }

    static func penaltyLadder(groupID: String, in db: Database) throws -> PenaltyLadder {
        StoredPenaltyLadder.decode(
            try String.fetchOne(db, sql: "SELECT penalty_ladder FROM group_settings WHERE group_id = ?", arguments: [groupID]))
    }

    public func setPenaltyLadder(_ ladder: PenaltyLadder, groupID: String) throws {
        let json = String(decoding: try JSONEncoder().encode(ladder), as: UTF8.self)
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO group_settings (group_id, penalty_ladder) VALUES (?, ?) ON CONFLICT(group_id) DO UPDATE SET penalty_ladder = excluded.penalty_ladder",
                arguments: [groupID, json])
        }
    }

    /// Warnings in force for a member at `now` (not expired, not revoked).
    public func activeWarnings(groupID: String, memberID: String, now: Date = Date()) throws -> Int {
        try pool.read { db in try Self.activeWarnings(groupID: groupID, memberID: memberID, now: now, in: db) }
    }

    static func activeWarnings(groupID: String, memberID: String, now: Date, in db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM warnings WHERE group_id = ? AND member_id = ? AND expires_at > ? AND revoked_at IS NULL",
            arguments: [groupID, memberID, now.timeIntervalSince1970]) ?? 0
    }

    /// Applies `action` to every case in `caseIDs` in one transaction (all or nothing). Each case gets an
    /// audit entry (who, when, what, why, rule and evidence, and the state before) and, where the platform
    /// must act, an outbox item. A case whose version moved past `expectedVersions[id]`, or that another admin
    /// holds a running claim on, stops the whole action with a `ModerationConflict`. Returns the audit entry ids.
    @discardableResult
    public func act(
        on caseIDs: [Int64], _ action: ModerationAction, actor: String, reason: String? = nil, expectedVersions: [Int64: Int64] = [:],
        now: Date = Date()
    ) throws -> [Int64] {
        guard !caseIDs.isEmpty else { throw StoreError.invalid("no queue items given") }
        return try pool.write { db in
            try caseIDs.map { id in
                try Self.act(on: id, action, actor: actor, reason: reason, expectedVersion: expectedVersions[id], now: now, in: db)
            }
        }
    }

    static func act(
        on caseID: Int64, _ action: ModerationAction, actor: String, reason: String?, expectedVersion: Int64? = nil, now: Date, in db: Database
    ) throws -> Int64 {
        let item = try moderationCase(caseID, in: db)
        try CaseGuard.checkAction(
            action, by: actor, on: item, expectedVersion: expectedVersion, lastChange: try lastChange(of: caseID, in: db), now: now)
        let memberRow = try Row.fetchOne(
            db, sql: "SELECT role, status, status_at, muted_until, nickname, display_name FROM members WHERE group_id = ? AND member_id = ?",
            arguments: [item.groupID, item.memberID])
        let facts = ModerationFacts(
            item: item,
            member: memberRow.map {
                ModerationFacts.MemberState(
                    role: MemberRole(rawValue: $0["role"]) ?? .member, status: MemberStatus(rawValue: $0["status"]) ?? .active,
                    statusAt: Date(timeIntervalSince1970: $0["status_at"]),
                    mutedUntil: ($0["muted_until"] as Double?).map(Date.init(timeIntervalSince1970:)))
            },
            memberName: memberRow.flatMap { ($0["nickname"] as String?) ?? ($0["display_name"] as String?) }.flatMap { $0.isEmpty ? nil : $0 },
            ladder: try penaltyLadder(groupID: item.groupID, in: db),
            activeWarnings: try activeWarnings(groupID: item.groupID, memberID: item.memberID, now: now, in: db),
            chat: try PlatformAddress.chat(groupID: item.groupID, in: db), user: PlatformAddress.user(memberID: item.memberID),
            message: item.eventSource.flatMap { source in item.eventExternalID.map { PlatformID.message(source: source, externalID: $0) } })
        let outcome: ModerationOutcome
        do {
            outcome = try ModerationDecision.decide(action, facts: facts, reason: reason, now: now)
        } catch let error as ModerationError {
            throw StoreError.invalid(error.description)
        }
        return try persist(
            outcome, of: action, on: item, before: ModerationSnapshot(before: item, member: facts.member), actor: actor, reason: reason, now: now,
            in: db)
    }

    /// A queue item, read in the writing transaction.
    static func moderationCase(_ caseID: Int64, in db: Database) throws -> ModerationCase {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM moderation_cases WHERE id = ?", arguments: [caseID]) else {
            throw StoreError.invalid("no queue item \(caseID)")
        }
        return try ModerationCase(stored: row)
    }

    /// The newest audit entry about a queue item: who changed it last.
    static func lastChange(of caseID: Int64, in db: Database) throws -> AuditEntry? {
        try AuditEntry.fetchOne(db, sql: "SELECT * FROM audit_log WHERE case_id = ? ORDER BY id DESC LIMIT 1", arguments: [caseID])
    }

    /// Moves the item's version on, from the version it was read at: the one place every change of a queue
    /// item passes, so a change someone else made in between turns into a conflict instead of being overwritten.
    static func bumpVersion(of item: ModerationCase, now: Date, in db: Database) throws {
        try db.execute(sql: "UPDATE moderation_cases SET version = version + 1 WHERE id = ? AND version = ?", arguments: [item.id, item.version])
        guard db.changesCount == 1 else {
            throw CaseGuard.handled(try moderationCase(item.id, in: db), lastChange: try lastChange(of: item.id, in: db), now: now)
        }
    }

    /// Applies a decision: the queue item, the member, the warning, the deleted message, the audit entry
    /// with the state before (for undo), and the outbox items, all in the caller's transaction.
    private static func persist(
        _ outcome: ModerationOutcome, of action: ModerationAction, on item: ModerationCase, before: ModerationSnapshot, actor: String,
        reason: String?, now: Date, in db: Database
    ) throws -> Int64 {
        let ts = now.timeIntervalSince1970
        var snapshot = before
        try bumpVersion(of: item, now: now, in: db)
        if outcome.deletesMessage { snapshot.deletedMessage = try markDeleted(item, actor: actor, now: now, in: db) }
        if let warning = outcome.warning {
            try db.execute(
                sql: "INSERT INTO warnings (group_id, member_id, at, expires_at, reason, case_id) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [item.groupID, item.memberID, ts, warning.expires.timeIntervalSince1970, warning.reason, item.id])
            snapshot.warningID = db.lastInsertedRowID
        }
        if outcome.escalates {
            try db.execute(sql: "UPDATE moderation_cases SET status = 'escalated' WHERE id = ?", arguments: [item.id])
        }
        if outcome.claims {
            try db.execute(sql: "UPDATE moderation_cases SET claimed_by = ? WHERE id = ?", arguments: [actor, item.id])
        }
        if let resolution = outcome.resolution {
            try db.execute(
                sql: """
                    UPDATE moderation_cases SET status = 'resolved', resolution = ?, resolved_at = ?, claimed_by = coalesce(claimed_by, ?),
                        claimed_until = NULL
                    WHERE id = ?
                    """,
                arguments: [resolution, ts, actor, item.id])
        }
        if outcome.memberStatus != nil || outcome.memberRole != nil {
            try db.execute(
                sql: """
                    UPDATE members SET status = coalesce(?, status), role = coalesce(?, role), status_at = ?, muted_until = ?
                    WHERE group_id = ? AND member_id = ?
                    """,
                arguments: [outcome.memberStatus?.rawValue, outcome.memberRole?.rawValue, ts, outcome.mutedUntil?.timeIntervalSince1970,
                            item.groupID, item.memberID])
        }
        let auditID = try AuditWrites.record(
            try outcome.auditDraft(of: action, on: item, actor: actor, reason: reason, before: snapshot, now: now), in: db)
        if let warning = snapshot.warningID {
            try db.execute(sql: "UPDATE warnings SET audit_id = ? WHERE id = ?", arguments: [auditID, warning])
        }
        try OutboxWrites.enqueue(OutboxDraft.commands(outcome.commands, of: auditID, groupID: item.groupID, now: now), now: now, in: db)
        try ClassifierLearning.learn(fromCase: item, action: action, actor: actor, auditID: auditID, now: now, in: db)  // classifier: learn from the decision
        return auditID
    }

    /// Records a moderator's deletion; false when it was already deleted.
    private static func markDeleted(_ item: ModerationCase, actor: String, now: Date, in db: Database) throws -> Bool {
        guard let source = item.eventSource, let id = item.eventExternalID else { return false }
        try db.execute(
            sql: "INSERT OR IGNORE INTO deleted_messages (event_source, event_external_id, at, actor) VALUES (?, ?, ?, ?)",
            arguments: [source, id, now.timeIntervalSince1970, actor])
        return db.changesCount == 1
    }

    /// Undoes an audit entry, or — when `auditID` is nil — the actor's latest action: every entry of that
    /// one action (a bulk action writes one entry per item at the same instant). Restores the queue items and
    /// members as they were, revokes warnings, cancels unsent outbox items and queues the reverse platform
    /// actions. Each undo is itself an audit entry pointing at the one it reverses; nothing is deleted.
    @discardableResult
    public func undo(auditID: Int64? = nil, actor: String, now: Date = Date()) throws -> [AuditEntry] {
        try pool.write { db in
            let undoable = "case_id IS NOT NULL AND undoes IS NULL AND before IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undoes = a.id)"
            let rows: [Row]
            if let auditID {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM audit_log WHERE id = ?", arguments: [auditID]) else {
                    throw StoreError.invalid("no audit entry \(auditID)")
                }
                rows = [row]
            } else {
                guard let latest = try Row.fetchOne(
                    db, sql: "SELECT * FROM audit_log a WHERE actor = ? AND \(undoable) ORDER BY id DESC LIMIT 1", arguments: [actor])
                else { throw StoreError.invalid("nothing of \(actor)'s to undo") }
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_log a WHERE actor = ? AND at = ? AND action = ? AND \(undoable) ORDER BY id DESC",
                    arguments: [actor, latest["at"] as Double, latest["action"] as String])
            }
            return try rows.map { try Self.undoEntry($0, actor: actor, now: now, in: db) }
        }
    }

    private static func undoEntry(_ row: Row, actor: String, now: Date, in db: Database) throws -> AuditEntry {
        let undone = try AuditEntry(stored: row)
        guard undone.undoes == nil, let caseID = undone.caseID, let groupID = undone.groupID, let json = undone.before,
            let snapshot = try? JSONDecoder().decode(ModerationSnapshot.self, from: Data(json.utf8))
        else { throw StoreError.invalid("audit entry \(undone.id) (\(undone.action)) cannot be undone") }
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE undoes = ?", arguments: [undone.id])! > 0 {
            throw StoreError.invalid("audit entry \(undone.id) was already undone")
        }
        let ts = now.timeIntervalSince1970
        let items = try OutboxItem.fetchAll(db, sql: "SELECT * FROM outbox WHERE audit_id = ? ORDER BY id", arguments: [undone.id])
        let undo = ModerationUndo.plan(snapshot, outboxItems: items.map { ($0.id, $0.command, $0.state) })
        try db.execute(
            sql: """
                UPDATE moderation_cases SET status = ?, resolution = ?, resolved_at = ?, claimed_by = ?, claimed_until = ?, version = version + 1
                WHERE id = ?
                """,
            arguments: [snapshot.caseStatus, snapshot.caseResolution, snapshot.caseResolvedAt, snapshot.claimedBy, snapshot.claimedUntil, caseID])
        if undo.restoresMember {
            try db.execute(
                sql: "UPDATE members SET role = ?, status = ?, status_at = ?, muted_until = ? WHERE group_id = ? AND member_id = ?",
                arguments: [snapshot.memberRole, snapshot.memberStatus, snapshot.memberStatusAt, snapshot.mutedUntil, groupID, undone.memberID])
        }
        if let warning = undo.revokesWarning {
            try db.execute(sql: "UPDATE warnings SET revoked_at = ? WHERE id = ?", arguments: [ts, warning])
        }
        if undo.restoresDeletedMessage,
            let message = try Row.fetchOne(db, sql: "SELECT event_source, event_external_id FROM moderation_cases WHERE id = ?", arguments: [caseID]),
            let source: String = message["event_source"], let externalID: String = message["event_external_id"]
        {
            try db.execute(
                sql: "UPDATE deleted_messages SET restored_at = ? WHERE event_source = ? AND event_external_id = ?",
                arguments: [ts, source, externalID])
        }
        for cancelled in undo.outbox.cancel {
            try db.execute(
                sql: "UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE id = ? AND state IN ('pending', 'held')",
                arguments: [ts, cancelled])
        }
        let entry = undo.auditDraft(undoing: undone, caseID: caseID, actor: actor, now: now)
        let undoID = try AuditWrites.record(entry, in: db)
        try ClassifierLearning.unlearn(undoing: undone.id, undoAuditID: undoID, now: now, in: db)  // classifier: learn from the decision
        try OutboxWrites.enqueue(OutboxDraft.commands(undo.outbox.reverse, of: undoID, groupID: groupID, now: now), now: now, in: db)
        return AuditEntry(id: undoID, entry)
    }

    public func addCaseNote(caseID: Int64, text: String, author: String, now: Date = Date()) throws {
        try pool.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM moderation_cases WHERE id = ?", arguments: [caseID]) != nil else {
                throw StoreError.invalid("no queue item \(caseID)")
            }
            try db.execute(
                sql: "INSERT INTO case_notes (case_id, at, author, text) VALUES (?, ?, ?, ?)",
                arguments: [caseID, now.timeIntervalSince1970, author, text])
            try AuditWrites.record(AuditDraft(at: now, actor: author, action: "note", caseID: caseID, reason: text), in: db)
        }
    }

    public func caseNotes(caseID: Int64) throws -> [MemberNote] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM case_notes WHERE case_id = ? ORDER BY at", arguments: [caseID]).map {
                MemberNote(at: Date(timeIntervalSince1970: $0["at"]), author: $0["author"], text: $0["text"])
            }
        }
    }
}
