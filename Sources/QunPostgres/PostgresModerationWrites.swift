import Foundation
import QunCore
import QunStore

/// The review queue's actions on PostgreSQL, the same flow as SQLite's: read the facts in the writing
/// transaction (the queue item locked, so two admins' processes acting at once take turns), let `CaseGuard`
/// and `ModerationDecision` decide, persist the outcome with its audit entry and outbox commands.
extension PostgresStore {
    public func penaltyLadder(groupID: String) throws -> PenaltyLadder {
        try read { s in try Self.penaltyLadder(groupID: groupID, in: s) }
    }

    static func penaltyLadder(groupID: String, in s: PostgresSession) throws -> PenaltyLadder {
        StoredPenaltyLadder.decode(
            try s.scalar("SELECT penalty_ladder FROM group_settings WHERE group_id = $1", [.text(groupID)], as: String.self))
    }

    public func setPenaltyLadder(_ ladder: PenaltyLadder, groupID: String) throws {
        let json = String(decoding: try JSONEncoder().encode(ladder), as: UTF8.self)
        try write { s in
            try s.execute(
                """
                INSERT INTO group_settings (group_id, penalty_ladder) VALUES ($1, $2)
                ON CONFLICT (group_id) DO UPDATE SET penalty_ladder = excluded.penalty_ladder
                """, [.text(groupID), .text(json)])
        }
    }

    /// Warnings in force for a member at `now` (not expired, not revoked).
    public func activeWarnings(groupID: String, memberID: String, now: Date) throws -> Int {
        try read { s in try Self.activeWarnings(groupID: groupID, memberID: memberID, now: now, in: s) }
    }

    static func activeWarnings(groupID: String, memberID: String, now: Date, in s: PostgresSession) throws -> Int {
        Int(try s.scalar(
            "SELECT count(*) FROM warnings WHERE group_id = $1 AND member_id = $2 AND expires_at > $3 AND revoked_at IS NULL",
            [.text(groupID), .text(memberID), .double(now.timeIntervalSince1970)], as: Int64.self) ?? 0)
    }

    /// Applies `action` to every case in `caseIDs` in one transaction (all or nothing); see `ModerationActions`.
    @discardableResult
    public func act(
        on caseIDs: [Int64], _ action: ModerationAction, actor: String, reason: String?, expectedVersions: [Int64: Int64], now: Date
    ) throws -> [Int64] {
        guard !caseIDs.isEmpty else { throw StoreError.invalid("no queue items given") }
        return try write { s in
            try caseIDs.map { id in
                try Self.act(on: id, action, actor: actor, reason: reason, expectedVersion: expectedVersions[id], now: now, in: s)
            }
        }
    }

    static func act(
        on caseID: Int64, _ action: ModerationAction, actor: String, reason: String?, expectedVersion: Int64?, now: Date, in s: PostgresSession
    ) throws -> Int64 {
        let item = try lockedCase(caseID, in: s)
        try CaseGuard.checkAction(
            action, by: actor, on: item, expectedVersion: expectedVersion, lastChange: try lastChange(of: caseID, in: s), now: now)
        let memberRow = try s.queryOne(
            "SELECT role, status, status_at, muted_until, nickname, display_name FROM members WHERE group_id = $1 AND member_id = $2",
            [.text(item.groupID), .text(item.memberID)])
        let member = try memberRow.map {
            ModerationFacts.MemberState(
                role: MemberRole(rawValue: try $0.string("role")) ?? .member, status: MemberStatus(rawValue: try $0.string("status")) ?? .active,
                statusAt: try $0.date("status_at"), mutedUntil: try $0.optionalDate("muted_until"))
        }
        let memberName = try memberRow.flatMap { try $0.optionalString("nickname") ?? $0.optionalString("display_name") }.flatMap { $0.isEmpty ? nil : $0 }
        let facts = ModerationFacts(
            item: item, member: member, memberName: memberName, ladder: try penaltyLadder(groupID: item.groupID, in: s),
            activeWarnings: try activeWarnings(groupID: item.groupID, memberID: item.memberID, now: now, in: s),
            chat: try PostgresPlatformAddress.chat(groupID: item.groupID, in: s), user: PostgresPlatformAddress.user(memberID: item.memberID),
            message: item.eventSource.flatMap { source in item.eventExternalID.map { PlatformID.message(source: source, externalID: $0) } })
        let outcome: ModerationOutcome
        do {
            outcome = try ModerationDecision.decide(action, facts: facts, reason: reason, now: now)
        } catch let error as ModerationError {
            throw StoreError.invalid(error.description)
        }
        return try persist(outcome, of: action, on: item, before: ModerationSnapshot(before: item, member: member), actor: actor, reason: reason,
                           now: now, in: s)
    }

    /// A queue item, locked until the transaction ends: another process acting on it waits, then reads it as
    /// this one left it.
    static func lockedCase(_ caseID: Int64, in s: PostgresSession) throws -> ModerationCase {
        guard let row = try s.queryOne("SELECT * FROM moderation_cases WHERE id = $1 FOR UPDATE", [.int(caseID)]) else {
            throw StoreError.invalid("no queue item \(caseID)")
        }
        return try ModerationCase(stored: row)
    }

