import XCTest

@testable import QunCore

/// Trust: who the classifier looks at, and how strictly.
final class ClassifierRuleTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_852_400)
    let rule = EffectiveRules.builtIn.classifier

    func testTrustedMembersSkipTheClassifier() {
        let veteran = MemberStanding(messagesWithoutCase: 20, joinedAt: now.addingTimeInterval(-90 * 86_400), now: now)
        XCTAssertNil(rule.threshold(for: veteran))
        let regular = MemberStanding(messagesWithoutCase: 19, joinedAt: now.addingTimeInterval(-90 * 86_400), now: now)
        XCTAssertEqual(rule.threshold(for: regular), 0.9)
    }

    func testNewAndRenamedMembersAreCheckedMoreStrictly() {
        let newcomer = MemberStanding(messagesWithoutCase: 0, joinedAt: now.addingTimeInterval(-3600), now: now)
        XCTAssertEqual(rule.threshold(for: newcomer), 0.7)
        let renamed = MemberStanding(
            messagesWithoutCase: 500, joinedAt: now.addingTimeInterval(-400 * 86_400), renamedAt: now.addingTimeInterval(-600), now: now)
        XCTAssertEqual(rule.threshold(for: renamed), 0.7, "a trusted member who just took a new name is not trusted")
    }

    func testStaffAndDisabledSkip() {
        XCTAssertNil(rule.threshold(for: MemberStanding(messagesWithoutCase: 0, joinedAt: nil, isStaff: true, now: now)))
        var off = rule
        off.enabled = false
        XCTAssertNil(off.threshold(for: MemberStanding(messagesWithoutCase: 0, joinedAt: nil, now: now)))
        var nobodyTrusted = rule
        nobodyTrusted.trustedAfter = 0
        XCTAssertEqual(nobodyTrusted.threshold(for: MemberStanding(messagesWithoutCase: 10_000, joinedAt: nil, now: now)), 0.9)
    }

    func testSettingsComeFromTheRuleSetPerGroup() {
        let ruleSet = RuleSet(
            defaults: RuleSettings(classifier: ClassifierSettings(threshold: 0.95, trustedAfter: 50)),
            groups: ["trial": RuleSettings(classifier: ClassifierSettings(action: .delete, dryRun: true))])
        let trial = ruleSet.effective(for: "trial").classifier
        XCTAssertEqual(trial.threshold, 0.95)
        XCTAssertEqual(trial.trustedAfter, 50)
        XCTAssertEqual(trial.action, .delete)
        XCTAssertTrue(trial.dryRun)
        XCTAssertFalse(ruleSet.effective(for: "other").classifier.dryRun)
        XCTAssertEqual(ruleSet.effective(for: "other").classifier.action, .queue, "the classifier only raises a case by default")
    }
}
