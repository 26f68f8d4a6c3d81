import Foundation
import XCTest

import QunCore
// Testable only to build an analysis that claims more than the text says (ContentAnalysis has no public
// initializer); the store itself is reached through the role protocols like everywhere in this suite.
@testable import QunStore
import StoreTestSupport

/// A bulk ingest analyses message text ahead of the write (`ContentAnalyzer`). The writer must use that
/// analysis only while the settings it was made with still hold.
class ContentAnalysisTests: StoreContractTestCase {
    private let now = at("2026-11-23T12:00:00+08:00")

    private func message(_ id: String, _ text: String) -> Event {
        event(id, .message, "u1", "2026-11-23T08:00:00+08:00", text: text)
    }

    /// Analysis made ahead and applied gives the same rows as analysis made by the writer.
    func testAnalysisMadeAheadStoresWhatTheWriterWouldHave() throws {
        let events = [
            event("j", .join, "u1", "2026-11-01T08:00:00+08:00"),
            message("m1", "早安"), message("m2", "加微信领优惠 vx123456"), message("m3", "看这个 https://spam.example.com/x"),
            message("m4", "今天天气不错"),
        ]
        let ahead = try makeStore()
        try ahead.append(events, now: now)  // creates the group first, as an ingest's earlier batch would
        let inline = try makeStore()
        try inline.append(events, now: now)
        let more = [message("m5", "签到"), message("m6", "vx 同号 加我领红包 http://t.cn/abc")].map {
            var e = $0
            e.externalID += "b"
            return e
        }
        let analysis = try ahead.contentAnalyzer().analyze(more)
        try ahead.append(pulling: oneChunk(AppendChunk(events: more, analysis: analysis)), now: now)
        try inline.append(more, now: now)
        XCTAssertEqual(try ahead.moderationQueue().map(\.item.reason), try inline.moderationQueue().map(\.item.reason))
        XCTAssertEqual(try ahead.member(groupID: "g1", memberID: "u1"), try inline.member(groupID: "g1", memberID: "u1"))
        XCTAssertFalse(try ahead.moderationQueue().isEmpty)
    }

    /// The writer does use what it is handed: an analysis claiming a check-in is taken at its word.
    func testAnalysisWithTheCurrentSettingsIsUsed() throws {
        let store = try makeStore()
        try store.append([event("j", .join, "u1", "2026-11-01T08:00:00+08:00")], now: now)
        let chat = message("m1", "今天天气不错")
        let real = try store.contentAnalyzer().analyze([chat])
        let claimed = ContentAnalysis(
            settings: real.settings, messages: [MessageAnalysis(isCheckin: true, findings: real.messages[0]!.findings)])
        try store.append(pulling: oneChunk(AppendChunk(events: [chat], analysis: claimed)), now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.checkinCount, 1)
    }

    /// Rules changed (by another process) after the analysis was made: the writer works the text out again.
    func testAnalysisMadeBeforeARuleChangeIsNotUsed() throws {
        let store = try makeStore()
        try store.append([event("j", .join, "u1", "2026-11-01T08:00:00+08:00")], now: now)
        let text = message("m1", "这里有人卖菠萝吗")
        let stale = try store.contentAnalyzer().analyze([text])
        var settings = RuleSettings()
        settings.bannedWord = BannedWordSettings(words: ["菠萝"])
        try openAnother(store).saveRuleSet(RuleSet(defaults: settings), actor: "owner", now: now)
        try store.append(pulling: oneChunk(AppendChunk(events: [text], analysis: stale)), now: now)
        XCTAssertEqual(try store.moderationQueue().map(\.item.rule), ["banned_word"])
    }

    /// A group given check-in keywords after the analysis was made: its messages are judged by the new ones.
    func testAnalysisMadeBeforeNewCheckinKeywordsIsNotUsed() throws {
        let store = try makeStore()
        try store.append([event("j", .join, "u1", "2026-11-01T08:00:00+08:00")], now: now)
        let text = message("m1", "冲鸭")
        let stale = try store.contentAnalyzer().analyze([text])
        var group = try XCTUnwrap(try store.groups().first)
        group.checkinKeywords = ["冲鸭"]
        try store.saveGroup(group)
        try store.append(pulling: oneChunk(AppendChunk(events: [text], analysis: stale)), now: now)
        XCTAssertEqual(try store.member(groupID: "g1", memberID: "u1")?.checkinCount, 1)
    }

    private func oneChunk(_ chunk: AppendChunk) -> () -> AppendChunk? {
        var pending: AppendChunk? = chunk
        return {
            defer { pending = nil }
            return pending
        }
    }
}
