import XCTest

@testable import QunCore

final class CheckinTests: XCTestCase {
    let detector = CheckinDetector()

    func testGreetingsAndCheckinWordsCount() {
        for text in ["早安", "早上好☀️", "签到", "#签到 第12天", "打卡第30天💪", "早", "早！", "Good morning everyone!", "gm", "签到✅"] {
            XCTAssertTrue(detector.isCheckin(text), text)
        }
    }

    func testMentionsThatAreNotCheckinsDoNot() {
        for text in ["今天忘了打卡", "早点休息", "明天早上好像下雨", "签到活动什么时候开始？", "", "👍", "morning run done"] {
            XCTAssertFalse(detector.isCheckin(text), text)
        }
    }

    func testCustomKeywordsReplaceTheDefaults() {
        let custom = CheckinDetector(keywords: ["报到"])
        XCTAssertTrue(custom.isCheckin("报到！"))
        XCTAssertFalse(custom.isCheckin("早安"))
    }

    func testStreaksFromDays() {
        let days = [10, 11, 12, 14, 15].map(LocalDay.init(number:))
        let r = StreakCalculator.compute(days: days)
        XCTAssertEqual(r.streakEndingAtLast, 2)
        XCTAssertEqual(r.longest, 3)
        XCTAssertEqual(r.lastDay, LocalDay(number: 15))
        XCTAssertEqual(StreakCalculator.compute(days: []).longest, 0)
        // Order and duplicates don't matter.
        XCTAssertEqual(StreakCalculator.compute(days: [3, 1, 2, 2].map(LocalDay.init(number:))).streakEndingAtLast, 3)
    }

    func testCurrentStreakAndRisk() {
        let today = LocalDay(number: 100)
        var m = Member(groupID: "g", memberID: "m", displayName: "小李", firstSeen: .now, lastSeen: .now, checkinStreak: 5, lastCheckinDay: LocalDay(number: 99))
        XCTAssertEqual(m.currentStreak(today: today), 5)
        XCTAssertTrue(m.streakAtRisk(today: today))
        m.lastCheckinDay = today
        XCTAssertFalse(m.streakAtRisk(today: today))
        m.lastCheckinDay = LocalDay(number: 97)
        XCTAssertEqual(m.currentStreak(today: today), 0, "a streak with a missed day is broken")
    }
}
