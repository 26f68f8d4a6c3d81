import ArgumentParser
import Foundation
import QunCore
import QunStore

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Show or change one group's settings: name, time zone, owner, nickname format, check-in keywords, penalty ladder.",
        discussion: "The time zone decides the group's day (check-ins, today's figures); changing it applies to events ingested from then on.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The group id.") var id: String
    @Option(name: .long, help: "A new display name.") var name: String?
    @Option(name: .long, help: "IANA time zone, e.g. Asia/Shanghai or Europe/Berlin.") var timezone: String?
    @Option(name: .long, help: "The owner's member id.") var owner: String?
    @Option(name: .customLong("nickname-format"), help: "The required nickname pattern, e.g. 城市+社区+名字 (empty to clear).")
    var nicknameFormat: String?
    @Option(name: .customLong("checkin-keywords"), help: "Comma-separated words that make a message a check-in (empty: the defaults).")
    var checkinKeywords: String?
    @Option(name: .long, help: ArgumentHelp(
        "The penalty ladder: warnings:penalty steps, e.g. \"2:mute 1h, 3:mute 1d, 4:kick, 5:ban\".", valueName: "steps"))
    var ladder: String?
    @Option(name: .customLong("warning-days"), help: "How long a warning stays in force (default 30).") var warningDays: Int?
    @OptionGroup var output: OutputOptions

    /// Parses "2:mute 1h, 3:mute 1d, 4:kick, 5:ban".
    static func parseLadder(_ text: String) throws -> [PenaltyLadder.Step] {
        try text.split(separator: ",").map { part in
            let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let warnings = Int(pieces[0]), warnings > 0 else {
                throw ValidationError("--ladder step \"\(part.trimmingCharacters(in: .whitespaces))\" is not WARNINGS:PENALTY (e.g. 2:mute 1h)")
            }
            let words = pieces[1].split(separator: " ").map(String.init)
            switch words.first {
            case "kick": return PenaltyLadder.Step(warnings: warnings, penalty: .kick)
            case "ban": return PenaltyLadder.Step(warnings: warnings, penalty: .ban)
            case "mute":
                guard words.count == 2, let seconds = DurationText.parse(words[1]) else {
                    throw ValidationError("--ladder step \"\(pieces[1])\": mute needs a duration, e.g. mute 1h")
                }
                return PenaltyLadder.Step(warnings: warnings, penalty: .mute(seconds: seconds))
            default:
                throw ValidationError("--ladder step \"\(pieces[1])\": the penalty is mute DURATION, kick or ban")
            }
        }
    }

    func validate() throws {
        if let ladder { _ = try Self.parseLadder(ladder) }
        if let warningDays, !(1...3650).contains(warningDays) { throw ValidationError("--warning-days must be between 1 and 3650") }
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone \"\(timezone)\" is not an IANA time zone (e.g. Asia/Shanghai)")
        }
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        guard var group = try store.group(id: id) else { throw ValidationError(StoreError.unknownGroup(id).description) }
        let changing = name != nil || timezone != nil || owner != nil || nicknameFormat != nil || checkinKeywords != nil
        if let name { group.name = name }
        if let timezone { group.timeZoneID = timezone }
        if let owner { group.ownerID = owner.isEmpty ? nil : owner }
        if let nicknameFormat { group.nicknameFormat = nicknameFormat.isEmpty ? nil : nicknameFormat }
        if let checkinKeywords {
            let words = checkinKeywords.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            group.checkinKeywords = words.isEmpty ? nil : words
        }
        if changing { try store.saveGroup(group) }
        if ladder != nil || warningDays != nil {
            let current = try store.penaltyLadder(groupID: id)
            try store.setPenaltyLadder(
                PenaltyLadder(
                    warningLifetime: warningDays.map { Double($0) * 86_400 } ?? current.warningLifetime,
                    steps: try ladder.map(Self.parseLadder) ?? current.steps),
                groupID: id)
        }
        let penalties = try store.penaltyLadder(groupID: id)
        if output.json {
            struct Report: Encodable {
                var group: Group
                var penalty_ladder: PenaltyLadder
            }
            try JSONOutput.print(Report(group: group, penalty_ladder: penalties))
            return
        }
        let rows: [(String, String)] = [
            ("id", group.id), ("name", group.name), ("platform", group.platform.rawValue), ("timezone", group.timeZoneID),
            ("owner", group.ownerID ?? "-"), ("nickname format", group.nicknameFormat ?? "-"),
            ("check-in keywords", (group.checkinKeywords ?? CheckinDetector.defaultKeywords).joined(separator: ", ")
                + (group.checkinKeywords == nil ? " (defaults)" : "")),
            ("penalty ladder", penalties.steps.map { "\($0.warnings): \(PenaltyLadder.describe($0.penalty))" }.joined(separator: ", ")
                + " · warnings last \(DurationText.format(penalties.warningLifetime))"),
        ]
        for (label, value) in rows { print(TerminalText.fit(label, width: 19) + TerminalText.sanitize(value)) }
    }
}
