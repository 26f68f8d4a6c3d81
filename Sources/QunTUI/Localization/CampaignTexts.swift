import Foundation
import QunCore

/// Campaign words the dashboard shows in either language: what each template does, the units goals are
/// counted in, and when a schedule runs. (QunCore's own texts are the CLI's English.)
enum CampaignTexts {
    /// "红包" in Chinese, "红包 drop" (the CLI's title) in English.
    static func templateTitle(_ template: CampaignTemplate, _ language: Language) -> String {
        language == .zh ? String(template.title.split(separator: " ").first ?? Substring(template.title)) : template.title
    }

    static func templateSummary(_ template: CampaignTemplate, _ language: Language) -> String {
        guard language == .zh else { return template.summary }
        switch template.type {
        case .redPacket: return "¥3 分 20 份，红包里藏着产品名；手气最佳得奖（手动触发）"
        case .flashSale: return "10:00–20:00 每小时推一款产品，每次先发 ¥2.50 红包，持续 3 天"
        case .preview: return "每天 20:00 预告明天的产品和价格"
        case .checkinChallenge: return "连续签到 21 天奖励 ¥20；每天 07:00 早安提醒"
        case .referral: return "邀请 20 位有效新人（入群满 7 天且发过言）奖励 ¥50；30 天"
        case .lottery: return "7 天后 20:00 抽 3 份 ¥199 奖品，发言 3 次以上的老成员参与"
        case .welcome: return "新人入群 2 分钟后 @他，附群规和群昵称格式"
        case .firstOrder: return "新人入群 30 天内首单立减 ¥5；30 天"
        case .holiday: return "提前 7 天 19:00 预告节日聚会，前一天和开始前 30 分钟提醒"
        case .live: return "明晚 20:00 群直播，前一天和开始前 30 分钟提醒"
        }
    }

    /// The unit a goal counts: "claims" / "次领取".
    static func goalUnit(_ metric: String, _ language: Language) -> String {
        guard language == .zh else { return metric }
        switch metric {
        case "claims": return "次领取"
        case "orders": return "单"
        case "invites": return "位邀请"
        case "joins": return "位入群"
        case "checkins": return "次签到"
        case "messages": return "条消息"
        default: return metric
        }
    }

    /// "hourly 10:00–20:00 at :00" / "每小时 10:00–20:00 的 :00".
    static func schedule(_ recurrence: Recurrence, _ language: Language) -> String {
        guard language == .zh else { return recurrence.summary }
        switch recurrence {
        case let .once(at): return "一次：\(ISO8601DateFormatter().string(from: at))"
        case let .daily(at): return "每天 \(at)"
        case let .hourly(window, minute): return "每小时 \(window) 的 :\(String(format: "%02d", minute))"
        case let .everyNDays(n, at, anchor): return "自 \(anchor) 起每 \(n) 天 \(at)"
        case let .onJoin(delay): return "入群后 \(delay) 分钟"
        case .manual: return "手动触发"
        }
    }
}
