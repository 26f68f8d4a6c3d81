import Foundation
import QunCore

/// Acting on the review queue: each action or undo is decided by `ModerationDecision` / `ModerationUndo` in QunCore
/// and persisted with its audit entry and outbox commands in one transaction.
///
/// Several admins may work one queue: `act` refuses (throws `ModerationConflict`, writing nothing) an item
/// whose version moved past the one in `expectedVersions` (the version the admin's screen showed), or that
/// another admin claimed and whose claim still runs. `claim` holds items for a while; `releaseClaim` lets go.
public protocol ModerationActions: Sendable {
    func penaltyLadder(groupID: String) throws -> PenaltyLadder
    func setPenaltyLadder(_ ladder: PenaltyLadder, groupID: String) throws
    func activeWarnings(groupID: String, memberID: String, now: Date) throws -> Int
    @discardableResult func act(
        on caseIDs: [Int64], _ action: ModerationAction, actor: String, reason: String?, expectedVersions: [Int64: Int64], now: Date
    ) throws -> [Int64]
    func claim(caseIDs: [Int64], actor: String, for duration: TimeInterval, now: Date) throws
    func releaseClaim(caseIDs: [Int64], actor: String, now: Date) throws
    @discardableResult func undo(auditID: Int64?, actor: String, now: Date) throws -> [AuditEntry]
    func addCaseNote(caseID: Int64, text: String, author: String, now: Date) throws
    func caseNotes(caseID: Int64) throws -> [MemberNote]
    @discardableResult func resolveCases(createdBefore cutoff: Date, resolution: String, actor: String, now: Date) throws -> Int
}

extension ModerationActions {
    public func activeWarnings(groupID: String, memberID: String, now: Date = Date()) throws -> Int {
        try activeWarnings(groupID: groupID, memberID: memberID, now: now)
    }
    @discardableResult public func act(
        on caseIDs: [Int64], _ action: ModerationAction, actor: String, reason: String? = nil, expectedVersions: [Int64: Int64] = [:],
        now: Date = Date()
    ) throws -> [Int64] {
        try act(on: caseIDs, action, actor: actor, reason: reason, expectedVersions: expectedVersions, now: now)
    }
    public func claim(caseIDs: [Int64], actor: String, for duration: TimeInterval, now: Date = Date()) throws {
        try claim(caseIDs: caseIDs, actor: actor, for: duration, now: now)
    }
    public func releaseClaim(caseIDs: [Int64], actor: String, now: Date = Date()) throws {
        try releaseClaim(caseIDs: caseIDs, actor: actor, now: now)
    }
    @discardableResult public func undo(auditID: Int64? = nil, actor: String, now: Date = Date()) throws -> [AuditEntry] {
        try undo(auditID: auditID, actor: actor, now: now)
    }
    public func addCaseNote(caseID: Int64, text: String, author: String, now: Date = Date()) throws {
        try addCaseNote(caseID: caseID, text: text, author: author, now: now)
    }
}
