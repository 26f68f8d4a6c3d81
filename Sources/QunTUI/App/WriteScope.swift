/// Which rows a store write touches. The runtime holds back a key whose write would touch a row that a
/// write still in flight is changing, and replays it once that write is done: two quick keys on one
/// queue item act one after the other, as they would on a store that answered at once.
enum WriteScope: Equatable {
    case rows(Set<RowIdentity>)
    /// Undo reverts whatever the admin did last: it waits for every write before it.
    case everything

    func overlaps(_ other: WriteScope) -> Bool {
        switch (self, other) {
        case let (.rows(a), .rows(b)): return !a.isDisjoint(with: b)
        default: return true
        }
    }
}

extension Effect {
    /// nil for effects that only read.
    var writeScope: WriteScope? {
        switch self {
        case let .moderate(caseIDs, _), let .claim(caseIDs, _): return .rows(Set(caseIDs.map(RowIdentity.queueItem)))
        case let .addCaseNote(caseID, _): return .rows([.queueItem(caseID)])
        case let .campaign(id, _): return .rows([.campaign(id)])
        case .createCampaign: return .rows([])
        case let .setTags(groupID, memberID, _), let .addNote(groupID, memberID, _), let .grantMakeup(groupID, memberID, _, _):
            return .rows([.member(groupID: groupID, memberID: memberID)])
        case .undoLast: return .everything
        case .reload, .loadContext, .loadMember, .loadStaff, .loadCampaign, .switchTheme, .quit: return nil
        }
    }
}
