import ArgumentParser
import Foundation
import QunCore
import QunStore

struct CheckinsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkins",
        abstract: "A group's check-ins (签到) for a day, the streaks at risk, and the daily rate over time; grant a make-up check-in (补签).",
        discussion: "Days are the group's own local days (its time zone), DST-safe.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "The group id.") var group: String
    @Option(name: .long, help: "The local day, YYYY-MM-DD (default: today in the group's time zone).") var date: String?
    @Option(name: .long, help: "Days of daily rates to show.") var days: Int = 14
    @Option(name: .long, help: ArgumentHelp("Grant a make-up check-in (补签) to this member on --date.", valueName: "member"))
    var grant: String?
    @Option(name: .long, help: "Why the make-up was granted (kept in the audit log).") var reason: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let date, LocalDay(iso: date) == nil { throw ValidationError("--date \"\(date)\" is not a date (YYYY-MM-DD)") }
        if grant != nil && date == nil { throw ValidationError("--grant needs --date: the day being made up") }
        guard (1...366).contains(days) else { throw ValidationError("--days must be between 1 and 366") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        guard let g = try store.group(id: group) else { throw ValidationError(StoreError.unknownGroup(group).description) }
        let now = Date()
        let today = LocalDay(now, in: g.timeZone)
        let day = date.flatMap(LocalDay.init(iso:)) ?? today
        if let grant {
            do {
                try store.grantMakeupCheckin(
                    groupID: group, memberID: grant, day: day, actor: storeOptions.actor,
                    reason: reason)
            } catch let error as StoreError {
                throw ValidationError(error.description)
            }
            printError("checkins: granted \(grant) a make-up check-in on \(day) in \(g.name)")
        }
        let records = try store.checkins(groupID: group, day: day)
        let history = try store.checkinHistory(groupID: group, days: days, now: now)
        let checkedIn = Set(records.map(\.memberID))
        let atRisk = try store.checkins(groupID: group, day: day.adding(days: -1)).filter { !checkedIn.contains($0.memberID) }
        if output.json {
            struct Report: Encodable {
                var group: String
                var timezone: String
                var date: String
                var checked_in: [CheckinRecord]
                var at_risk: [CheckinRecord]
                var daily: [Daily]
            }
            struct Daily: Encodable {
                var date: String
                var checked_in: Int
                var members: Int
                var rate: Double
            }
            try JSONOutput.print(Report(
                group: group, timezone: g.timeZoneID, date: day.description, checked_in: records, at_risk: atRisk,
                daily: history.map { Daily(date: $0.day.description, checked_in: $0.checkedIn, members: $0.members, rate: ($0.rate * 1000).rounded() / 1000) }))
            return
        }
        print("\(g.name) · \(day) (\(g.timeZoneID)) · \(records.count) checked in · \(atRisk.count) streaks at risk\n")
        var table = TextTable(columns: ["MEMBER", "ID", "TIME", "STREAK", ""])
        for r in records {
            table.add([r.name, r.memberID, Self.time(r.at, g.timeZone), String(r.streak), r.makeup ? "补签" : ""])
        }
        print(table.render())
        if !atRisk.isEmpty {
            print("At risk (checked in \(day.adding(days: -1)), not on \(day)):")
            var risk = TextTable(columns: ["MEMBER", "ID", "STREAK"])
            for r in atRisk { risk.add([r.name, r.memberID, String(r.streak)]) }
            print(risk.render())
        }
        var daily = TextTable(columns: ["DATE", "CHECKED IN", "MEMBERS", "RATE"])
        for d in history { daily.add([d.day.description, String(d.checkedIn), String(d.members), "\(Int((d.rate * 100).rounded()))%"]) }
        print(daily.render(), terminator: "")
    }

    static func time(_ date: Date, _ zone: TimeZone) -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        f.timeZone = zone
        return f.string(from: date)
    }
}

struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top", abstract: "A group's leaderboard by messages, check-ins, invites (qualified) or orders.")

    enum Metric: String, ExpressibleByArgument, CaseIterable { case messages, checkins, invites, orders }

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "The group id.") var group: String
    @Option(name: .long, help: "messages, checkins, invites or orders.") var by: Metric = .messages
    @Option(name: .long, help: "How many.") var limit: Int = 20
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let entries: [TopEntry]
        do {
            entries = try store.top(groupID: group, by: TopMetric(rawValue: by.rawValue)!, limit: limit)
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
        if output.json {
            try JSONOutput.print(entries)
            return
        }
        let valueTitle = by == .invites ? "QUALIFIED" : by.rawValue.uppercased()
        var table = TextTable(columns: ["#", "MEMBER", "ID", valueTitle, by == .invites || by == .orders ? "DETAIL" : ""])
        for (i, e) in entries.enumerated() { table.add([String(i + 1), e.name, e.memberID, String(e.value), e.detail ?? ""]) }
        print(table.render(), terminator: "")
    }
}

