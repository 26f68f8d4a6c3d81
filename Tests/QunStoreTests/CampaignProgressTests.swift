import Foundation
import XCTest

import QunCore
import QunStore
import StoreTestSupport

/// Campaign progress towards its goal and spend from the ledger, as the Campaigns pane shows them.
class CampaignProgressTests: StoreContractTestCase {
    func testClaimsCountTowardsTheGoalAndTheirAmountsAreSpent() throws {
        let store = try makeCommunityStore()
        let rows = Dictionary(uniqueKeysWithValues: try store.campaigns().map { ($0.id, $0) })
        let redPacket = try XCTUnwrap(rows["rp1"])
        XCTAssertEqual(redPacket.progress.achieved, 2)
        XCTAssertEqual(redPacket.progress.spent, Money(fen: 125 + 75))
        XCTAssertEqual(redPacket.groupNames, [Community.groupName])
        XCTAssertEqual(redPacket.campaign, Community.redPacketCampaign)

        // Orders count for the flash sale but are revenue, not spend.
        let flashSale = try XCTUnwrap(rows["ff1"])
        XCTAssertEqual(flashSale.progress, CampaignProgress(achieved: 1, spent: .zero))
        XCTAssertEqual(flashSale.groupNames, [Community.groupName, "Berlin 华人群"])
    }

    func testCampaignSavedBeforeItsEventsCountsThemToo() throws {
        let store = try makeStore()
        try store.saveCampaign(Community.redPacketCampaign)
        try store.append(Community.events, now: Community.now)
        let row = try XCTUnwrap(store.campaigns().first { $0.id == "rp1" })
        XCTAssertEqual(row.progress, CampaignProgress(achieved: 2, spent: Money(fen: 200)))
    }

    func testResavingACampaignKeepsItsProgress() throws {
        let store = try makeCommunityStore()
        var edited = Community.redPacketCampaign
        edited.status = .paused
        edited.budget = Money(fen: 8_000)
        try store.saveCampaign(edited)
        let row = try XCTUnwrap(store.campaigns().first { $0.id == "rp1" })
        XCTAssertEqual(row.campaign.status, .paused)
        XCTAssertEqual(row.campaign.budget, Money(fen: 8_000))
        XCTAssertEqual(row.progress, CampaignProgress(achieved: 2, spent: Money(fen: 200)))
    }

    func testClaimWithoutAnAmountCountsButSpendsNothing() throws {
        let store = try makeStore()
        try store.saveCampaign(Community.redPacketCampaign)
        try store.append([event("c1", .redpacketClaim, "u1", "2026-11-23T20:00:00+08:00", campaign: "rp1")])
        let row = try XCTUnwrap(store.campaigns().first)
        XCTAssertEqual(row.progress, CampaignProgress(achieved: 1, spent: .zero))
    }

    func testCheckinGoalCountsCheckinEvents() throws {
        let store = try makeStore()
        let challenge = Campaign(
            id: "ck", name: "21天签到挑战", type: .checkinChallenge, status: .running, groupIDs: ["g1"],
            goalMetric: "checkins", goalTarget: 100, budget: Money(fen: 10_000), createdAt: at("2026-11-01T00:00:00+08:00"))
        try store.saveCampaign(challenge)
        try store.append([
            event("a", .checkin, "u1", "2026-11-22T07:00:00+08:00", campaign: "ck"),
            event("b", .checkin, "u2", "2026-11-22T07:01:00+08:00", campaign: "ck"),
        ])
        XCTAssertEqual(try store.campaigns().first?.progress.achieved, 2)
    }
}
