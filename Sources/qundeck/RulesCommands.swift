import ArgumentParser
import Foundation
import QunCore
import QunStore
import TOMLKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "The content rules: test messages against them, replay them over history, export and import them as TOML.",
        subcommands: [RulesCheck.self, RulesReplay.self, RulesExport.self, RulesImport.self, RulesLearn.self, RulesModel.self])
}

/// One verdict as `rules check` and `rules replay` print it.
struct FlagOutput: Encodable {
    var rule: String
    var match: String
    var reason: String
    var reason_zh: String
    var severity: Int
    var action: String

    init(_ v: RuleVerdict) {
        rule = v.rule.rawValue
        match = v.match
        reason = v.reason
        reason_zh = v.chineseReason
        severity = v.severity
        action = v.action.rawValue
    }
}

struct RulesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read messages on stdin (JSON Lines with a \"text\" field, or plain lines) and print one JSON verdict per line.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Apply this group's rules (its allow-list, banned words, nickname format…).") var group: String?

    func run() throws {
        let opener = try storeOptions.opener
        // Without a store the standard rules apply: checking text never needs data.
        let engine = opener.exists ? try opener.open().ruleEngine() : RuleEngine()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Output: Encodable {
            var text: String
            var flags: [FlagOutput]
            var links: [String]
        }
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            var text = line
            if line.hasPrefix("{"), let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            {
                guard let field = object["text"] as? String else {
                    printError("<stdin>:\(lineNumber): field \"text\": missing or not a string")
                    continue
                }
                text = field
            }
            let verdict = engine.evaluate(text, groupID: group ?? "")
            let output = Output(text: text, flags: verdict.flags.map(FlagOutput.init), links: verdict.links)
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        }
    }
}

struct RulesReplay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the current rules over stored messages and report what would have fired — a dry run; nothing is changed.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "The group.") var group: String
    @Option(name: .long, help: "From this date (YYYY-MM-DD in the group's zone, RFC 3339, or a span like 7d).") var since: String
    @Option(name: .long, help: "Rules from this TOML file instead of the stored ones (try a change before saving it).")
    var rules: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        guard let g = try store.group(id: group) else { throw ValidationError(StoreError.unknownGroup(group).description) }
        let start = try DateArgument.parse(since, now: Date(), zone: g.timeZone)
        let engine = try rules.map { RuleEngine(ruleSet: try RulesFile.read($0)) } ?? store.ruleEngine()
        let effective = engine.rules(for: group)
        // The classifier as it stood when the replay starts: the decisions being replayed do not grade themselves.
        let classifier = try store.classifier(trainedBefore: start)
        let decisions = try store.messageDecisions(groupID: group)
        var recent: [String: [Date]] = [:]
        var fired: [String: Int] = [:]
        var messages = 0
        var rulesScore = DetectionScore()
        var classifierScore = DetectionScore()
        var classifierOnly = 0
        struct Hit: Encodable {
            var id: String
            var ts: Date
            var member: String
            var text: String
            var flags: [FlagOutput]
            var classifier: String?
        }
        var hits: [Hit] = []
        let members = Dictionary(uniqueKeysWithValues: try store.members(groupID: group).map { ($0.memberID, $0) })
        try store.forEachEvent(groupID: group) { event in
            guard event.kind == .message, event.timestamp >= start, let text = event.text else { return }
            messages += 1
            let member = members[event.memberID]
            let isStaff = [.owner, .admin, .agent].contains(member?.role ?? .member)
            let window = Double(effective.flood.seconds)
            let earlier = (recent[event.memberID] ?? []).filter { event.timestamp.timeIntervalSince($0) < window && $0 < event.timestamp }
            let verdict = engine.evaluate(MessageInput(
                text: text, groupID: group, memberID: event.memberID, memberJoinedAt: member?.joinedAt, sentAt: event.timestamp,
                recentMessageTimes: earlier, senderIsStaff: isStaff))
            recent[event.memberID] = earlier + [event.timestamp]
            let assessment = classifier.assess(text)
            let byClassifier = effective.classifier.enabled && !isStaff && assessment.isSpam(threshold: effective.classifier.threshold)
            if let decision = decisions[event.externalID] {
                rulesScore.record(flagged: !verdict.flags.isEmpty, isSpam: decision == .spam)
                classifierScore.record(flagged: byClassifier, isSpam: decision == .spam)
            }
            if byClassifier && verdict.flags.isEmpty { classifierOnly += 1 }
            guard !verdict.flags.isEmpty || byClassifier else { return }
            for flag in verdict.flags { fired[flag.rule.rawValue, default: 0] += 1 }
            if byClassifier { fired[RuleKind.classifier.rawValue, default: 0] += 1 }
            hits.append(Hit(id: event.externalID, ts: event.timestamp, member: member?.shownName ?? event.memberID, text: text,
                            flags: verdict.flags.map(FlagOutput.init), classifier: byClassifier ? assessment.reason : nil))
        }
        if output.json {
            struct Precision: Encodable {
                var decided: Int
                var flagged_spam: Int
                var flagged_ham: Int
                var precision: Double?
                var recall: Double?
                init(_ s: DetectionScore) {
                    decided = s.spam + s.ham
                    flagged_spam = s.truePositives
                    flagged_ham = s.falsePositives
                    precision = s.precision
                    recall = s.recall
                }
            }
            struct Report: Encodable {
                var group: String
                var since: Date
                var messages: Int
                var flagged: Int
                var by_rule: [String: Int]
                var classifier_only: Int
                var rules_vs_decisions: Precision
                var classifier_vs_decisions: Precision
                var hits: [Hit]
            }
            try JSONOutput.print(Report(
                group: group, since: start, messages: messages, flagged: hits.count, by_rule: fired, classifier_only: classifierOnly,
                rules_vs_decisions: Precision(rulesScore), classifier_vs_decisions: Precision(classifierScore), hits: hits))
            return
        }
        let f = DateFormatter()
        f.dateFormat = "MM-dd HH:mm"
        f.timeZone = g.timeZone
        var table = TextTable(columns: ["TIME", "MEMBER", "RULE", "MATCH", "TEXT"])
        for hit in hits {
            let rules = hit.flags.map(\.rule) + (hit.classifier == nil ? [] : [RuleKind.classifier.rawValue])
            let matches = hit.flags.map(\.match) + (hit.classifier.map { [$0] } ?? [])
            table.add([f.string(from: hit.ts), hit.member, rules.joined(separator: ","), matches.joined(separator: " | "), hit.text])
        }
        print(table.render(), terminator: "")
        let rate = messages == 0 ? 0 : Double(hits.count) / Double(messages) * 100
        print(String(format: "\n%d of %d messages since %@ would be flagged (%.2f%%): ", hits.count, messages, since, rate)
              + fired.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("the classifier alone would have flagged \(classifierOnly) the rules did not")
        for (name, score) in [("rules", rulesScore), ("classifier", classifierScore)] {
            let precision = score.precision.map { String(format: "%.2f", $0) } ?? "-"
            let recall = score.recall.map { String(format: "%.2f", $0) } ?? "-"
            print("\(name) against \(score.spam + score.ham) past decisions (\(score.spam) removed, \(score.ham) approved): "
                + "precision \(precision), recall \(recall)")
        }
    }
}

