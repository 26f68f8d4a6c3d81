/// Everything a key can do. Each command lives in one context, has default keys (the first is the one the
/// reducer understands, see `KeyMap.translate`) and a description in English and Chinese; the help screen,
/// the footer and docs/keys.md are all generated from this table and the user's keys.toml.
public enum Command: String, CaseIterable, Sendable {
    // normal
    case nextPane = "next-pane", previousPane = "previous-pane"
    case pane1 = "pane-1", pane2 = "pane-2", pane3 = "pane-3", pane4 = "pane-4"
    case down, up, pageDown = "page-down", pageUp = "page-up", first, last
    case open, filter, palette, help, refresh, live, zoom, sort, groups, tag, back, quit
    // check-ins
    case makeup, ratesDown = "rates-down", ratesUp = "rates-up"
    // moderation
    case approve, reject, warn, mute, kick, ban, banAsSpam = "ban-as-spam", delete, escalate, claim, note, undo
    // campaigns
    case newCampaign = "new-campaign", trigger, pauseCampaign = "pause-campaign", cancelCampaign = "cancel-campaign"
    // overlay
    case close, nextItem = "next-item", previousItem = "previous-item", memberView = "member-view"
    // confirm
    case confirm, cancel
    // input
    case accept, discard, clearLine = "clear-line", complete

    public var context: KeyContext {
        switch self {
        case .nextPane, .previousPane, .pane1, .pane2, .pane3, .pane4, .down, .up, .pageDown, .pageUp, .first, .last, .open, .filter,
             .palette, .help, .refresh, .live, .zoom, .sort, .groups, .tag, .back, .quit:
            return .normal
        case .makeup, .ratesDown, .ratesUp: return .checkins
        case .approve, .reject, .warn, .mute, .kick, .ban, .banAsSpam, .delete, .escalate, .claim, .note, .undo: return .moderation
        case .newCampaign, .trigger, .pauseCampaign, .cancelCampaign: return .campaigns
        case .close, .nextItem, .previousItem, .memberView: return .overlay
        case .confirm, .cancel: return .confirm
        case .accept, .discard, .clearLine, .complete: return .input
        }
    }

    /// The keys it has unless keys.toml says otherwise; the first is what the reducer matches.
    public var defaultKeys: [Key] {
        switch self {
        case .nextPane: return [.tab]
        case .previousPane: return [.backTab]
        case .pane1: return [.character("1")]
        case .pane2: return [.character("2")]
        case .pane3: return [.character("3")]
        case .pane4: return [.character("4")]
        case .down: return [.character("j"), .down]
        case .up: return [.character("k"), .up]
        case .pageDown: return [.pageDown, .control("f"), .control("d")]
        case .pageUp: return [.pageUp, .control("b"), .control("u")]
        case .first: return [.character("g"), .home]
        case .last: return [.character("G"), .end]
        case .open: return [.enter]
        case .filter: return [.character("/")]
        case .palette: return [.character(":")]
        case .help: return [.character("?"), .function(1)]
        case .refresh: return [.character("r"), .control("l")]
        case .live: return [.character("P")]
        case .zoom: return [.character("z")]
        case .sort: return [.character("s")]
        case .groups: return [.character("o")]
        case .tag: return [.character(" ")]
        case .back: return [.escape]
        case .quit: return [.character("q"), .control("c")]
        case .makeup: return [.character("b")]
        case .ratesDown: return [.character("]")]
        case .ratesUp: return [.character("[")]
        case .approve: return [.character("a"), .character("A")]
        case .reject: return [.character("x")]
        case .warn: return [.character("w")]
        case .mute: return [.character("m")]
        case .kick: return [.character("K")]
        case .ban: return [.character("B")]
        case .banAsSpam: return [.character("S")]
        case .delete: return [.character("d")]
        case .escalate: return [.character("e")]
        case .claim: return [.character("c")]
        case .note: return [.character("n")]
        case .undo: return [.character("u")]
        case .newCampaign: return [.character("c")]
        case .trigger: return [.character("t")]
        case .pauseCampaign: return [.character("p")]
        case .cancelCampaign: return [.character("x")]
        case .close: return [.escape, .character("q"), .backspace]
        case .nextItem: return [.character("n")]
        case .previousItem: return [.character("p")]
        case .memberView: return [.character("i")]
        case .confirm: return [.character("y"), .character("Y")]
        case .cancel: return [.character("n"), .character("N"), .escape, .character("q")]
        case .accept: return [.enter]
        case .discard: return [.escape]
        case .clearLine: return [.control("u")]
        case .complete: return [.tab]
        }
    }

