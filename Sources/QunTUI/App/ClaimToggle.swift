import Foundation
import QunCore

/// `c` in the Moderation pane: "I'll handle these" for a while, so other admins see who is on them and
/// their dashboards refuse to act over it; `c` again on one's own claim gives it up.
enum ClaimToggle {
    static let duration: TimeInterval = 10 * 60

    /// Releases when every target is already this admin's; claims otherwise (the store refuses items someone
    /// else holds, with who and until when).
    static func effect(_ state: AppState, _ targets: [Int64]) -> Effect {
        let rows = state.data.queue.filter { targets.contains($0.id) }
        let allMine = !rows.isEmpty && rows.allSatisfy { $0.item.claimHolder(at: state.data.now) == state.actor }
        return .claim(caseIDs: targets, release: allMine)
    }
}

extension ModerationCase {
    /// Who holds a claim on this item that is still running at `now`. A claim without an end (the `claim`
    /// action of `qundeck mod act`) runs until it is released.
    func claimHolder(at now: Date) -> String? {
        guard let claimedBy, claimedUntil.map({ $0 > now }) ?? true else { return nil }
        return claimedBy
    }
}
