import Foundation
import QunCore

public enum Pane: Int, CaseIterable, Sendable {
    case activity, checkins, moderation, campaigns

    var label: Label {
        switch self {
        case .activity: return .activity
        case .checkins: return .checkins
        case .moderation: return .moderation
        case .campaigns: return .campaigns
        }
    }
}

public enum ActivitySort: String, CaseIterable, Sendable {
    case name, lastHour = "hour", today, active, members, quiet
}

public enum Overlay: Equatable, Sendable {
    case help
    case groupSwitcher
    case detail(Pane)
    /// The member detail view: profile, check-in strip, invites, tags (editable), value tier.
    case member
    /// The whole status message, when it is longer than the status area.
    case message
    /// A destructive action waiting for y / n.
    case confirm(caseIDs: [Int64], action: ModerationAction)
    /// Trigger or cancel a campaign, waiting for y / n.
    case confirmCampaign(id: String, command: CampaignUICommand)
    /// t, p or x on tagged campaigns, waiting for y / n (p pauses the running ones and resumes the paused).
    case confirmCampaigns(ids: [String], command: CampaignUICommand)
    /// `c` in Campaigns: pick a template for a new campaign.
    case templatePicker
    /// `c` then a template: the new campaign's fields, checked before anything is saved.
    case campaignForm(CampaignForm)
}

public enum InputMode: Equatable, Sendable {
    case filter(Pane)
    case palette
    /// A note on the member shown in the member view.
    case note
    /// How long to mute the targeted queue items' members.
    case muteDuration([Int64])
    /// A note on a queue item.
    case caseNote(Int64)
    /// 补签: the day (and an optional reason) of a make-up check-in for this member.
    case makeup(groupID: String, memberID: String)
}

public struct InputLine: Equatable, Sendable {
    public var mode: InputMode
    public var text: String
    public var cursor: Int = 0
}

public enum StatusLevel: Sendable { case info, ok, warn, danger }

public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var level: StatusLevel
}

/// The whole UI state. `reduce` is the only thing that changes it; views only read it.
public struct AppState: Sendable {
    public var data: DashboardData
    public var width: Int
    public var height: Int
    public var focus: Pane = .activity
    /// One pane full-screen even when the terminal is big enough for all four.
    public var zoomed = false
    public var cursors: [Pane: Int] = [:]
    public var filters: [Pane: String] = [:]
    public var input: InputLine?
    public var overlay: Overlay?
    public var overlayScroll = 0
    /// What was typed into the open help to filter it.
    public var helpFilter = ""
    /// Which keys run which commands (the defaults, or keys.toml's).
    public var keyMap = KeyMap.standard
    public var groupScope: String?
    public var switcherCursor = 0
    /// The first group the Check-ins pane's rate box shows, when not all fit.
    public var rateScroll = 0
    public var paletteCursor = 0
    public var marked: Set<Int64> = []
    /// Campaigns tagged with Space for t, p or x on all of them.
    public var taggedCampaigns: Set<String> = []
    /// Rows the admin's own action is about to remove (a resolved queue item, a cancelled campaign): their
    /// leaving is expected and needs no status line of its own.
    public var expectedDepartures: Set<RowIdentity> = []
    public var activitySort: ActivitySort = .lastHour
    public var live = true
    /// A write is waiting for the store's lock (another process is writing); the screen says so.
    public var storeWaiting = false
    /// Kick, ban, delete, reject and every bulk action ask first; `--no-confirm` turns that off for experts.
    public var confirmsActions = true
    public var status: StatusMessage?
    public var language: Language
    public var themeName: String
    public var themeNames: [String]
    public var context: [ContextMessage] = []
    public var memberProfile: MemberProfile?
    public var campaignDetail: CampaignDetail?
    public var templateCursor = 0
    /// Owner, admins and agents of the group open in the Activity detail view.
    public var staff: [Member] = []
    /// Where Esc returns from the member view (it can be opened from a queue item's detail).
    public var memberReturn: Overlay?
    public var quitRequested = false
    /// Who the audit log names for this dashboard's actions (`--actor`); the header shows it, and queue items
    /// claimed by anyone else say who is on them.
    public var actor = "admin"
    /// Shared by every copy of the state: a cache, not state.
    let searchCache = NormalizedTextCache()

    public init(data: DashboardData, width: Int, height: Int, language: Language, themeName: String, themeNames: [String]) {
        self.data = data
        self.width = width
        self.height = height
        self.language = language
        self.themeName = themeName
        self.themeNames = themeNames
    }

    func t(_ label: Label) -> String { label.text(language) }

    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// All four panes fit side by side from 120×36; smaller terminals show the focused pane alone.
    public var showsGrid: Bool { !zoomed && width >= 120 && height >= 36 }

