import Foundation

/// What the rules do about an event, in order: queue an item, log a finding, or queue an item and act on it
/// at once.
public enum ModerationStep: Hashable, Sendable {
    /// A queue item for an admin to decide.
    case open(ModerationCaseDraft)
    /// A rule in log-only mode: an audit entry, no queue item.
    case log(AuditDraft)
    /// The rule acts on its own: the item is opened and then acted on (`actor` "rules", at `at`), so it shows
    /// resolved in the audit log and can still be undone from there. The store acts on the item it keeps
    /// open for the draft's event, kind and rule; the member's row changes, so their membership is read again.
    case openAndAct(ModerationCaseDraft, ModerationAction, reason: String, at: Date)

    /// The actor recorded for what rules do on their own.
    public static let automaticActor = "rules"
}
