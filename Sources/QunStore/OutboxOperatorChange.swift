import Foundation
import QunCore

/// An operator's retry, cancel or resolve of one outbox item, the same on every store: which states it takes,
/// and the audit entry saying what it did.
public struct OutboxOperatorChange: Sendable {
    public var action: String
    public var from: Set<OutboxState>

    public static let retry = OutboxOperatorChange(action: "outbox retry", from: [.failed, .unknown, .cancelled])
    public static let cancel = OutboxOperatorChange(action: "outbox cancel", from: [.pending, .held, .claimed])
    public static let resolve = OutboxOperatorChange(action: "outbox resolve", from: [.unknown])

    /// Refuses item `id` (nil: there is none) when it is not in a state this change takes.
    public func check(_ item: OutboxItem?, id: Int64) throws -> OutboxItem {
        guard let item else { throw StoreError.invalid("no outbox item \(id) (see `qundeck outbox`)") }
        guard from.contains(item.state) else {
            let allowed = OutboxState.allCases.filter(from.contains).map(\.rawValue).joined(separator: ", ")
            throw StoreError.invalid("outbox item \(id) is \(item.state.rawValue); \(action) takes \(allowed) items")
        }
        return item
    }

    public func auditDraft(of item: OutboxItem, outcome: String, actor: String, now: Date) -> AuditDraft {
        AuditDraft(at: now, actor: actor, action: action, groupID: item.groupID, campaignID: item.campaignID,
                   reason: "item \(item.id) \(item.command.verb): \(outcome)")
    }
}
