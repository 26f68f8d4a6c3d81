import Foundation
import XCTest

import QunCore
import QunIngest

/// Telegram Desktop JSON exports: the project's own supergroup sample, chatstyle's personal chat,
/// chat-miner's account export, and damaged / date-only variants.
final class ImporterTelegramExportTests: XCTestCase {
    private let group = "-1001234567890"

    func testOwnSampleCountsMessagesPerMember() throws {
        let run = try runImporter(importFixture("qundeck_telegram_supergroup.json"))
        // Counted by hand in the file: 王芳 (user1001) posts ids 2 and 16, 李雷 4 and 7, 韩梅梅 5 and 15,
        // 张伟 6, 赵敏 9, a deleted account (user1006) 11, 孙丽 18.
        XCTAssertEqual(run.messageCounts, ["1001": 2, "1002": 2, "1003": 2, "1004": 1, "1005": 1, "1006": 1, "1007": 1])
        XCTAssertEqual(run.summary.messages, 10)
        XCTAssertEqual(run.summary.members, 7)
        XCTAssertEqual(run.problems, [])
        XCTAssertEqual(run.summary.format, .telegram)
        XCTAssertEqual(run.summary.groups, [group])
        for event in run.events {
            XCTAssertEqual(event.source, "telegram-export")
            XCTAssertEqual(event.groupID, group)
            XCTAssertEqual(event.groupName, "郑州·金水花园1群")
            XCTAssertEqual(event.groupPlatform, .telegram)
            XCTAssertNil(event.groupTimeZoneID)
            XCTAssertNotNil(event.raw)
        }
    }

    func testServiceMessagesBecomeJoinsLeavesAndRemovals() throws {
        let run = try runImporter(importFixture("qundeck_telegram_supergroup.json"))
        let joins = Dictionary(uniqueKeysWithValues: run.events(.join).map { ($0.memberID, $0) })
        XCTAssertEqual(Set(joins.keys), ["1001", "1002", "1003", "1004", "1005", "1007"])
        // create_group: the creator is the owner; the listed members (names only) were added by them and
        // are resolved to the ids they later post with.
        XCTAssertEqual(joins["1001"]?.memberRole, .owner)
        XCTAssertEqual(joins["1002"]?.via, .added)
        XCTAssertEqual(joins["1002"]?.actorID, "1001")
        XCTAssertEqual(joins["1003"]?.memberName, "韩梅梅")
        // join_group_by_link: the inviter is given by name and resolved too.
        XCTAssertEqual(joins["1004"]?.via, .inviteLink)
        XCTAssertEqual(joins["1004"]?.actorID, "1001")
        // invite_members
        XCTAssertEqual(joins["1005"]?.via, .added)
        XCTAssertEqual(joins["1005"]?.actorID, "1001")
        // join_group_by_request
        XCTAssertEqual(joins["1007"]?.via, .request)
        XCTAssertEqual(joins["1007"]?.timestamp, Date(timeIntervalSince1970: importerBase + 16 * 60))

        // remove_members by an admin is a removal; removing oneself is a leave.
        XCTAssertEqual(run.events(.remove).map(\.memberID), ["1004"])
        XCTAssertEqual(run.events(.remove).first?.actorID, "1001")
        XCTAssertEqual(run.events(.leave).map(\.memberID), ["1002"])
        XCTAssertEqual(run.summary.joins, 6)
        XCTAssertEqual(run.summary.leaves, 1)
        XCTAssertEqual(run.summary.removes, 1)
        XCTAssertEqual(run.summary.skippedReasons["pin_message"], 1)
        XCTAssertEqual(run.summary.skippedReasons.keys.filter { $0.hasPrefix("edit_group_title") }.count, 1)
        XCTAssertEqual(run.summary.skipped, 2)
        // One service message, several events: each has its own id.
        XCTAssertEqual(
            Set(run.events.filter { $0.externalID.hasPrefix(group + ":1#") }.map(\.externalID)),
            [group + ":1#0", group + ":1#1", group + ":1#2"])
    }

