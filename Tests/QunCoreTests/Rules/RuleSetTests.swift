import Foundation
import XCTest

@testable import QunCore

final class RuleSetTests: XCTestCase {
    func testGroupSettingsOverrideTheDefaultsFieldByField() {
        let ruleSet = RuleSet(
            defaults: RuleSettings(link: LinkSettings(action: .delete, allow: ["t.cn"]), flood: FloodSettings(messages: 10)),
            groups: ["g": RuleSettings(link: LinkSettings(severity: 5, allow: ["qq.com"]), flood: FloodSettings(seconds: 60))])
        let rules = ruleSet.effective(for: "g")
        XCTAssertEqual(rules.link.action, .delete, "inherited from the defaults")
        XCTAssertEqual(rules.link.severity, 5)
        XCTAssertEqual(rules.link.allow, ["t.cn", "qq.com"], "a group's list adds to the defaults'")
        XCTAssertEqual(rules.flood.messages, 10)
        XCTAssertEqual(rules.flood.seconds, 60)
        XCTAssertEqual(rules.ad, EffectiveRules.builtIn.ad, "untouched sections are the built-in ones")

        let other = ruleSet.effective(for: "unknown")
        XCTAssertEqual(other.link.severity, 3)
        XCTAssertEqual(other.flood.seconds, 30)
        XCTAssertEqual(RuleEngine(ruleSet: ruleSet).rules(for: "g"), rules)
    }

    func testStandardRuleSetSpellsOutTheBuiltInDefaults() {
        XCTAssertEqual(RuleSet.standard.effective(for: "any"), EffectiveRules.builtIn)
        XCTAssertEqual(RuleSet().effective(for: "any"), EffectiveRules.builtIn)
        let defaults = EffectiveRules.builtIn
        XCTAssertEqual(defaults.link.action, .queue)
        XCTAssertEqual(defaults.newMemberLink.action, .delete)
        XCTAssertEqual(defaults.flood.action, .mute)
        XCTAssertEqual(defaults.nicknameFormat.action, .queue)
    }

    func testSeverityIsClampedToOneThroughFive() {
        let rules = RuleSet(defaults: RuleSettings(link: LinkSettings(severity: 9), flood: FloodSettings(severity: -1))).effective(for: "")
        XCTAssertEqual(rules.link.severity, 5)
        XCTAssertEqual(rules.flood.severity, 1)
    }

    func testCodableRoundTripUsesSnakeCaseKeys() throws {
        let ruleSet = RuleSet(
            defaults: RuleSettings(exemptStaff: true, link: LinkSettings(action: .queue, allow: ["t.cn"])),
            groups: [
                "zz-jinshui-1": RuleSettings(
                    bannedWord: BannedWordSettings(words: ["赌博"]), massMention: MassMentionSettings(mentions: 3, mentionAll: false),
                    nicknameFormat: NicknameFormatSettings(format: "城市+社区+名字", knownCity: true, values: ["城市": ["郑州"]]),
                    newMemberLink: NewMemberLinkSettings(action: .delete, muteMinutes: 30, hours: 48))
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(ruleSet)
        let json = String(decoding: data, as: UTF8.self)
        for key in ["\"exempt_staff\"", "\"banned_word\"", "\"mass_mention\"", "\"mention_all\"", "\"nickname_format\"", "\"known_city\"",
                    "\"new_member_link\"", "\"mute_minutes\"", "\"zz-jinshui-1\""] {
            XCTAssertTrue(json.contains(key), key)
        }
        XCTAssertFalse(json.contains("null"), "absent settings are omitted, not null")
        XCTAssertEqual(try JSONDecoder().decode(RuleSet.self, from: data), ruleSet)
        XCTAssertEqual(try JSONDecoder().decode(RuleSet.self, from: encoder.encode(RuleSet.standard)), RuleSet.standard)
    }

    func testDecodingToleratesMissingTables() throws {
        let json = #"{"groups": {"car-club": {"link": {"allow": ["autohome.com.cn"]}, "flood": {"action": "delete"}}}}"#
        let ruleSet = try JSONDecoder().decode(RuleSet.self, from: Data(json.utf8))
        XCTAssertEqual(ruleSet.defaults, RuleSettings())
        let rules = ruleSet.effective(for: "car-club")
        XCTAssertEqual(rules.link.allow, ["autohome.com.cn"])
        XCTAssertEqual(rules.flood.action, .delete)
        XCTAssertEqual(rules.flood.messages, EffectiveRules.builtIn.flood.messages)
        XCTAssertThrowsError(try JSONDecoder().decode(RuleSet.self, from: Data(#"{"defaults": {"ad": {"action": "ban"}}}"#.utf8)))
    }

    func testRuleKindAndActionRawValues() {
        XCTAssertEqual(RuleKind.allCases.map(\.rawValue), ["link", "ad", "banned_word", "flood", "mass_mention", "nickname_format", "new_member_link", "cross_group_duplicate", "classifier"])
        XCTAssertEqual(RuleAction.allCases.map(\.rawValue), ["queue", "delete", "mute", "log"])
    }
}
