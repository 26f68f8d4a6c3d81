/// Where a key binding applies. A key is looked up in the most specific context first (see
/// `KeyMap.chain(for:)`): the Moderation pane's `c` claims, the Campaigns pane's `c` creates.
public enum KeyContext: String, CaseIterable, Sendable {
    /// Everywhere on the dashboard when nothing more specific binds the key.
    case normal
    case checkins
    case moderation
    case campaigns
    /// Detail views, help, the member view and the pickers.
    case overlay
    /// A dialog waiting for y / n.
    case confirm
    /// Typing: the filter, a note, a duration, the palette.
    case input

    var title: (en: String, zh: String) {
        switch self {
        case .normal: return ("Everywhere", "通用")
        case .checkins: return ("Check-ins", "签到")
        case .moderation: return ("Moderation (acts on the tagged items, else the current one)", "待审核（作用于标记项或当前项）")
        case .campaigns: return ("Campaigns", "活动")
        case .overlay: return ("Detail views, help and pickers", "详情、帮助与选择框")
        case .confirm: return ("Confirm dialogs", "确认框")
        case .input: return ("Typing (filter, notes, palette)", "输入（筛选、备注、命令）")
        }
    }
}