    func testLinksMentionsMediaAndDeletedAccounts() throws {
        let run = try runImporter(importFixture("qundeck_telegram_supergroup.json"))
        let text = Dictionary(uniqueKeysWithValues: run.events(.message).map { ($0.externalID, $0.text ?? "") })
        // A text_link's target is in `href`, not in the text: it is appended after the label.
        XCTAssertEqual(text[group + ":5"], "团购链接在这里：点我 (https://shop.example.cn/t/123) 快来 🛒")
        XCTAssertEqual(text[group + ":6"], "看看这个 https://t.me/joinchat/AAAA")
        XCTAssertEqual(text[group + ":7"], "@zhangwei 欢迎欢迎 🎉 进群请改昵称")
        XCTAssertEqual(text[group + ":9"], "[media: photo] 我家的猫 🐱")
        XCTAssertEqual(text[group + ":15"], "[media: sticker 👍]")
        XCTAssertEqual(text[group + ":16"], "明天团购预告：\n草莓 ¥29.9/盒")
        let reply = try XCTUnwrap(run.events.first { $0.externalID == group + ":7" })
        XCTAssertEqual(reply.replyTo, group + ":3")
        let deleted = try XCTUnwrap(run.events.first { $0.externalID == group + ":11" })
        XCTAssertEqual(deleted.memberID, "1006")
        XCTAssertEqual(deleted.memberName, "Deleted Account")
        let raw = try XCTUnwrap(deleted.raw)
        XCTAssertTrue(raw.hasPrefix("{") && raw.hasSuffix("}"), raw)
        XCTAssertTrue(raw.contains("\"from\": null"), raw)
    }

    func testDateUnixtimeWinsOverTheLocalDate() throws {
        let run = try runImporter(importFixture("qundeck_telegram_supergroup.json"))
        // `date` is 08:01 local (no offset); `date_unixtime` is 00:01 UTC — the same instant in UTC+8.
        let second = try XCTUnwrap(run.events.first { $0.externalID == group + ":2" })
        XCTAssertEqual(second.timestamp, Date(timeIntervalSince1970: importerBase + 60))
        // A --tz does not move times that have date_unixtime; it becomes the new group's zone.
        let zoned = try runImporter(
            importFixture("qundeck_telegram_supergroup.json"), ImportOptions(timeZone: TimeZone(identifier: "America/New_York")))
        XCTAssertEqual(zoned.events.map(\.timestamp), run.events.map(\.timestamp))
        XCTAssertEqual(Set(zoned.events.map(\.groupTimeZoneID)), ["America/New_York"])
    }

    func testDateWithoutUnixtimeNeedsATimeZone() throws {
        let url = try importFixture("qundeck_telegram_date_only.json")
        let bare = try runImporter(url)
        XCTAssertEqual(bare.events, [])
        XCTAssertEqual(bare.problems.map(\.position), ["messages[0]", "messages[1]", "messages[2]"])
        for problem in bare.problems {
            XCTAssertTrue(problem.reason.hasPrefix("field \"date\":"), problem.reason)
            XCTAssertTrue(problem.reason.contains("--tz"), problem.reason)
        }
        XCTAssertTrue(bare.summary.warnings.contains { $0.contains("--tz") }, "\(bare.summary.warnings)")

        let zoned = try runImporter(url, ImportOptions(timeZone: TimeZone(identifier: "Asia/Shanghai")))
        XCTAssertEqual(zoned.problems, [])
        // 2021-06-01T07:00:00+08:00, 07:05:30, 23:59:59
        XCTAssertEqual(zoned.events.map(\.timestamp.timeIntervalSince1970), [1_622_502_000, 1_622_502_330, 1_622_563_199])
        XCTAssertEqual(zoned.messageCounts, ["2001": 2, "2002": 1])
        XCTAssertEqual(Set(zoned.events.map(\.groupID)), ["-4242"])  // a basic group: minus sign, as in the Bot API
        XCTAssertEqual(Set(zoned.events.map(\.groupTimeZoneID)), ["Asia/Shanghai"])
    }