    public func cursor(_ pane: Pane) -> Int { cursors[pane] ?? 0 }

    /// The zone the header clock uses: the selected group's, else the first group's, else Asia/Shanghai.
    public var clockZone: TimeZone {
        if let scope = groupScope, let group = data.groups.first(where: { $0.id == scope }) { return group.timeZone }
        return TimeZone(identifier: Group.defaultTimeZoneID)!
    }

    /// A group's own zone, which its times are shown in; the header clock's zone for an unknown group.
    public func zone(ofGroup id: String) -> TimeZone {
        data.groups.first { $0.id == id }?.timeZone ?? clockZone
    }

    /// A campaign's times are its first target group's, as its posts are scheduled there.
    public func zone(of campaign: Campaign) -> TimeZone {
        campaign.groupIDs.first.map { zone(ofGroup: $0) } ?? clockZone
    }

    // MARK: visible rows (scope, filter and sort applied)

    func inScope(_ groupID: String) -> Bool { groupScope == nil || groupScope == groupID }

    func matches(_ pane: Pane, _ fields: [String?]) -> Bool {
        guard let filter = filters[pane], !filter.isEmpty else { return true }
        let needle = searchCache.normalized(filter)
        return fields.contains { field in field.map { searchCache.normalized($0).contains(needle) } ?? false }
    }

    public var activityRows: [GroupActivity] {
        let rows = data.activity.filter { inScope($0.group.id) && matches(.activity, [$0.group.name, $0.group.id, $0.group.platform.rawValue]) }
        switch activitySort {
        case .name: return rows.sorted { $0.group.name < $1.group.name }
        case .lastHour: return rows.sorted { ($0.messagesLastHour, $0.messagesToday) > ($1.messagesLastHour, $1.messagesToday) }
        case .today: return rows.sorted { $0.messagesToday > $1.messagesToday }
        case .active: return rows.sorted { $0.activeToday > $1.activeToday }
        case .members: return rows.sorted { $0.members > $1.members }
        case .quiet:
            return rows.sorted { a, b in
                if a.isGoingQuiet != b.isGoingQuiet { return a.isGoingQuiet }
                return Double(a.messagesLast3Hours) / max(a.baselineLast3Hours, 1) < Double(b.messagesLast3Hours) / max(b.baselineLast3Hours, 1)
            }
        }
    }

    public var checkinRateRows: [GroupCheckinRate] {
        data.checkinRates.filter { inScope($0.group.id) }.sorted { $0.rate > $1.rate }
    }

    public var checkinRows: [CheckinMemberRow] {
        data.checkinMembers.filter {
            inScope($0.member.groupID) && matches(.checkins, [$0.member.shownName, $0.member.displayName, $0.groupName, $0.member.memberID])
        }
    }

    public var queueRows: [ModerationQueueRow] {
        data.queue.filter {
            inScope($0.item.groupID)
                && matches(.moderation, [$0.memberName, $0.groupName, $0.item.reason, $0.item.rule, $0.item.kind.rawValue, $0.messageText, $0.item.evidence])
        }
    }

    public var campaignRows: [CampaignRow] {
        data.campaigns.filter {
            (groupScope == nil || $0.campaign.groupIDs.contains(groupScope!))
                && matches(.campaigns, [$0.campaign.name, $0.campaign.type.rawValue, $0.campaign.status.rawValue] + $0.groupNames)
        }
    }

    /// Items tagged in a pane, for the footer.
    public func tagCount(_ pane: Pane) -> Int {
        switch pane {
        case .moderation: return marked.count
        case .campaigns: return taggedCampaigns.count
        default: return 0
        }
    }

    public func rowCount(_ pane: Pane) -> Int {
        switch pane {
        case .activity: return activityRows.count
        case .checkins: return checkinRows.count
        case .moderation: return queueRows.count
        case .campaigns: return campaignRows.count
        }
    }

    /// Rows one page moves: the focused pane's visible body height.
    var pageSize: Int { max(1, (showsGrid ? contentHeight / 2 : contentHeight) - 4) }

    /// The status text as the status area shows it, one string per row, never cut.
    var statusLines: [String] {
        guard let status else { return [] }
        return WrappedText.lines(status.text, width: width - 2)
    }

    /// Rows the status area takes: one, or two while a message needs them.
    public var statusRows: Int { statusLines.count > 1 ? 2 : 1 }

    /// A status longer than two rows shows its start; Enter opens all of it.
    public var statusNeedsReading: Bool { statusLines.count > 2 }

    /// Rows between the tab bar and the status area.
    var contentHeight: Int { height - 2 - statusRows }
}
