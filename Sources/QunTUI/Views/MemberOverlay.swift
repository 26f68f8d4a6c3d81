import Foundation
import QunCore

/// The member detail view: who they are in this group, how they joined and whom they brought, their
/// talk and check-ins, orders, tags (1–5 toggle) and value tier.
struct MemberOverlay {
    let state: AppState

    func draw(into screen: inout Screen, content: Rect) {
        let rect = Rect(x: content.x + 2, y: content.y + 1, width: content.width - 4, height: content.height - 2)
        guard let profile = state.memberProfile else {
            OverlayFrame.draw(&screen, rect, title: state.t(.member) + " · Esc")
            screen.put("…", x: rect.x + 2, y: rect.y + 1, role: .textDim)
            return
        }
        let m = profile.member
        OverlayFrame.draw(&screen, rect, title: m.shownName + " · Esc  1–5 " + state.t(.tags))
        OverlayFrame.lines(&screen, rect, lines(profile), scroll: state.overlayScroll)
    }

    private func field(_ label: Label, _ value: String, _ role: StyleRole = .text) -> (String, StyleRole) {
        (TerminalText.fit(state.t(label), width: 16) + " " + value, role)
    }

    static func tierLabel(_ tier: ValueTier, _ language: Language) -> String {
        switch (tier, language) {
        case (.core, .zh): return "核心（种子用户）"
        case (.valuable, .zh): return "高价值"
        case (.regular, .zh): return "普通"
        case (.dormant, .zh): return "沉默"
        case (.core, .en): return "core (seed member)"
        case (.valuable, .en): return "valuable"
        case (.regular, .en): return "regular"
        case (.dormant, .en): return "dormant"
        }
    }

    static func tagLabel(_ tag: MemberTag, _ language: Language) -> String {
        switch (tag, language) {
        case (.seed, .zh): return "种子"
        case (.loyal, .zh): return "铁粉"
        case (.koc, .zh): return "KOC"
        case (.vip, .zh): return "VIP"
        case (.problem, .zh): return "问题"
        default: return tag.rawValue == "koc" || tag.rawValue == "vip" ? tag.rawValue.uppercased() : tag.rawValue
        }
    }

    func lines(_ p: MemberProfile) -> [(String, StyleRole)] {
        let m = p.member
        let zone = p.group.timeZone
        let now = state.data.now
        let when = { (d: Date?) in d.map { Format.dateTime($0, zone: zone, now: now) } ?? "–" }
        let tagLine = tagKeys.enumerated().map { i, tag in
            "\(i + 1) " + (m.tags.contains(tag) ? "[✓" : "[ ") + Self.tagLabel(tag, state.language) + "]"
        }.joined(separator: " ")
        var lines: [(String, StyleRole)] = [
            field(.nickname, m.nickname ?? "–"),
            field(.name, "\(m.displayName) (\(m.memberID))"),
            field(.group, p.group.name + (p.otherGroups.isEmpty ? "" : "  +" + p.otherGroups.joined(separator: ", "))),
            field(.role, ValueLabels.role(m.role, state.language) + " · " + ValueLabels.status(m.status(at: now), state.language)
                  + (m.status(at: now) == .muted ? (m.mutedUntil.map { " → " + when($0) } ?? "") : "")),
            field(.tags, tagLine, .tag),
            field(.tier, Self.tierLabel(p.tier, state.language), p.tier == .core ? .accent : .text),
            ("", .text),
            field(.joined, when(m.joinedAt) + (m.joinSource.map { " · " + ValueLabels.joinSource($0, state.language) } ?? "")),
            field(.inviter, p.inviterName.map { "\($0) (\(m.inviterID ?? ""))" } ?? m.inviterID ?? "–"),
            field(.invites, "\(p.invites.invited) · \(p.invites.qualified) \(state.t(.qualified))"),
            ("", .text),
            field(.messages, "\(Format.grouped(m.messageCount)) · \(p.messagesLast30Days) / 30d · \(state.t(.lastSeen)) \(when(m.lastMessageAt))"),
            field(.streak, "\(m.currentStreak(today: p.today)) · \(state.t(.longest)) \(m.longestStreak) · \(m.checkinCount) " + state.t(.checkins)),
            field(.last30Days, CheckinStrip.render(p.recentCheckins, today: p.today), .sparkline),
            field(.orders, "\(m.orderCount) · \(m.orderTotal) · \(state.t(.claims)) \(m.claimCount)"),
            field(.openCases, "\(p.openCases)", p.openCases > 0 ? .warn : .text),
            field(.warnings, "\(p.activeWarnings)" + (p.nextPenalty.map { " · next → " + PenaltyLadder.describe($0) } ?? ""),
                  p.activeWarnings > 0 ? .warn : .text),
        ]
        if let format = p.group.nicknameFormat {
            let fits = p.nicknameProblems.isEmpty
            lines.insert(field(.nicknameFormat, format + (fits ? "  ✓" : "  ✗ " + p.nicknameProblems.joined(separator: "; ")), fits ? .text : .warn), at: 1)
        }
        if !p.notes.isEmpty {
            lines.append(("", .text))
            lines.append((state.t(.notes), .tableHeader))
            for note in p.notes { lines.append(("\(when(note.at)) \(note.author): \(note.text)", .text)) }
        }
        return lines
    }
}