    /// The newest audit entry about a queue item: who changed it last.
    static func lastChange(of caseID: Int64, in s: PostgresSession) throws -> AuditEntry? {
        try s.queryOne("SELECT * FROM audit_log WHERE case_id = $1 ORDER BY id DESC LIMIT 1", [.int(caseID)]).map(AuditEntry.init(stored:))
    }

    /// Moves the item's version on from the version it was read at (see SQLite's `bumpVersion`).
    static func bumpVersion(of item: ModerationCase, now: Date, in s: PostgresSession) throws {
        let changed = try s.execute(
            "UPDATE moderation_cases SET version = version + 1 WHERE id = $1 AND version = $2", [.int(item.id), .int(item.version)])
        guard changed == 1 else { throw CaseGuard.handled(try lockedCase(item.id, in: s), lastChange: try lastChange(of: item.id, in: s), now: now) }
    }

    private static func persist(
        _ outcome: ModerationOutcome, of action: ModerationAction, on item: ModerationCase, before: ModerationSnapshot, actor: String,
        reason: String?, now: Date, in s: PostgresSession
    ) throws -> Int64 {
        let ts = now.timeIntervalSince1970
        var snapshot = before
        try bumpVersion(of: item, now: now, in: s)
        if outcome.deletesMessage { snapshot.deletedMessage = try markDeleted(item, actor: actor, now: now, in: s) }
        if let warning = outcome.warning {
            snapshot.warningID = try s.queryOne(
                """
                INSERT INTO warnings (group_id, member_id, at, expires_at, reason, case_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """,
                [.text(item.groupID), .text(item.memberID), .double(ts), .double(warning.expires.timeIntervalSince1970), .text(warning.reason),
                 .int(item.id)])?.int64("id")
        }
        if outcome.escalates {
            try s.execute("UPDATE moderation_cases SET status = 'escalated' WHERE id = $1", [.int(item.id)])
        }
        if outcome.claims {
            try s.execute("UPDATE moderation_cases SET claimed_by = $1 WHERE id = $2", [.text(actor), .int(item.id)])
        }
        if let resolution = outcome.resolution {
            try s.execute(
                """
                UPDATE moderation_cases SET status = 'resolved', resolution = $1, resolved_at = $2, claimed_by = coalesce(claimed_by, $3),
                    claimed_until = NULL
                WHERE id = $4
                """, [.text(resolution), .double(ts), .text(actor), .int(item.id)])
        }
        if outcome.memberStatus != nil || outcome.memberRole != nil {
            try s.execute(
                """
                UPDATE members SET status = coalesce($1, status), role = coalesce($2, role), status_at = $3, muted_until = $4
                WHERE group_id = $5 AND member_id = $6
                """,
                [PGValue(outcome.memberStatus?.rawValue), PGValue(outcome.memberRole?.rawValue), .double(ts),
                 PGValue(outcome.mutedUntil?.timeIntervalSince1970), .text(item.groupID), .text(item.memberID)])
        }
        let auditID = try PostgresAuditWrites.record(
            try outcome.auditDraft(of: action, on: item, actor: actor, reason: reason, before: snapshot, now: now), in: s)
        if let warning = snapshot.warningID {
            try s.execute("UPDATE warnings SET audit_id = $1 WHERE id = $2", [.int(auditID), .int(warning)])
        }
        try PostgresOutboxWrites.enqueue(OutboxDraft.commands(outcome.commands, of: auditID, groupID: item.groupID, now: now), now: now, in: s)
        try PostgresClassifierLearning.learn(fromCase: item, action: action, actor: actor, auditID: auditID, now: now, in: s)
        return auditID
    }

    /// Records a moderator's deletion; false when it was already deleted.
    private static func markDeleted(_ item: ModerationCase, actor: String, now: Date, in s: PostgresSession) throws -> Bool {
        guard let source = item.eventSource, let id = item.eventExternalID else { return false }
        return try s.execute(
            """
            INSERT INTO deleted_messages (event_source, event_external_id, at, actor) VALUES ($1, $2, $3, $4)
            ON CONFLICT (event_source, event_external_id) DO NOTHING
            """, [.text(source), .text(id), .double(now.timeIntervalSince1970), .text(actor)]) == 1
    }