    func testChatstylePersonalChatFixture() throws {
        let run = try runImporter(importFixture("chatstyle_result.json"))
        // 12 records: one pin service message, 11 messages — Анна (user111) 8, Борис (user222) 3.
        XCTAssertEqual(run.messageCounts, ["111": 8, "222": 3])
        XCTAssertEqual(run.summary.skippedReasons, ["pin_message": 1])
        XCTAssertEqual(run.events.first?.timestamp, Date(timeIntervalSince1970: 1_682_942_460))
        XCTAssertEqual(run.events.first?.externalID, "222:1")
        XCTAssertEqual(run.events.first?.groupName, "Борис")
        let texts = run.events.map { $0.text ?? "" }
        XCTAssertTrue(texts.contains("смотри https://example.com/a круто"))
        XCTAssertTrue(texts.contains("ну реально норм, @boris_k глянь"))
        XCTAssertTrue(texts.contains("[media: sticker 😀]"))
        XCTAssertTrue(texts.contains("[media: photo] короче вот фотка"))
        XCTAssertTrue(texts.contains("ладно))\nщас дойду"))
        XCTAssertEqual(run.problems, [])
    }

    func testChatMinerAccountExportWithoutIdsOrTypes() throws {
        let url = try importFixture("chatminer_test_batch_export.json")
        let run = try runImporter(url)
        XCTAssertEqual(run.messageCounts, ["name:Author 1": 1, "name:Author 2": 1])
        XCTAssertEqual(run.summary.groups, ["telegram:Chatname"])
        XCTAssertEqual(run.events.map { $0.text ?? "" }, ["Minimal Message", "Link:https://telegram.org/"])
        XCTAssertEqual(run.events.map(\.timestamp.timeIntervalSince1970), [1_544_006_350, 1_544_006_964])
        // No message ids: ids are content hashes, the same on every import.
        let again = try runImporter(url)
        XCTAssertEqual(again.events.map(\.externalID), run.events.map(\.externalID))
        XCTAssertEqual(Set(run.events.map(\.externalID)).count, 2)
    }

    func testAccountExportImportsGroupsAndSkipsPersonalChatsAndChannels() throws {
        let url = try importFixture("qundeck_telegram_account_export.json")
        let run = try runImporter(url)
        // 棋友群 lists its messages before its name, type and id: still read with the right group.
        XCTAssertEqual(run.summary.groups, ["-777", "-100999"])
        XCTAssertEqual(run.events.filter { $0.groupID == "-777" }.map(\.groupName), ["棋友群", "棋友群"])
        XCTAssertEqual(run.messageCounts, ["1001": 1, "2001": 1, "3001": 1])
        XCTAssertEqual(run.summary.skippedReasons, ["personal chat (not a group)": 1, "channel (not a group)": 1])
        XCTAssertEqual(run.problems, [])

        let all = try runImporter(url, ImportOptions(includePrivateChats: true))
        XCTAssertEqual(all.summary.groups, ["1002", "-777", "-100999"])
        XCTAssertEqual(all.summary.skippedReasons, ["channel (not a group)": 1])
    }

    func testPersonalChatsAreImportedWhenTheExportHasNoGroup() throws {
        let url = try importerFile(
            "result.json",
            """
            {"chats": {"list": [
              {"name": "小王", "type": "personal_chat", "id": 5, "messages": [
                {"id": 1, "type": "message", "date_unixtime": "1710201600", "from": "小王", "from_id": "user5", "text": "在吗"}]},
              {"name": "Saved Messages", "type": "saved_messages", "id": 6, "messages": [
                {"id": 1, "type": "message", "date_unixtime": "1710201601", "from": "我", "from_id": "user6", "text": "备忘"}]}
            ]}}
            """)
        let run = try runImporter(url)
        XCTAssertEqual(run.summary.groups, ["5", "6"])
        XCTAssertEqual(run.summary.messages, 2)
        XCTAssertTrue(run.summary.warnings.contains { $0.contains("no group chats") }, "\(run.summary.warnings)")
    }

