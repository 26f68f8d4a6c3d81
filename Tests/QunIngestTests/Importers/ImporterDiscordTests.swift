import Foundation
import XCTest

import QunCore
import QunIngest

/// DiscordChatExporter JSON: the project's own sample.
final class ImporterDiscordTests: XCTestCase {
    private let channel = "1100000000000000001"
    private func id(_ n: Int) -> String { String(1_200_000_000_000_000_000 + n) }

    func testExport() throws {
        let run = try runImporter(importFixture("qundeck_discord_export.json"))
        // By hand: 群主阿强 (3009) 1, 小李 (3001) a message and a sticker, 老王 (3002) a reply and an
        // attachment, 陈静 (3003) 1 (her other message has a broken timestamp).
        XCTAssertEqual(run.messageCounts, ["3009": 1, "3001": 2, "3002": 2, "3003": 1])
        XCTAssertEqual(run.summary.groups, [channel])
        XCTAssertEqual(Set(run.events.map(\.groupName)), ["郑州骑行社 #周末骑行"])
        XCTAssertEqual(Set(run.events.map(\.groupPlatform)), [.discord])
        XCTAssertEqual(Set(run.events.map(\.source)), ["discord"])
        XCTAssertEqual(run.events.first?.externalID, id(1))
        XCTAssertEqual(run.events.first?.timestamp.timeIntervalSince1970, importerBase + 0.123)
        // "+08:00" offsets are honoured.
        XCTAssertEqual(run.message(containing: "路线在这")?.timestamp, Date(timeIntervalSince1970: importerBase + 120))
        XCTAssertEqual(run.message(containing: "路线在这")?.memberName, "小李")
        XCTAssertEqual(run.message(containing: "我也去")?.replyTo, id(3))
        XCTAssertEqual(run.message(containing: "合影")?.text, "[media: attachment 合影.jpg]")
        XCTAssertEqual(run.message(containing: "点赞")?.text, "[media: sticker 点赞]")
    }

    func testSystemMessages() throws {
        let run = try runImporter(importFixture("qundeck_discord_export.json"))
        XCTAssertEqual(run.events(.join).map(\.memberID), ["3001", "3003"])
        XCTAssertNil(run.events(.join)[0].via)  // GuildMemberJoin
        XCTAssertEqual(run.events(.join)[1].via, .added)  // RecipientAdd
        XCTAssertEqual(run.events(.join)[1].actorID, "3009")
        XCTAssertEqual(run.events(.leave).map(\.memberID), ["3003"])  // RecipientRemove of oneself
        XCTAssertEqual(run.events(.remove).map(\.memberID), ["3002"])
        XCTAssertEqual(run.events(.remove).first?.actorID, "3009")
        XCTAssertEqual(run.summary.skippedReasons["Discord ChannelPinnedMessage message"], 1)
        XCTAssertEqual(run.problems, [ImportProblem(position: "messages[7]", reason: "field \"timestamp\": \"yesterday\" is not an RFC 3339 time with an offset")])
        let again = try runImporter(importFixture("qundeck_discord_export.json"))
        XCTAssertEqual(again.events, run.events)
    }

    func testChannelAfterMessagesAndMissingMessages() throws {
        let late = try importerFile(
            "late.json",
            #"{"messages": [{"id": "5", "type": "Default", "timestamp": "2024-03-12T00:00:00+00:00", "author": {"id": "9", "name": "a"}, "content": "hi"}], "channel": {"id": "77", "name": "闲聊"}}"#)
        let run = try runImporter(late, ImportOptions(format: .discord))
        XCTAssertEqual(run.events.map(\.groupID), ["77"])
        XCTAssertEqual(run.events.map(\.groupName), ["#闲聊"])

        let none = try importerFile("guild.json", #"{"guild": {"id": "1", "name": "x"}}"#)
        XCTAssertThrowsError(try runImporter(none)) { error in
            XCTAssertTrue("\(error)".contains("guild.json") && "\(error)".contains("messages"), "\(error)")
        }
    }
}
