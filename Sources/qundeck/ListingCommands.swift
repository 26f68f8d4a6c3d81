import ArgumentParser
import Foundation
import QunCore
import QunStore

struct GroupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "groups", abstract: "List the groups in the store.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let stats = try store.stats()
        let groups = try store.groups()
        if output.json {
            struct Row: Encodable {
                var id, name, platform, timezone: String
                var owner: String?
                var nickname_format: String?
                var members: Int
            }
            let members = Dictionary(uniqueKeysWithValues: stats.map { ($0.groupID, $0.members) })
            try JSONOutput.print(groups.map {
                Row(id: $0.id, name: $0.name, platform: $0.platform.rawValue, timezone: $0.timeZoneID, owner: $0.ownerID,
                    nickname_format: $0.nicknameFormat, members: members[$0.id] ?? 0)
            })
            return
        }
        var table = TextTable(columns: ["ID", "NAME", "PLATFORM", "TIMEZONE", "MEMBERS", "NICKNAME FORMAT"])
        for g in groups {
            let members = stats.first { $0.groupID == g.id }?.members ?? 0
            table.add([g.id, g.name, g.platform.rawValue, g.timeZoneID, String(members), g.nicknameFormat ?? "-"])
        }
        print(table.render(), terminator: "")
    }
}

struct MembersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "List a group's members (most recently seen first).")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "The group id (see `qundeck groups`).") var group: String
    @Option(name: .long, help: "At most this many members.") var limit: Int?
    @Option(name: .long, help: ArgumentHelp("Only members with no message in this long (e.g. 7d).", valueName: "span"))
    var silent: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        guard let g = try store.group(id: group) else { throw ValidationError(StoreError.unknownGroup(group).description) }
        let today = LocalDay(Date(), in: g.timeZone)
        let members: [Member]
        if let silent {
            let seconds = try DurationArgument.parse(silent)
            members = try store.silentMembers(groupID: group, days: max(1, Int((seconds / 86_400).rounded())), limit: limit)
        } else {
            members = try store.members(groupID: group, limit: limit)
        }
        if output.json {
            struct Row: Encodable {
                var id, name: String
                var nickname: String?
                var role, status: String
                var messages: Int
                var last_seen: Date
                var checkin_streak: Int
                var longest_streak: Int
                var joined_at: Date?
                var inviter: String?
                var join_source: String?
                var last_message_at: Date?
                var tags: [String]
            }
            try JSONOutput.print(members.map {
                Row(id: $0.memberID, name: $0.displayName, nickname: $0.nickname, role: $0.role.rawValue,
                    status: $0.status(at: Date()).rawValue, messages: $0.messageCount, last_seen: $0.lastSeen,
                    checkin_streak: $0.currentStreak(today: today), longest_streak: $0.longestStreak, joined_at: $0.joinedAt,
                    inviter: $0.inviterID, join_source: $0.joinSource?.rawValue, last_message_at: $0.lastMessageAt,
                    tags: MemberTag.allCases.filter($0.tags.contains).map(\.rawValue))
            })
            return
        }
        var table = TextTable(columns: ["ID", "NAME", "NICKNAME", "ROLE", "STATUS", "MESSAGES", "LAST SEEN", "STREAK"])
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = g.timeZone
        for m in members {
            table.add([
                m.memberID, m.displayName, m.nickname ?? "-", m.role.rawValue, m.status(at: Date()).rawValue, String(m.messageCount),
                formatter.string(from: m.lastSeen), String(m.currentStreak(today: today)),
            ])
        }
        print(table.render(), terminator: "")
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Per-group totals: members, active today, messages, joins, leaves, removes, messages by hour.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Only this group.") var group: String?
    @Option(name: .long, help: "Only since this date (YYYY-MM-DD in Asia/Shanghai, RFC 3339, or a span like 7d).")
    var since: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let since { _ = try DateArgument.parse(since, now: Date(), zone: TimeZone(identifier: Group.defaultTimeZoneID)!) }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let now = Date()
        let sinceDate = try since.map { try DateArgument.parse($0, now: now, zone: TimeZone(identifier: Group.defaultTimeZoneID)!) }
        let stats: [GroupStats]
        do {
            stats = try store.stats(groupID: group, since: sinceDate, now: now)
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
        if output.json {
            struct Totals: Encodable {
                var groups: Int
                var members: Int
                var events: Int
                var messages: Int
            }
            struct Report: Encodable {
                var store: String
                var since: Date?
                var totals: Totals
                var groups: [GroupStats]
            }
            try JSONOutput.print(Report(
                store: store.address, since: sinceDate,
                totals: Totals(groups: stats.count, members: stats.reduce(0) { $0 + $1.members },
                               events: try store.eventCount(), messages: stats.reduce(0) { $0 + $1.messages }),
                groups: stats))
            return
        }
        var table = TextTable(columns: ["GROUP", "MEMBERS", "ACTIVE TODAY", "MESSAGES", "JOINS", "LEAVES", "REMOVES", "BANS", "CHECK-INS", "PENDING", "BUSIEST HOUR"])
        for s in stats {
            let busiest = s.messagesByHour.enumerated().max { $0.element < $1.element }.map { String(format: "%02d:00", $0.offset) } ?? "-"
            table.add([s.name, String(s.members), String(s.activeToday), String(s.messages), String(s.joins), String(s.leaves),
                       String(s.removes), String(s.bans), String(s.checkins), String(s.pendingRequests), busiest])
        }
        print(table.render(), terminator: "")
    }
}
