import QunCore

/// Pane 3: one review queue across all groups — by severity, repeat offenders, then age.
struct ModerationPaneView {
    let state: AppState

    static func kindLabel(_ kind: ModerationKind, _ state: AppState) -> String {
        switch kind {
        case .joinRequest: return state.t(.joinRequest)
        case .flaggedMessage: return state.t(.flaggedMessage)
        case .report: return state.t(.report)
        }
    }

    static func severityMarks(_ severity: Int) -> String {
        String(repeating: "●", count: max(1, min(5, severity))) + String(repeating: "·", count: 5 - max(1, min(5, severity)))
    }

    /// "小王 is on it · " before the reason, or "🔒 小王 " where the pane is narrow.
    static func someoneElsesClaim(_ holder: String, _ state: AppState, roomy: Bool) -> String {
        roomy ? "\(holder) \(state.t(.isOnIt)) · " : "🔒 \(holder) "
    }

    func draw(into screen: inout Screen, rect: Rect, focused: Bool) {
        let rows = state.queueRows
        let layout = ColumnLayout([
            .init(title: "", width: 1, alignment: .left, flexible: false),
            .init(title: state.t(.severity), width: 5, alignment: .left, flexible: false),
            .init(title: state.t(.kind), width: 12, alignment: .left, flexible: false),
            .init(title: state.t(.member), width: 16, alignment: .left, flexible: false, minWidth: 10, maxWidth: 20),
            .init(title: state.t(.reason), width: 0, alignment: .left, flexible: true),
            .init(title: state.t(.age), width: state.language == .zh ? 6 : 4, alignment: .right, flexible: false),
            .init(title: state.t(.group), width: 16, alignment: .left, flexible: false, minWidth: 10, maxWidth: 24),
        ], totalWidth: rect.width - 2)
        var title = "3 " + state.t(.moderation) + " (\(rows.count))"
        if !state.marked.isEmpty { title += " · \(state.marked.count) \(state.t(.selected))" }
        if state.data.outboxPending > 0 || state.data.outboxFailed > 0 {
            title += " · \(state.t(.outbox)) \(state.data.outboxPending)" + (state.data.outboxFailed > 0 ? " ✗\(state.data.outboxFailed)" : "")
        }
        if let filter = state.filters[.moderation] { title += " · /\(filter)" }
        ListView(
            title: title, header: layout.header, rowCount: rows.count, cursor: state.cursor(.moderation), focused: focused,
            emptyText: state.data.groups.isEmpty ? state.t(.emptyStore) : (state.filters[.moderation] == nil ? state.t(.queueEmpty) : state.t(.noMatches)),
            row: { i in
                let r = rows[i]
                var reason = state.language == .zh ? (r.item.reasonZh ?? r.item.reason) : r.item.reason
                if let evidence = r.item.evidence, !evidence.isEmpty, r.item.kind == .flaggedMessage { reason += ": " + evidence }
                else if let text = r.messageText, !text.isEmpty, r.item.kind == .joinRequest { reason += " · " + text }
                if r.priorCases > 0 { reason = "×\(r.priorCases + 1) " + reason }
                if let holder = r.item.claimHolder(at: state.data.now) {
                    reason = (holder == state.actor ? "[\(holder)] " : Self.someoneElsesClaim(holder, state, roomy: rect.width >= 100)) + reason
                }
                let role: StyleRole? = r.item.status == .escalated || r.item.severity >= 5 ? .danger : r.item.severity >= 4 ? .warn : nil
                return (layout.render([
                    state.marked.contains(r.id) ? "✓" : " ", Self.severityMarks(r.item.severity), Self.kindLabel(r.item.kind, state),
                    r.memberName, reason, Format.age(from: r.item.createdAt, to: state.data.now, language: state.language), r.groupName,
                ]), role)
            },
            isMarked: { state.marked.contains(rows[$0].id) }
        ).draw(into: &screen, rect: rect)
    }
}
