import Foundation
import QunCore

/// What a row is, independent of where a reload or a re-sort puts it: the cursor follows this, not the
/// row number, so a key never lands on an item the admin did not select.
public enum RowIdentity: Hashable, Sendable {
    case group(String)
    case member(groupID: String, memberID: String)
    case queueItem(Int64)
    case campaign(String)
}

extension AppState {
    /// The identities of a pane's visible rows, in display order.
    public func rowIdentities(_ pane: Pane) -> [RowIdentity] {
        switch pane {
        case .activity: return activityRows.map { .group($0.group.id) }
        case .checkins: return checkinRows.map { .member(groupID: $0.member.groupID, memberID: $0.member.memberID) }
        case .moderation: return queueRows.map { .queueItem($0.id) }
        case .campaigns: return campaignRows.map { .campaign($0.campaign.id) }
        }
    }

    /// The item under a pane's cursor, if the pane has rows.
    public func selectedIdentity(_ pane: Pane) -> RowIdentity? {
        let ids = rowIdentities(pane)
        return ids.indices.contains(cursor(pane)) ? ids[cursor(pane)] : nil
    }

    /// How the status line names a row that left its list.
    func describe(_ identity: RowIdentity) -> String {
        switch identity {
        case let .group(id): return data.groups.first { $0.id == id }?.name ?? id
        case let .member(groupID, memberID):
            return data.checkinMembers.first { $0.member.groupID == groupID && $0.member.memberID == memberID }?.member.shownName ?? memberID
        case let .queueItem(id): return "#\(id)"
        case let .campaign(id): return data.campaigns.first { $0.campaign.id == id }?.campaign.name ?? id
        }
    }
}

/// Runs `change` (a reload, a re-sort) and puts every pane's cursor back on the item it was on. An item
/// that left the list hands the cursor to its nearest neighbour that is still there (the next one, else the
/// previous one), and the status line says so unless the admin's own action is what removed it.
func keepingSelection(_ state: inout AppState, _ change: (inout AppState) -> Void) {
    var before: [Pane: (ids: [RowIdentity], index: Int)] = [:]
    for pane in Pane.allCases { before[pane] = (state.rowIdentities(pane), state.cursor(pane)) }
    var departedNames: [String] = []
    // The old selection's name is only known before the change.
    var names: [RowIdentity: String] = [:]
    for pane in Pane.allCases { if let id = state.selectedIdentity(pane) { names[id] = state.describe(id) } }
    change(&state)
    for pane in Pane.allCases {
        guard let (oldIDs, oldIndex) = before[pane], oldIDs.indices.contains(oldIndex) else { continue }
        let selected = oldIDs[oldIndex]
        let newIDs = state.rowIdentities(pane)
        var position: [RowIdentity: Int] = [:]
        for (i, id) in newIDs.enumerated() where position[id] == nil { position[id] = i }
        if let index = position[selected] {
            state.cursors[pane] = index
            continue
        }
        let neighbour = oldIDs[(oldIndex + 1)...].lazy.compactMap { position[$0] }.first
            ?? oldIDs[..<oldIndex].reversed().lazy.compactMap { position[$0] }.first
        state.cursors[pane] = neighbour ?? 0
        if state.expectedDepartures.remove(selected) == nil, pane == state.focus {
            departedNames.append(names[selected] ?? state.describe(selected))
        }
    }
    clampCursors(&state)
    // An error on screen is not replaced before the admin has pressed a key.
    if let name = departedNames.first, state.status?.level != .danger {
        let now = state.selectedIdentity(state.focus).map { state.describe($0) }
        let text = now.map { "\(name) \(state.t(.leftTheList)) · \(state.t(.cursorNowOn)) \($0)" } ?? "\(name) \(state.t(.leftTheList))"
        state.status = StatusMessage(text: text, level: .warn)
    }
}
