import Foundation
import QunCore

/// Enter on a row: everything qundeck knows about it, over the pane area.
struct DetailOverlay {
    let state: AppState
    let pane: Pane

    func draw(into screen: inout Screen, content: Rect) {
        let rect = Rect(x: content.x + 2, y: content.y + 1, width: content.width - 4, height: content.height - 2)
        let (title, lines) = body(width: rect.width - 4)
        OverlayFrame.draw(&screen, rect, title: title + " · Esc  n/p" + (pane == .moderation ? "  i " + state.t(.memberInfo) : ""))
        OverlayFrame.lines(&screen, rect, lines, scroll: state.overlayScroll)
    }

    private func field(_ label: Label, _ value: String, _ role: StyleRole = .text) -> (String, StyleRole) {
        (TerminalText.fit(state.t(label), width: 16) + " " + value, role)
    }

    func body(width: Int) -> (String, [(String, StyleRole)]) {
        switch pane {
        case .activity: return activity(width: width)
        // Enter on a check-in row opens the member view instead (MemberOverlay).
        case .checkins: return (state.t(.detail), [])
        case .moderation: return moderation()
        case .campaigns: return campaign(width: width)
        }
    }

    private func activity(width: Int) -> (String, [(String, StyleRole)]) {
        let rows = state.activityRows
        guard rows.indices.contains(state.cursor(.activity)) else { return (state.t(.detail), []) }
        let a = rows[state.cursor(.activity)]
        let zone = a.group.timeZone
        var lines: [(String, StyleRole)] = [
            field(.platform, a.group.platform.rawValue + (a.group.platform.memberCap.map { " (cap \($0))" } ?? "")),
            field(.timezone, "\(a.group.timeZoneID) (\(Format.offsetLabel(zone, at: state.data.now)), \(Format.clock(state.data.now, zone: zone, seconds: false)))"),
            field(.owner, a.group.ownerID ?? "–"),
            field(.nicknameFormat, a.group.nicknameFormat ?? "–"),
            ("", .text),
            field(.members, Format.grouped(a.members)),
            field(.activeToday, "\(a.activeToday) (\(Format.percent(a.members > 0 ? Double(a.activeToday) / Double(a.members) : 0)))"),
            field(.messages, "\(a.messagesLastHour) / 1h · \(a.messagesToday) / \(state.t(.today))"),
            field(.joins, "+\(a.joinsToday)  " + state.t(.leaves) + " -\(a.leavesToday)"),
            field(.trend, String(format: state.language == .zh ? "%d 条/3小时，基线 %.1f（14天）" : "%d / 3h vs %.1f (14d)", a.messagesLast3Hours, a.baselineLast3Hours) + (a.isGoingQuiet ? "  ⚠ " + state.t(.quiet) : "")),
            field(.lastSeen, a.lastMessageAt.map { Format.dateTime($0, zone: zone, now: state.data.now) } ?? "–"),
            ("", .text),
            (state.t(.staff), .tableHeader),
        ]
        for m in state.staff {
            let silent = m.lastMessageAt.map { state.data.now.timeIntervalSince($0) >= 3 * 86_400 } ?? true
            let last = m.lastMessageAt.map { Format.dateTime($0, zone: zone, now: state.data.now) } ?? "–"
            lines.append(("  \(ValueLabels.role(m.role, state.language))  \(m.shownName) · \(state.t(.lastSeen)) \(last)" + (silent ? "  ⚠" : ""), silent ? .warn : .text))
        }
        lines += [
            ("", .text),
            (state.t(.last24h), .tableHeader),
        ]
        // A taller chart: 6 rows of blocks, one column per hour, hour labels below.
        let chartHeight = 6
        let top = max(a.hourly.max() ?? 0, 1)
        let columnWidth = max(1, min(4, (width - 6) / 24))
        for level in stride(from: chartHeight, to: 0, by: -1) {
            var line = level == chartHeight ? String(format: "%4d ", top) : "     "
            for value in a.hourly {
                let filled = Double(value) / Double(top) * Double(chartHeight)
                let block: String = filled >= Double(level) ? "█" : filled > Double(level - 1) ? String(Format.sparkBlocks[max(0, min(7, Int((filled - Double(level - 1)) * 8)))]) : " "
                line += String(repeating: block, count: columnWidth)
            }
            lines.append((line, .sparkline))
        }
        var axis = "     "
        let nowHour = localHour(of: state.data.now, in: zone)
        for i in 0..<24 {
            let hour = (nowHour - 23 + i + 48) % 24
            let label = hour % 6 == 0 ? String(format: "%02d", hour) : ""
            axis += TerminalText.fit(label, width: columnWidth)
        }
        lines.append((axis, .textDim))
        return ("1 " + a.group.name, lines)
    }

    private func moderation() -> (String, [(String, StyleRole)]) {
        guard let r = selectedQueueItem(state) else { return (state.t(.detail), []) }
        let item = r.item
        let zone = state.data.groups.first { $0.id == item.groupID }?.timeZone ?? state.clockZone
        var lines: [(String, StyleRole)] = [
            field(.kind, ModerationPaneView.kindLabel(item.kind, state) + " · " + (item.status == .escalated ? state.t(.escalated) : state.t(.open))),
            field(.group, r.groupName),
            field(.member, "\(r.memberName) (\(item.memberID))"),
            field(.severity, ModerationPaneView.severityMarks(item.severity) + " \(item.severity)/5"),
            field(.rule, item.rule ?? "–"),
            field(.reason, state.language == .zh ? (item.reasonZh ?? item.reason) : item.reason),
            field(.evidence, item.evidence ?? "–"),
            field(.priorCases, "\(r.priorCases)"),
            field(.age, Format.age(from: item.createdAt, to: state.data.now, language: state.language) + " · " + Format.dateTime(item.createdAt, zone: zone, now: state.data.now)),
            ("", .text),
            (state.t(.context), .tableHeader),
        ]
        if state.context.isEmpty {
            lines.append((r.messageText ?? "–", .textDim))
        }
        for message in state.context {
            let time = Format.clock(message.timestamp, zone: zone, seconds: false)
            let body = message.kind == .message ? (message.text ?? "") : "[\(ValueLabels.kind(message.kind, state.language))]" + (message.text.map { " " + $0 } ?? "")
            let prefix = message.isSubject ? "▶ " : "  "
            lines.append(("\(prefix)\(time) \(message.memberName): \(body)", message.isSubject ? .warn : .text))
        }
        return ("3 " + ModerationPaneView.kindLabel(item.kind, state), lines)
    }

