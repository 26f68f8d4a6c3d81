import Foundation
import XCTest

import QunCore

/// Several admins on one queue, without a database: stale versions and running claims are refused with a
/// conflict naming who got there first; one's own claim, an expired claim and a current version are not.
final class CaseGuardTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00 UTC

    func item(version: Int64 = 3, status: ModerationStatus = .open, claimedBy: String? = nil, until: Date? = nil) -> ModerationCase {
        ModerationCase(
            id: 7, kind: .flaggedMessage, status: status, groupID: "g1", memberID: "m1", reason: "ad", severity: 3,
            createdAt: now.addingTimeInterval(-3600), claimedBy: claimedBy, resolution: status == .resolved ? "banned" : nil,
            resolvedAt: status == .resolved ? now.addingTimeInterval(-120) : nil, version: version, claimedUntil: until)
    }

    func entry(_ actor: String, _ action: String, secondsAgo: TimeInterval = 120) -> AuditEntry {
        AuditEntry(id: 40, at: now.addingTimeInterval(-secondsAgo), actor: actor, action: action, caseID: 7)
    }

    func testTheVersionTheScreenShowedLetsTheActionThrough() throws {
        XCTAssertNoThrow(try CaseGuard.checkAction(.ban, by: "小李", on: item(), expectedVersion: 3, lastChange: entry("小王", "claim"), now: now))
        XCTAssertNoThrow(try CaseGuard.checkAction(.ban, by: "小李", on: item(), expectedVersion: nil, lastChange: nil, now: now))
    }

    func testAStaleVersionIsRefusedNamingWhoChangedTheItem() {
        XCTAssertThrowsError(try CaseGuard.checkAction(.warn, by: "小李", on: item(version: 4), expectedVersion: 3,
                                                       lastChange: entry("小王", "ban"), now: now)) { error in
            XCTAssertEqual(error as? ModerationConflict,
                           ModerationConflict(caseID: 7, actor: "小王", reason: .handled(action: "ban", at: now.addingTimeInterval(-120))))
            XCTAssertEqual("\(error)", "handled by 小王 (ban) at 07:58")
        }
    }

    func testAnItemSomeoneElseResolvedIsTheirsEvenWithoutAVersion() {
        XCTAssertThrowsError(try CaseGuard.checkAction(.ban, by: "小李", on: item(status: .resolved), expectedVersion: nil,
                                                       lastChange: entry("小王", "ban"), now: now)) { error in
            XCTAssertEqual((error as? ModerationConflict)?.actor, "小王")
        }
        // One's own resolved item is left to the decision, which asks for an undo first.
        XCTAssertNoThrow(try CaseGuard.checkAction(.ban, by: "小王", on: item(status: .resolved), expectedVersion: nil,
                                                   lastChange: entry("小王", "ban"), now: now))
    }

    func testARunningClaimOfSomeoneElseBlocksActionsAndClaims() {
        let claimed = item(claimedBy: "小王", until: now.addingTimeInterval(600))
        let expected = ModerationConflict(caseID: 7, actor: "小王", reason: .claimed(until: now.addingTimeInterval(600)))
        XCTAssertThrowsError(try CaseGuard.checkAction(.delete, by: "小李", on: claimed, expectedVersion: 3, lastChange: nil, now: now)) {
            XCTAssertEqual($0 as? ModerationConflict, expected)
            XCTAssertEqual("\($0)", "小王 is on it until 08:10")
        }
        XCTAssertThrowsError(try CaseGuard.claim(claimed, by: "小李", for: 600, lastChange: nil, now: now)) {
            XCTAssertEqual($0 as? ModerationConflict, expected)
        }
        XCTAssertThrowsError(try CaseGuard.release(claimed, by: "小李", now: now)) { XCTAssertEqual($0 as? ModerationConflict, expected) }
        XCTAssertNoThrow(try CaseGuard.checkAction(.delete, by: "小王", on: claimed, expectedVersion: 3, lastChange: nil, now: now),
                         "the holder acts on their own claim")
    }

    func testAnExpiredClaimBlocksNobody() throws {
        let expired = item(claimedBy: "小王", until: now.addingTimeInterval(-1))
        XCTAssertNoThrow(try CaseGuard.checkAction(.delete, by: "小李", on: expired, expectedVersion: 3, lastChange: nil, now: now))
        let change = try CaseGuard.claim(expired, by: "小李", for: 600, lastChange: nil, now: now)
        XCTAssertEqual(change.claimedBy, "小李")
        XCTAssertEqual(change.claimedUntil, now.addingTimeInterval(600))
        XCTAssertEqual(change.audit.action, "claim")
        XCTAssertEqual(change.audit.caseID, 7)
        XCTAssertEqual(change.audit.reason, "on it for 10m")
    }

    func testReleasingLetsGoOfOnesOwnClaimOnly() throws {
        let mine = item(claimedBy: "小李", until: now.addingTimeInterval(300))
        let release = try XCTUnwrap(CaseGuard.release(mine, by: "小李", now: now))
        XCTAssertNil(release.claimedBy)
        XCTAssertNil(release.claimedUntil)
        XCTAssertEqual(release.audit.action, "release claim")
        XCTAssertNil(try CaseGuard.release(item(), by: "小李", now: now), "nothing claimed: nothing to release")
        XCTAssertNil(try CaseGuard.release(item(status: .resolved, claimedBy: "小李"), by: "小李", now: now),
                     "who handled a resolved item is history, not a claim")
    }

    func testAResolvedItemCannotBeClaimed() {
        XCTAssertThrowsError(try CaseGuard.claim(item(status: .resolved), by: "小李", for: 600, lastChange: entry("小王", "kick"), now: now)) {
            XCTAssertEqual(($0 as? ModerationConflict)?.reason, .handled(action: "kick", at: self.now.addingTimeInterval(-120)))
        }
        XCTAssertThrowsError(try CaseGuard.claim(item(), by: "小李", for: 0, lastChange: nil, now: now)) { XCTAssertTrue($0 is ModerationError) }
    }

    func testAnItemThePlatformSettledNamesItsResolution() {
        XCTAssertEqual(CaseGuard.handled(item(status: .resolved), lastChange: nil, now: now),
                       ModerationConflict(caseID: 7, actor: "someone else", reason: .handled(action: "banned", at: now.addingTimeInterval(-120))))
    }

    func testMessagesUseTheGroupsZone() {
        let conflict = ModerationConflict(caseID: 7, actor: "小王", reason: .claimed(until: now))
        XCTAssertEqual(conflict.message(in: TimeZone(identifier: "Asia/Shanghai")!), "小王 is on it until 16:00")
    }

    func testSnapshotsKeepTheClaimForUndo() throws {
        let snapshot = ModerationSnapshot(before: item(claimedBy: "小李", until: now), member: nil)
        XCTAssertEqual(snapshot.claimedUntil, now.timeIntervalSince1970)
        XCTAssertNil(snapshot.memberRole, "no member row: undo leaves members alone")
        let old = #"{"caseStatus":"open","deletedMessage":false}"#
        XCTAssertNil(try JSONDecoder().decode(ModerationSnapshot.self, from: Data(old.utf8)).claimedUntil, "snapshots from before claims still read")
    }
}
