import QunCore

/// Names of domain values (roles, statuses, sort keys, join sources, event kinds) in the UI language,
/// so `--lang zh` shows 群主 / 已禁言 rather than owner / muted.
enum ValueLabels {
    static func role(_ role: MemberRole, _ language: Language) -> String {
        guard language == .zh else { return role.rawValue }
        switch role {
        case .owner: return "群主"
        case .admin: return "管理员"
        case .agent: return "客服"
        case .member: return "成员"
        case .pending: return "待审核"
        }
    }

    static func status(_ status: MemberStatus, _ language: Language) -> String {
        guard language == .zh else { return status.rawValue }
        switch status {
        case .active: return "在群"
        case .left: return "已退群"
        case .removed: return "已移出"
        case .banned: return "已拉黑"
        case .muted: return "已禁言"
        }
    }

    static func sort(_ sort: ActivitySort, _ language: Language) -> String {
        guard language == .zh else { return sort.rawValue }
        switch sort {
        case .name: return "名称"
        case .lastHour: return "1小时"
        case .today: return "今日"
        case .active: return "活跃"
        case .members: return "成员"
        case .quiet: return "冷清"
        }
    }

    static func joinSource(_ source: JoinSource, _ language: Language) -> String {
        guard language == .zh else { return source.rawValue.replacingOccurrences(of: "_", with: " ") }
        switch source {
        case .inviteLink: return "邀请链接"
        case .added: return "被拉入群"
        case .qr: return "扫码"
        case .request: return "申请入群"
        }
    }

    static func kind(_ kind: EventKind, _ language: Language) -> String {
        guard language == .zh else { return kind.rawValue.replacingOccurrences(of: "_", with: " ") }
        switch kind {
        case .message: return "消息"
        case .join: return "入群"
        case .leave: return "退群"
        case .remove: return "被移出"
        case .ban: return "被拉黑"
        case .joinRequest: return "入群申请"
        case .rename: return "改名"
        case .redpacketClaim: return "领红包"
        case .order: return "下单"
        case .checkin: return "签到"
        }
    }
}
