import ArgumentParser
import Foundation
import QunCore
import QunStore

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Show or change one group's settings: name, time zone, owner, nickname format, check-in keywords.",
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
    @OptionGroup var output: OutputOptions

    func validate() throws {
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
        if output.json {
            try JSONOutput.print(group)
            return
        }
        let rows: [(String, String)] = [
            ("id", group.id), ("name", group.name), ("platform", group.platform.rawValue), ("timezone", group.timeZoneID),
            ("owner", group.ownerID ?? "-"), ("nickname format", group.nicknameFormat ?? "-"),
            ("check-in keywords", (group.checkinKeywords ?? CheckinDetector.defaultKeywords).joined(separator: ", ")
                + (group.checkinKeywords == nil ? " (defaults)" : "")),
        ]
        for (label, value) in rows { print(TerminalText.fit(label, width: 19) + TerminalText.sanitize(value)) }
    }
}
