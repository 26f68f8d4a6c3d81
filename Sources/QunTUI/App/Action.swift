import Foundation
import QunCore

public enum Action: Sendable {
    case key(Key)
    case loaded(DashboardData)
    case contextLoaded([ContextMessage])
    case memberLoaded(MemberProfile?)
    case staffLoaded([Member])
    case campaignLoaded(CampaignDetail)
    /// A moderation action or undo went through; the text says what happened.
    case moderated(String)
    case resized(width: Int, height: Int)
    case themeApplied(String)
    case failed(String)
    /// Another admin got to a queue item first; nothing was written.
    case conflict(ModerationConflict)
    /// A write has waited for the store's lock long enough to say so (or no longer waits).
    case storeWaiting(Bool)
}

/// Work the reducer asks the runtime to do: I/O stays out of `reduce`.
public enum Effect: Equatable, Sendable {
    case reload
    case loadContext(ModerationCase)
    case loadMember(groupID: String, memberID: String)
    case setTags(groupID: String, memberID: String, tags: Set<MemberTag>)
    case addNote(groupID: String, memberID: String, text: String)
    case loadStaff(groupID: String)
    case moderate(caseIDs: [Int64], action: ModerationAction)
    /// `c`: claim the items for `ClaimToggle.duration`, or release this admin's own claims on them.
    case claim(caseIDs: [Int64], release: Bool)
    case undoLast
    case addCaseNote(caseID: Int64, text: String)
    case campaign(id: String, command: CampaignUICommand)
    case loadCampaign(id: String)
    /// A new campaign from `CampaignTemplate.all[template]` for the groups in view.
    case createCampaign(CampaignPlan)
    /// 补签, as `checkins --grant` does.
    case grantMakeup(groupID: String, memberID: String, day: LocalDay, reason: String?)
    case switchTheme(String)
    case quit
}

/// A palette command, its arguments, and what it does — also what the palette suggests.
public struct PaletteCommand: Sendable {
    public var name: String
    public var arguments: String
    public var summary: (en: String, zh: String)

    public static let all: [PaletteCommand] = [
        PaletteCommand(name: "theme", arguments: "NAME", summary: ("switch the colour theme", "切换配色主题")),
        PaletteCommand(name: "lang", arguments: "en|zh", summary: ("switch the language", "切换语言")),
        PaletteCommand(name: "group", arguments: "ID|all", summary: ("show one group or all", "只看一个群或全部")),
        PaletteCommand(name: "sort", arguments: "name|hour|today|active|members|quiet", summary: ("sort the Activity pane", "活跃面板排序")),
        PaletteCommand(name: "filter", arguments: "TEXT", summary: ("filter the focused pane", "筛选当前面板")),
        PaletteCommand(name: "clear", arguments: "", summary: ("clear filter, selection and group", "清除筛选、选择和群")),
        PaletteCommand(name: "pause", arguments: "", summary: ("stop live updates", "暂停实时更新")),
        PaletteCommand(name: "resume", arguments: "", summary: ("resume live updates", "恢复实时更新")),
        PaletteCommand(name: "refresh", arguments: "", summary: ("reload from the store", "重新读取数据")),
        PaletteCommand(name: "zoom", arguments: "", summary: ("one pane full-screen / all panes", "单面板全屏/四面板")),
        PaletteCommand(name: "help", arguments: "", summary: ("every key", "所有按键")),
        PaletteCommand(name: "quit", arguments: "", summary: ("leave qundeck", "退出")),
    ]
}