    func testDamagedExportReportsEachBadRecordAndKeepsTheRest() throws {
        let run = try runImporter(importFixture("qundeck_telegram_damaged.json"))
        XCTAssertEqual(run.problems.map(\.position), ["messages[1]", "messages[3]", "messages[5]", "messages[8]"])
        XCTAssertTrue(run.problems[0].reason.contains("not valid JSON"), run.problems[0].reason)
        XCTAssertEqual(run.problems[1].reason, "field \"date_unixtime\": \"yesterday\" is not unix seconds")
        XCTAssertTrue(run.problems[2].reason.contains("line break inside a string"), run.problems[2].reason)
        XCTAssertTrue(run.problems[3].reason.contains("truncated"), run.problems[3].reason)
        // Messages 1, 3, 5, 7 and 8 survive: 甲 posted 1, 5 and 8; 乙 3 and 7.
        XCTAssertEqual(run.events.map(\.externalID), ["-1005550001:1", "-1005550001:3", "-1005550001:5", "-1005550001:7", "-1005550001:8"])
        XCTAssertEqual(run.messageCounts, ["1": 3, "2": 2])
        XCTAssertEqual(run.summary.problems, 4)
        XCTAssertEqual(run.summary.skippedReasons["invalid record"], 4)
    }

    func testImportingTwiceGivesIdenticalIDs() throws {
        let url = try importFixture("qundeck_telegram_supergroup.json")
        let first = try runImporter(url)
        let second = try runImporter(url)
        XCTAssertEqual(first.events.map(\.externalID), second.events.map(\.externalID))
        XCTAssertEqual(first.events, second.events)
        XCTAssertEqual(Set(first.events.map(\.externalID)).count, first.events.count)
    }

    func testGroupOptionMovesEventsButKeepsTheirIDs() throws {
        let url = try importFixture("qundeck_telegram_supergroup.json")
        let plain = try runImporter(url)
        let moved = try runImporter(url, ImportOptions(groupID: "zz-jinshui-1"))
        XCTAssertEqual(Set(moved.events.map(\.groupID)), ["zz-jinshui-1"])
        XCTAssertEqual(moved.events.map(\.externalID), plain.events.map(\.externalID))
    }

    func testAFileThatIsNotAnExportIsRejectedByName() throws {
        let url = try importerFile("notes.json", #"{"title": "购物清单", "items": ["草莓", "牛奶"]}"#)
        XCTAssertThrowsError(try runImporter(url, ImportOptions(format: .telegram))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("notes.json"), text)
            XCTAssertTrue(text.contains("not a Telegram Desktop export"), text)
        }
        let array = try importerFile("list.json", "[1, 2, 3]")
        XCTAssertThrowsError(try runImporter(array, ImportOptions(format: .telegram))) { error in
            XCTAssertTrue("\(error)".contains("list.json"), "\(error)")
        }
    }

    func testDamageInOneChatDoesNotRunIntoTheNext() throws {
        let url = try importerFile(
            "result.json",
            """
            {
             "chats": {
              "list": [
               {
                "name": "一群",
                "type": "private_group",
                "id": 1,
                "messages": [
                 {
                  "id": 1,
                  "type": "message",
                  "date_unixtime": "1710201600",
                  "from_id": "user1",
                  "text": "好"
                 },
                 {
                  "id": 2,
                  "type": "message",
                  "date_unixtime": "1710201601",
                  "from_id": "user1",
                  "text": "断了
                 }
                ]
               },
               {
                "name": "二群",
                "type": "private_group",
                "id": 2,
                "messages": [
                 {
                  "id": 1,
                  "type": "message",
                  "date_unixtime": "1710201602",
                  "from_id": "user2",
                  "text": "二群的消息"
                 }
                ]
               }
              ]
             }
            }
            """)
        let run = try runImporter(url)
        XCTAssertEqual(run.problems.map(\.position), ["chats.list[0].messages[1]"])
        XCTAssertEqual(run.events.map(\.groupID), ["-1", "-2"])
        XCTAssertEqual(run.events.map(\.text), ["好", "二群的消息"])
    }
}
