import QunCore

/// Pane 4: every campaign's type, groups, status, next run, progress against its goal and spend against budget.
struct CampaignsPaneView {
    let state: AppState

    static func statusLabel(_ status: CampaignStatus, _ state: AppState) -> String {
        switch status {
        case .draft: return state.t(.draft)
        case .scheduled: return state.t(.scheduled)
        case .running: return state.t(.running)
        case .paused: return state.t(.pausedStatus)
        case .completed: return state.t(.completed)
        case .cancelled: return state.t(.cancelled)
        }
    }

    static func typeLabel(_ type: CampaignType, _ language: Language) -> String {
        let zh: String
        switch type {
        case .redPacket: zh = "红包"
        case .flashSale: zh = "秒杀"
        case .preview: zh = "预告"
        case .checkinChallenge: zh = "签到挑战"
        case .referral: zh = "拉新"
        case .lottery: zh = "抽奖"
        case .welcome: zh = "欢迎语"
        case .firstOrder: zh = "新人首单"
        case .holiday: zh = "节日活动"
        case .live: zh = "群直播"
        }
        return language == .zh ? zh : type.rawValue.replacingOccurrences(of: "_", with: " ")
    }

    func draw(into screen: inout Screen, rect: Rect, focused: Bool) {
        let rows = state.campaignRows
        let layout = ColumnLayout([
            .init(title: state.t(.name), width: 0, alignment: .left, flexible: true),
            .init(title: state.t(.type), width: 12, alignment: .left, flexible: false),
            .init(title: state.t(.status), width: 9, alignment: .left, flexible: false),
            .init(title: state.t(.progress), width: 15, alignment: .left, flexible: false),
            .init(title: state.t(.spent) + "/" + state.t(.budget), width: 15, alignment: .right, flexible: false),
            .init(title: state.t(.nextRun), width: 17, alignment: .left, flexible: false),
            .init(title: state.t(.groups), width: 22, alignment: .left, flexible: false),
        ], totalWidth: rect.width - 2)
        var title = "4 " + state.t(.campaigns) + " (\(rows.count))"
        if !state.taggedCampaigns.isEmpty { title += " · \(state.taggedCampaigns.count) \(state.t(.tagged))" }
        if let filter = state.filters[.campaigns] { title += " · /\(filter)" }
        ListView(
            title: title, header: layout.header, rowCount: rows.count, cursor: state.cursor(.campaigns), focused: focused,
            emptyText: state.data.groups.isEmpty ? state.t(.emptyStore) : state.t(.noCampaigns),
            row: { i in
                let r = rows[i]
                let c = r.campaign
                let fraction = c.goalTarget > 0 ? Double(r.progress.achieved) / Double(c.goalTarget) : 0
                let over = c.budget.fen > 0 && r.progress.spent > c.budget
                let role: StyleRole? = over ? .danger : c.status == .running ? nil : .textDim
                return (layout.render([
                    c.name, Self.typeLabel(c.type, state.language), Self.statusLabel(c.status, state),
                    Format.bar(fraction, width: 10) + " " + Format.percent(fraction),
                    "¥\(r.progress.spent.yuanString.dropLast(3))/\(c.budget.yuanString.dropLast(3))",
                    c.nextRunAt.map { Format.zonedDateTime($0, zone: state.zone(of: c), now: state.data.now) } ?? "–",
                    r.groupNames.joined(separator: ", "),
                ]), role)
            },
            isMarked: { state.taggedCampaigns.contains(rows[$0].campaign.id) }
        ).draw(into: &screen, rect: rect)
    }
}
