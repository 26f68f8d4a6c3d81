import Foundation
import XCTest

@testable import QunCore
@testable import QunTUI

/// With --lang zh the campaign screens speak Chinese: template descriptions, goal units, schedules, ages.
final class ChineseLabelsTests: XCTestCase, ReducerDriver {
    var state = SampleDashboard.state(width: 140, height: 45, language: .zh)

    private var text: String { DashboardView.render(state).text() }

    func testTheTemplatePickerDescribesTemplatesInChinese() {
        press(.character("4"), .character("c"))
        XCTAssertTrue(text.contains("每天 20:00 预告明天的产品和价格"), text)
        XCTAssertFalse(text.contains("tomorrow's product"), text)
    }

    func testTheCampaignDetailGivesUnitsAndScheduleInChinese() throws {
        press(.character("4"), .enter)
        let window = try XCTUnwrap(LocalTimeWindow("10:00-20:00"))
        _ = reduce(&state, .campaignLoaded(CampaignDetail(
            campaignID: "flash", budget: nil, nextRuns: [], burnDown: [], outbox: [], timeline: [],
            schedule: .hourly(window: window, minute: 0))))
        XCTAssertTrue(text.contains("1840 / 3000 次领取"), text)
        XCTAssertTrue(text.contains("每小时 10:00–20:00 的 :00"), text)
    }

    func testAgesInChinese() {
        let now = SampleDashboard.now
        XCTAssertEqual(Format.age(from: now.addingTimeInterval(-86_400), to: now, language: .zh), "1天")
        XCTAssertEqual(Format.age(from: now.addingTimeInterval(-17 * 3600), to: now, language: .zh), "17小时")
        XCTAssertEqual(Format.age(from: now.addingTimeInterval(-17 * 3600), to: now), "17h")
    }
}