    public var summary: (en: String, zh: String) {
        switch self {
        case .nextPane: return ("next pane", "下一个面板")
        case .previousPane: return ("previous pane", "上一个面板")
        case .pane1: return ("Activity", "群活跃")
        case .pane2: return ("Check-ins", "签到")
        case .pane3: return ("Moderation", "待审核")
        case .pane4: return ("Campaigns", "活动")
        case .down: return ("move down", "下移")
        case .up: return ("move up", "上移")
        case .pageDown: return ("page down", "下一页")
        case .pageUp: return ("page up", "上一页")
        case .first: return ("first row", "到顶部")
        case .last: return ("last row", "到底部")
        case .open: return ("open the detail view (Check-ins: the member)", "打开详情（签到：成员）")
        case .filter: return ("filter the focused pane (applies as you type)", "筛选当前面板（输入即生效）")
        case .palette: return ("command palette (theme, lang, group, sort, filter…)", "命令面板（theme, lang, group, sort, filter…）")
        case .help: return ("this help (type to filter it)", "本帮助（输入可筛选）")
        case .refresh: return ("refresh now", "立即刷新")
        case .live: return ("pause / resume live updates", "暂停/恢复实时更新")
        case .zoom: return ("zoom the focused pane / show all four", "当前面板全屏 / 四面板")
        case .sort: return ("sort Activity (hour, today, active, members, quiet, name)", "群活跃排序（1小时/今日/活跃/成员/冷清/名称）")
        case .groups: return ("group switcher: all groups or one", "切换群：全部或单个群")
        case .tag: return ("tag / untag for a bulk action, then move down", "标记/取消标记（批量操作），并下移")
        case .back: return ("back; clears tags, then filter, then group scope", "返回；清除标记、筛选、群范围")
        case .quit: return ("quit", "退出")
        case .ratesDown: return ("scroll the groups' check-in rates down (when not all fit)", "签到率列表下翻（群多时）")
        case .ratesUp: return ("scroll the groups' check-in rates up", "签到率列表上翻")
        case .makeup: return ("补签: grant the member a make-up check-in for a missed day (audited)", "补签：为成员补一天签到（记入审计日志）")
        case .approve: return ("approve (let a request in; nothing wrong with a message)", "通过（入群申请放行；消息无问题）")
        case .reject: return ("reject a request / remove a message (confirms)", "拒绝申请 / 移除消息（需确认）")
        case .warn: return ("warn (climbs the penalty ladder; warnings expire in 30 days)", "警告（按处罚阶梯升级，默认30天过期）")
        case .mute: return ("mute (asks how long, default 1h)", "禁言（输入时长，默认1h）")
        case .kick: return ("kick (confirms)", "踢出（需确认）")
        case .ban: return ("ban (always confirms)", "拉黑（总是需确认）")
        case .banAsSpam: return ("ban as spam: also deletes the message, and the classifier learns it (always confirms)", "拉黑并标为广告：同时删除消息，分类器学习（总是需确认）")
        case .delete: return ("delete the message (confirms)", "删除消息（需确认）")
        case .escalate: return ("escalate", "上报给群主")
        case .claim: return ("claim for 10 min: other admins see you are on it (again: release)", "认领10分钟：其他管理员可见（再按一次释放）")
        case .note: return ("add a note", "添加备注")
        case .undo: return ("undo my last action", "撤销我的上一个操作")
        case .newCampaign: return ("new campaign: pick a template, then fill its form (groups, budget, start, the template's numbers)", "新建活动：选模板，再填表（目标群、预算、开始时间、模板参数）")
        case .trigger: return ("trigger now (confirms; the budget is checked first)", "立即执行（需确认，先检查预算）")
        case .pauseCampaign: return ("pause / resume", "暂停 / 恢复")
        case .cancelCampaign: return ("cancel the campaign (confirms)", "取消活动（需确认）")
        case .close: return ("close", "关闭")
        case .nextItem: return ("in a detail view: next item", "详情中：下一条")
        case .previousItem: return ("in a detail view: previous item", "详情中：上一条")
        case .memberView: return ("in a queue item: the member's view", "待审核详情中：查看成员")
        case .confirm: return ("confirm (Enter does not)", "确认（回车不算）")
        case .cancel: return ("cancel", "取消")
        case .accept: return ("accept what was typed", "确认输入")
        case .discard: return ("discard what was typed", "放弃输入")
        case .clearLine: return ("clear the line", "清空输入")
        case .complete: return ("palette: complete the command or its argument", "命令面板：补全命令或参数")
        }
    }

    /// The key the reducer understands for this command.
    var canonicalKey: Key { defaultKeys[0] }
}