    /// Undoes an audit entry, or the actor's latest action (every entry of it); see SQLite's `undo`.
    @discardableResult
    public func undo(auditID: Int64?, actor: String, now: Date) throws -> [AuditEntry] {
        try write { s in
            let undoable = "case_id IS NOT NULL AND undoes IS NULL AND before IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undoes = a.id)"
            let entries: [AuditEntry]
            if let auditID {
                guard let row = try s.queryOne("SELECT * FROM audit_log WHERE id = $1", [.int(auditID)]) else {
                    throw StoreError.invalid("no audit entry \(auditID)")
                }
                entries = [try AuditEntry(stored: row)]
            } else {
                guard let latest = try s.queryOne(
                    "SELECT * FROM audit_log a WHERE actor = $1 AND \(undoable) ORDER BY id DESC LIMIT 1", [.text(actor)]).map(AuditEntry.init(stored:))
                else { throw StoreError.invalid("nothing of \(actor)'s to undo") }
                entries = try s.query(
                    "SELECT * FROM audit_log a WHERE actor = $1 AND at = $2 AND action = $3 AND \(undoable) ORDER BY id DESC",
                    [.text(actor), .double(latest.at.timeIntervalSince1970), .text(latest.action)]).map(AuditEntry.init(stored:))
            }
            return try entries.map { try Self.undoEntry($0, actor: actor, now: now, in: s) }
        }
    }

    private static func undoEntry(_ undone: AuditEntry, actor: String, now: Date, in s: PostgresSession) throws -> AuditEntry {
        guard undone.undoes == nil, let caseID = undone.caseID, let groupID = undone.groupID, let json = undone.before,
            let snapshot = try? JSONDecoder().decode(ModerationSnapshot.self, from: Data(json.utf8))
        else { throw StoreError.invalid("audit entry \(undone.id) (\(undone.action)) cannot be undone") }
        let item = try lockedCase(caseID, in: s)
        if try s.queryOne("SELECT 1 FROM audit_log WHERE undoes = $1", [.int(undone.id)]) != nil {
            throw StoreError.invalid("audit entry \(undone.id) was already undone")
        }
        let ts = now.timeIntervalSince1970
        let items = try s.query("SELECT * FROM outbox WHERE audit_id = $1 ORDER BY id", [.int(undone.id)]).map(OutboxItem.init(stored:))
        let undo = ModerationUndo.plan(snapshot, outboxItems: items.map { ($0.id, $0.command, $0.state) })
        try s.execute(
            """
            UPDATE moderation_cases SET status = $1, resolution = $2, resolved_at = $3, claimed_by = $4, claimed_until = $5, version = version + 1
            WHERE id = $6
            """,
            [.text(snapshot.caseStatus), PGValue(snapshot.caseResolution), PGValue(snapshot.caseResolvedAt), PGValue(snapshot.claimedBy),
             PGValue(snapshot.claimedUntil), .int(caseID)])
        if undo.restoresMember {
            try s.execute(
                "UPDATE members SET role = $1, status = $2, status_at = $3, muted_until = $4 WHERE group_id = $5 AND member_id = $6",
                [PGValue(snapshot.memberRole), PGValue(snapshot.memberStatus), PGValue(snapshot.memberStatusAt), PGValue(snapshot.mutedUntil),
                 .text(groupID), PGValue(undone.memberID)])
        }
        if let warning = undo.revokesWarning {
            try s.execute("UPDATE warnings SET revoked_at = $1 WHERE id = $2", [.double(ts), .int(warning)])
        }
        if undo.restoresDeletedMessage, let source = item.eventSource, let externalID = item.eventExternalID {
            try s.execute(
                "UPDATE deleted_messages SET restored_at = $1 WHERE event_source = $2 AND event_external_id = $3",
                [.double(ts), .text(source), .text(externalID)])
        }
        if !undo.outbox.cancel.isEmpty {
            try s.execute(
                "UPDATE outbox SET state = 'cancelled', updated_at = $1 WHERE id = ANY($2) AND state IN ('pending', 'held')",
                [.double(ts), .intArray(undo.outbox.cancel.map { $0 })])
        }
        let entry = undo.auditDraft(undoing: undone, caseID: caseID, actor: actor, now: now)
        let undoID = try PostgresAuditWrites.record(entry, in: s)
        try PostgresClassifierLearning.unlearn(undoing: undone.id, undoAuditID: undoID, now: now, in: s)
        try PostgresOutboxWrites.enqueue(OutboxDraft.commands(undo.outbox.reverse, of: undoID, groupID: groupID, now: now), now: now, in: s)
        return AuditEntry(id: undoID, entry)
    }

    public func addCaseNote(caseID: Int64, text: String, author: String, now: Date) throws {
        try write { s in
            guard try s.queryOne("SELECT 1 FROM moderation_cases WHERE id = $1", [.int(caseID)]) != nil else {
                throw StoreError.invalid("no queue item \(caseID)")
            }
            try s.execute(
                "INSERT INTO case_notes (case_id, at, author, text) VALUES ($1, $2, $3, $4)",
                [.int(caseID), .double(now.timeIntervalSince1970), .text(author), .text(text)])
            try PostgresAuditWrites.record(AuditDraft(at: now, actor: author, action: "note", caseID: caseID, reason: text), in: s)
        }
    }

    public func caseNotes(caseID: Int64) throws -> [MemberNote] {
        try read { s in
            try s.query("SELECT * FROM case_notes WHERE case_id = $1 ORDER BY at, id", [.int(caseID)]).map {
                MemberNote(at: try $0.date("at"), author: try $0.string("author"), text: try $0.string("text"))
            }
        }
    }
}
