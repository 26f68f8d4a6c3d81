import Foundation
import XCTest

@testable import QunCore

final class CampaignMessageTests: XCTestCase {
    func testFillsTheStandardPlaceholders() {
        let r = CampaignPlan.render(
            template: "@{name} {time} 秒杀：{product} 只要 ¥{price}！", values: ["name": "小李", "time": "10:00", "product": "五常大米 5kg", "price": "39.90"])
        XCTAssertEqual(r.text, "@小李 10:00 秒杀：五常大米 5kg 只要 ¥39.90！")
        XCTAssertTrue(r.isComplete)
    }

    func testUnknownPlaceholdersAreLeftAndReportedOnce() {
        let r = MessageTemplate.render(template: "{product}{colour} and {colour} and {size}", values: ["product": "橙子"])
        XCTAssertEqual(r.text, "橙子{colour} and {colour} and {size}")
        XCTAssertEqual(r.unknownPlaceholders, ["colour", "size"])
    }

    func testValuesArePlainTextAndNeverExpandedAgain() {
        let r = MessageTemplate.render(template: "{name}: {price}", values: ["name": "{price}", "price": "1.00"])
        XCTAssertEqual(r.text, "{price}: 1.00")
        XCTAssertTrue(r.isComplete)
    }

    func testBracesThatAreNotPlaceholdersStayText() {
        let template = "{ } {你好} {1st} { name} {name } {{name}} {"
        let r = MessageTemplate.render(template: template, values: ["name": "X"])
        XCTAssertEqual(r.text, "{ } {你好} {1st} { name} {name } {X} {")
        XCTAssertEqual(MessageTemplate.placeholders(in: template), ["name"])
    }

    func testEmojiAndAdjacentPlaceholders() {
        let r = MessageTemplate.render(template: "🧧{product}{price}🎉", values: ["product": "鸡蛋", "price": "¥2"])
        XCTAssertEqual(r.text, "🧧鸡蛋¥2🎉")
        XCTAssertEqual(MessageTemplate.render(template: "", values: [:]).text, "")
    }

    func testPlanRenderAddsItsOwnValues() {
        var plan = CampaignTemplate(.preview).defaultPlan(name: "明日预告", groups: ["g1"], now: Date(timeIntervalSince1970: 1_790_000_000), id: "pv")
        plan.messages[.announcement] = "{campaign}：{hook}"
        plan.hook = "明天有好货"
        XCTAssertEqual(plan.render(.announcement, values: [:])?.text, "明日预告：明天有好货")
        XCTAssertNil(plan.render(.welcome, values: [:]))
        XCTAssertEqual(plan.render(.announcement, values: ["campaign": "override"])?.text, "override：明天有好货")
    }

    func testPostsReportTemplatePlaceholdersWithoutValues() {
        var plan = CampaignTemplate(.preview).defaultPlan(name: "明日预告", groups: ["g1"], now: Date(timeIntervalSince1970: 1_790_000_000), id: "pv")
        plan.messages[.preview] = "{product} {stock}"
        let slot = plan.nextRuns(after: plan.createdAt, zones: [:], limit: 1)[0]
        XCTAssertEqual(plan.posts(for: slot).first?.unknownPlaceholders, ["stock"])
        XCTAssertEqual(plan.problems().map(\.field), ["message preview"])
    }
}
