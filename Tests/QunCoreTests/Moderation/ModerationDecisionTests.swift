import Foundation
import XCTest

@testable import QunCore

/// The moderation rules without a database: what each action changes and sends to the platform.
final class ModerationDecisionTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let chat = PlatformID.number(-100_5)
    let user = PlatformID.number(42)

    func facts(_ kind: ModerationKind = .flaggedMessage, warnings: Int = 0, status: ModerationStatus = .open) -> ModerationFacts {
        var item = ModerationCase(id: 9, kind: kind, status: status, groupID: "-1005", memberID: "42", eventSource: "telegram-bot",
                                  eventExternalID: "-1005:77", rule: "ad", reason: "asks members to add a WeChat contact", severity: 4, createdAt: now)
        item.reasonZh = "招揽添加微信"
        return ModerationFacts(
            item: item, member: .init(role: .member, status: .active, statusAt: now, mutedUntil: nil), memberName: "小李🚗", ladder: .standard,
            activeWarnings: warnings, chat: chat, user: user, message: kind == .joinRequest ? nil : .number(77))
    }

    func testApprovingAJoinRequestLetsTheMemberIn() throws {
        let outcome = try ModerationDecision.decide(.approve, facts: facts(.joinRequest), reason: nil, now: now)
        XCTAssertEqual(outcome.resolution, "approved")
        XCTAssertEqual(outcome.memberRole, .member)
        XCTAssertEqual(outcome.commands, [.approveJoinRequest(chat: chat, user: user)])
        let dismissed = try ModerationDecision.decide(.approve, facts: facts(), reason: nil, now: now)
        XCTAssertEqual(dismissed.resolution, "dismissed")
        XCTAssertEqual(dismissed.commands, [], "a flagged message found fine changes nothing on the platform")
    }

    func testTheSecondWarningClimbsTheLadderToAMute() throws {
        let outcome = try ModerationDecision.decide(.warn, facts: facts(warnings: 1), reason: nil, now: now)
        XCTAssertEqual(outcome.resolution, "warned (2 active) → mute 1h")
        XCTAssertEqual(outcome.ladderPenalty, .mute(seconds: 3600))
        XCTAssertEqual(outcome.memberStatus, .muted)
        XCTAssertEqual(outcome.warning?.expires, now.addingTimeInterval(30 * 86_400))
        XCTAssertEqual(outcome.commands.count, 2)
        guard case let .sendMessage(_, text, entities, _) = outcome.commands[0] else { return XCTFail() }
        XCTAssertEqual(text, "@小李🚗 ⚠️ 警告 2：招揽添加微信", "posted in the group's language")
        XCTAssertEqual(entities, [MessageEntity(kind: .textMention, offset: 0, length: 5, user: user)])
        XCTAssertEqual(outcome.commands[1], .restrictMember(chat: chat, user: user, permissions: .muted, until: now.addingTimeInterval(3600)))
    }

    func testBanAsSpamTakesTheMessageWithTheSender() throws {
        let outcome = try ModerationDecision.decide(.banAsSpam, facts: facts(), reason: nil, now: now)
        XCTAssertEqual(outcome.resolution, "banned as spam")
        XCTAssertTrue(outcome.deletesMessage)
        XCTAssertEqual(outcome.commands, [.banMember(chat: chat, user: user, until: nil, revokeMessages: false), .deleteMessages(chat: chat, ids: [.number(77)])])
        let plain = try ModerationDecision.decide(.ban, facts: facts(), reason: nil, now: now)
        XCTAssertFalse(plain.deletesMessage, "a plain ban leaves the message: it may be fine")
    }

    func testBanningAnApplicantDeclinesTheRequestFirst() throws {
        let outcome = try ModerationDecision.decide(.ban, facts: facts(.joinRequest), reason: nil, now: now)
        XCTAssertEqual(outcome.commands, [.declineJoinRequest(chat: chat, user: user), .banMember(chat: chat, user: user, until: nil, revokeMessages: false)])
    }

    func testWhatDoesNotApplyIsRefusedWithTheReason() {
        XCTAssertThrowsError(try ModerationDecision.decide(.warn, facts: facts(.joinRequest), reason: nil, now: now)) { error in
            XCTAssertEqual("\(error)", "queue item 9 is a join request: approve or reject it")
        }
        XCTAssertThrowsError(try ModerationDecision.decide(.delete, facts: facts(.joinRequest), reason: nil, now: now))
        XCTAssertThrowsError(try ModerationDecision.decide(.ban, facts: facts(status: .resolved), reason: nil, now: now)) { error in
            XCTAssertTrue("\(error)".contains("already resolved"))
        }
        XCTAssertNoThrow(try ModerationDecision.decide(.claim, facts: facts(status: .resolved), reason: nil, now: now), "claiming does not resolve")
    }
}