struct RulesExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Print the current rules as TOML (docs/rules.md).")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let opener = try storeOptions.opener
        let set = opener.exists ? try opener.open().ruleSet() : RuleSet.standard
        print(RulesFile.unescapeUnicode(try TOMLEncoder().encode(set) as String))
    }
}

struct RulesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Replace the rules with a TOML file; every ingest from then on uses them (audited).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The TOML file.") var file: String

    func run() throws {
        let set = try RulesFile.read(file)
        try storeOptions.open().saveRuleSet(set, actor: storeOptions.actor)
        printError("rules: imported \(file) (\(set.groups.count) group override(s))")
    }
}

enum RulesFile {
    /// TOMLKit writes every non-ASCII character as \uXXXX; TOML allows UTF-8 in strings, and admins need to
    /// read 微信 rather than \u5FAE\u4FE1. Escaped backslashes and control characters stay escaped.
    static func unescapeUnicode(_ toml: String) -> String {
        var out = ""
        var chars = Array(toml)
        var i = 0
        chars.append(" ")
        while i < chars.count - 1 {
            let c = chars[i]
            guard c == "\\" else {
                out.append(c)
                i += 1
                continue
            }
            let next = chars[i + 1]
            let width = next == "u" ? 4 : next == "U" ? 8 : 0
            if width > 0, i + 1 + width < chars.count,
                let value = UInt32(String(chars[(i + 2)...(i + 1 + width)]), radix: 16), let scalar = Unicode.Scalar(value),
                scalar.value >= 0x80, scalar.properties.generalCategory != .control
            {
                out.unicodeScalars.append(scalar)
                i += 2 + width
            } else {
                out.append(c)
                out.append(next)
                i += 2
            }
        }
        return out
    }

    /// Reads a rule set from TOML; errors name the file and, when TOMLKit knows it, the line.
    static func read(_ path: String) throws -> RuleSet {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure("\(path): cannot read the file")
        }
        do {
            return try TOMLDecoder().decode(RuleSet.self, from: text)
        } catch let error as TOMLParseError {
            throw CommandFailure("\(path):\(error.source.begin.line): \(error.description)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context)
        {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw CommandFailure("\(path): \(key.isEmpty ? "" : "field \"\(key)\": ")\(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            var names = context.codingPath.map(\.stringValue)
            if names.last != key.stringValue { names.append(key.stringValue) }
            throw CommandFailure("\(path): field \"\(names.joined(separator: "."))\" is missing or has the wrong type (see docs/rules.md)")
        }
    }
}