struct MemberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member",
        abstract: "Everything about one member: groups, role, nickname, join source and inviter, invites, check-ins, tags, value tier.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The member's platform id.") var id: String
    @Option(name: .long, help: "The group (default: where they were seen last).") var group: String?
    @Option(name: .long, help: ArgumentHelp("Replace the member's tags: comma-separated seed, loyal, koc, vip, problem (empty to clear).", valueName: "tags"))
    var setTags: String?
    @Option(name: .long, help: "Add a note to the member.") var note: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        guard var profile = try store.memberProfile(groupID: group, memberID: id) else {
            throw ValidationError("no member \"\(id)\"" + (group.map { " in group \"\($0)\"" } ?? ""))
        }
        let actor = try storeOptions.actor
        if let setTags {
            var tags: Set<MemberTag> = []
            for part in setTags.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
                guard let tag = MemberTag(rawValue: part) else {
                    throw ValidationError("unknown tag \"\(part)\" (one of \(MemberTag.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                tags.insert(tag)
            }
            try store.setTags(groupID: profile.group.id, memberID: id, tags: tags, actor: actor)
        }
        if let note { try store.addNote(groupID: profile.group.id, memberID: id, text: note, author: actor) }
        if setTags != nil || note != nil { profile = try store.memberProfile(groupID: profile.group.id, memberID: id) ?? profile }
        if output.json {
            struct Report: Encodable {
                var profile: MemberProfile
                var tier: ValueTier
                var current_streak: Int
            }
            try JSONOutput.print(Report(profile: profile, tier: profile.tier, current_streak: profile.member.currentStreak(today: profile.today)))
            return
        }
        let m = profile.member
        let zone = profile.group.timeZone
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = zone
        let lines: [(String, String)] = [
            ("member", "\(m.shownName) (\(m.memberID))"), ("name", m.displayName), ("group", "\(profile.group.name) (\(profile.group.id))"),
            ("nickname", profile.group.nicknameFormat.map { format in
                profile.nicknameProblems.isEmpty ? "fits \(format)" : "does not fit \(format): " + profile.nicknameProblems.joined(separator: "; ")
            } ?? "-"),
            ("also in", profile.otherGroups.isEmpty ? "-" : profile.otherGroups.joined(separator: ", ")),
            ("role", "\(m.role.rawValue) · \(m.status(at: Date()).rawValue)" + (m.status(at: Date()) == .muted ? (m.mutedUntil.map { " until \(f.string(from: $0))" } ?? "") : "")),
            ("joined", (m.joinedAt.map(f.string(from:)) ?? "-") + (m.joinSource.map { " via \($0.rawValue)" } ?? "")),
            ("invited by", profile.inviterName.map { "\($0) (\(m.inviterID ?? ""))" } ?? m.inviterID ?? "-"),
            ("invites", "\(profile.invites.invited) (\(profile.invites.qualified) qualified)"),
            ("messages", "\(m.messageCount) total, \(profile.messagesLast30Days) in 30 days, last \(m.lastMessageAt.map(f.string(from:)) ?? "never")"),
            ("check-ins", "\(m.checkinCount) total, streak \(m.currentStreak(today: profile.today)), best \(m.longestStreak)"),
            ("last 30 days", CheckinStrip.render(profile.recentCheckins, today: profile.today)),
            ("orders", "\(m.orderCount) (\(m.orderTotal)), red packets \(m.claimCount)"),
            ("tags", m.tags.isEmpty ? "-" : MemberTag.allCases.filter(m.tags.contains).map(\.rawValue).joined(separator: ", ")),
            ("value tier", profile.tier.rawValue), ("open cases", String(profile.openCases)),
            ("warnings", "\(profile.activeWarnings) active" + (profile.nextPenalty.map { ", next → " + PenaltyLadder.describe($0) } ?? "")),
        ]
        for (label, value) in lines { print(TerminalText.fit(label, width: 14) + TerminalText.sanitize(value)) }
        for n in profile.notes { print(TerminalText.fit("note", width: 14) + "\(f.string(from: n.at)) \(n.author): " + TerminalText.sanitize(n.text)) }
    }
}