    /// Lines from the loaded `CampaignDetail`: budget now, next runs, burn-down, outbox items and timeline.
    private func campaignExtras(zone: TimeZone, barWidth: Int) -> [(String, StyleRole)] {
        guard let d = state.campaignDetail, d.campaignID == state.campaignRows[state.cursor(.campaigns)].campaign.id else { return [] }
        var lines: [(String, StyleRole)] = []
        if let schedule = d.schedule { lines.append(field(.schedule, CampaignTexts.schedule(schedule, state.language))) }
        if let b = d.budget {
            lines.append(field(.budget, "\(b.spent) + \(b.reserved) \(state.t(.reserved)) / \(b.budget) · \(state.t(.remaining)) \(b.remaining)",
                               b.remaining.fen < 0 ? .danger : .text))
        }
        if !d.burnDown.isEmpty {
            lines.append(("", .text))
            lines.append((state.t(.burnDown) + (state.language == .zh ? "（14天）" : " (14d)"), .tableHeader))
            let spentPerDay = d.burnDown.map { Int($0.spent.fen) }
            lines.append(("  " + Format.sparkline(spentPerDay) + "  " + (d.burnDown.last.map { "\($0.cumulative) / \($0.cumulative + $0.remaining)" } ?? ""), .sparkline))
        }
        if !d.nextRuns.isEmpty {
            lines.append(("", .text))
            lines.append((state.t(.nextRuns), .tableHeader))
            for slot in d.nextRuns {
                let group = state.data.groups.first { slot.idempotencyKey.contains(":group:\($0.id):") }
                let slotZone = group?.timeZone ?? zone
                lines.append(("  \(Format.zonedDateTime(slot.dueAt, zone: slotZone, now: state.data.now))  \(group?.name ?? "")", .text))
            }
        }
        if !d.outbox.isEmpty {
            lines.append(("", .text))
            lines.append((state.t(.outboxTitle), .tableHeader))
            for item in d.outbox {
                lines.append(("  \(item.state.rawValue)  \(Format.dateTime(item.dueAt, zone: zone, now: state.data.now))  \(item.action)  \(item.command.detail)",
                              item.state.needsAttention ? .danger : .text))
            }
        }
        if !d.timeline.isEmpty {
            lines.append(("", .text))
            lines.append((state.t(.timeline), .tableHeader))
            for entry in d.timeline {
                lines.append(("  \(Format.dateTime(entry.at, zone: zone, now: state.data.now))  \(entry.actor)  \(entry.action)  \(entry.reason ?? "")", .text))
            }
        }
        return lines
    }

    private func campaign(width: Int) -> (String, [(String, StyleRole)]) {
        let rows = state.campaignRows
        guard rows.indices.contains(state.cursor(.campaigns)) else { return (state.t(.detail), []) }
        let r = rows[state.cursor(.campaigns)]
        let c = r.campaign
        let zone = state.zone(of: c)
        let fraction = c.goalTarget > 0 ? Double(r.progress.achieved) / Double(c.goalTarget) : 0
        let spentFraction = c.budget.fen > 0 ? Double(r.progress.spent.fen) / Double(c.budget.fen) : 0
        let barWidth = max(10, min(40, width - 40))
        let costPer = r.progress.achieved > 0 ? Money(fen: r.progress.spent.fen / Int64(r.progress.achieved)).description : "–"
        return ("4 " + c.name, [
            field(.type, CampaignsPaneView.typeLabel(c.type, state.language)),
            field(.status, CampaignsPaneView.statusLabel(c.status, state)),
            field(.targetGroups, r.groupNames.joined(separator: ", ")),
            field(.theme, c.theme ?? "–"),
            field(.hook, c.hook ?? "–"),
            field(.product, c.product ?? "–"),
            ("", .text),
            field(.goal, "\(r.progress.achieved) / \(c.goalTarget) \(CampaignTexts.goalUnit(c.goalMetric, state.language))"),
            field(.progress, Format.bar(fraction, width: barWidth) + " " + Format.percent(fraction)),
            field(.budget, "\(r.progress.spent) / \(c.budget) · \(costPer) / \(CampaignTexts.goalUnit(c.goalMetric, state.language))"),
            field(.spent, Format.bar(spentFraction, width: barWidth) + " " + Format.percent(spentFraction)),
            ("", .text),
            field(.window, [c.startsAt, c.endsAt].map { $0.map { Format.dateTime($0, zone: zone, now: state.data.now) } ?? "…" }.joined(separator: " → ")
                + " " + zone.identifier),
            field(.nextRun, c.nextRunAt.map { Format.zonedDateTime($0, zone: zone, now: state.data.now) + " " + zone.identifier } ?? "–"),
        ] + campaignExtras(zone: zone, barWidth: barWidth))
    }
}
