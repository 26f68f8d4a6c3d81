import Foundation
import XCTest

import QunCore
import QunIngest

/// Telegram Bot API updates: the project's JSON Lines and getUpdates samples, nutgram's update fixtures,
/// and the per-update mapper a running bot's feed can use.
final class ImporterTelegramBotTests: XCTestCase {
    private let group = "-1001234567890"

    func testUpdatesFile() throws {
        let run = try runImporter(importFixture("qundeck_telegram_bot_updates.jsonl"))
        // By hand: 王芳 (1001) 早安 and the photo; 张伟 (1004) the coupon message (sent twice with one
        // update_id); the anonymous admin posts as the group itself; 赵敏 (1005) a sticker.
        XCTAssertEqual(run.messageCounts, ["1001": 2, "1004": 1, group: 1, "1005": 1])
        XCTAssertEqual(run.summary.format, .telegramBot)
        XCTAssertEqual(run.summary.groups, [group])
        XCTAssertEqual(Set(run.events.map(\.source)), ["telegram-bot"])
        XCTAssertEqual(Set(run.events.map(\.groupName)), ["郑州·金水花园1群"])
        XCTAssertEqual(run.events.first?.externalID, group + ":501")
        XCTAssertEqual(run.events.first?.timestamp, Date(timeIntervalSince1970: importerBase))
        XCTAssertEqual(run.message(containing: "群公告")?.replyTo, group + ":501")
        XCTAssertEqual(run.message(containing: "😂")?.text, "[media: sticker 😂]")
    }

    func testEntityOffsetsAreUTF16() throws {
        let run = try runImporter(importFixture("qundeck_telegram_bot_updates.jsonl"))
        // Two emoji (two UTF-16 units each) and CJK before the text_link: its URL goes right after "点这里".
        XCTAssertEqual(
            run.message(containing: "优惠券")?.text, "🎉🎉 欢迎！优惠券 点这里 (https://t.cn/coupon) 领取，详见 https://shop.example.cn/q")
        XCTAssertEqual(
            run.message(containing: "草莓")?.text, "[media: photo] 【团购】草莓 ¥29.9 下单链接 (https://shop.example.cn/t/berry)")

        // nutgram: "test bold underline 😆👍 look here", a text_link at UTF-16 offset 25.
        let url = try importFixture("nutgram_entities.json")
        let nutgram = try runImporter(url, ImportOptions(includePrivateChats: true))
        XCTAssertEqual(nutgram.events.map(\.text), ["test bold underline 😆👍 look here (http://google.it/)"])
        XCTAssertEqual(nutgram.events.first?.memberName, "John Doe")
        XCTAssertEqual(nutgram.events.first?.timestamp, Date(timeIntervalSince1970: 1_672_956_378))
        // By default a bot's private chats are not groups.
        let skipped = try runImporter(url)
        XCTAssertEqual(skipped.events, [])
        XCTAssertEqual(skipped.summary.skippedReasons, ["private chat with the bot (not a group)": 1])
    }

    func testMembershipUpdates() throws {
        let run = try runImporter(importFixture("qundeck_telegram_bot_updates.jsonl"))
        let joins = run.events(.join)
        XCTAssertEqual(joins.map(\.memberID), ["1004", "1005"])
        // 张伟 joined by himself (new_chat_members) and the chat_member update says through whose link:
        // one event, with both reports' details.
        XCTAssertEqual(joins[0].via, .inviteLink)
        XCTAssertEqual(joins[0].actorID, "1001")
        XCTAssertEqual(joins[0].externalID, group + ":in:1004:\(Int(importerBase) + 60)")
        // 赵敏 was added by 王芳.
        XCTAssertEqual(joins[1].via, .added)
        XCTAssertEqual(joins[1].actorID, "1001")
        // left_chat_member: removed by someone else, or left by themselves; kicked in chat_member.
        XCTAssertEqual(run.events(.remove).map(\.memberID), ["1004", "1002"])
        XCTAssertEqual(run.events(.remove).map(\.actorID), ["1001", "1001"])
        XCTAssertEqual(run.events(.leave).map(\.memberID), ["1005"])
        // chat_join_request → a join request with the invite link it came through.
        let request = try XCTUnwrap(run.events(.joinRequest).first)
        XCTAssertEqual(request.memberID, "1007")
        XCTAssertEqual(request.via, .inviteLink)
        XCTAssertEqual(request.actorID, "1001")
        XCTAssertEqual(request.text, "我住金水花园3号楼\n(invite link \"3号楼海报\" https://t.me/+XyZ789 by 王芳)")
        XCTAssertEqual(run.summary.joins, 2)
        XCTAssertEqual(run.summary.removes, 2)
        XCTAssertEqual(run.summary.leaves, 1)
        XCTAssertEqual(run.summary.other, 1)
    }

    func testSkipsDuplicatesAndReportsABrokenLine() throws {
        let run = try runImporter(importFixture("qundeck_telegram_bot_updates.jsonl"))
        XCTAssertEqual(run.problems.map(\.position), ["line 13"])
        XCTAssertTrue(run.problems[0].reason.contains("not valid JSON"), run.problems[0].reason)
        XCTAssertEqual(
            run.summary.skippedReasons,
            [
                "duplicate update_id": 1, "already reported by another update": 1,
                "edited_message (an edit is not a new message)": 1, "private chat with the bot (not a group)": 1,
                "my_chat_member (the bot's own membership)": 1, "invalid record": 1,
            ])
        // Updates after the broken line are still imported.
        XCTAssertNotNil(run.message(containing: "草莓"))
        let again = try runImporter(importFixture("qundeck_telegram_bot_updates.jsonl"))
        XCTAssertEqual(again.events.map(\.externalID), run.events.map(\.externalID))
        XCTAssertEqual(Set(run.events.map(\.externalID)).count, run.events.count)
    }

    func testNutgramMembershipFixtures() throws {
        let options = ImportOptions(includePrivateChats: true)
        let joined = try runImporter(importFixture("nutgram_new_chat_members.json"), options)
        XCTAssertEqual(joined.events.map(\.kind), [.join])
        XCTAssertEqual(joined.events.first?.memberID, "12345")
        XCTAssertEqual(joined.events.first?.memberName, "Mario Bros")
        XCTAssertEqual(joined.events.first?.via, .inviteLink)  // added themselves
        let request = try runImporter(importFixture("nutgram_chat_join_request.json"), options)
        XCTAssertEqual(request.events.map(\.kind), [.joinRequest])
        XCTAssertEqual(request.events.first?.memberID, "123456789")
        XCTAssertEqual(request.events.first?.groupID, "987654321")
        XCTAssertEqual(request.events.first?.via, .request)
    }

    func testGetUpdatesResponseAndArrays() throws {
        let run = try runImporter(importFixture("qundeck_telegram_bot_getupdates.json"))
        XCTAssertEqual(run.messageCounts, ["1002": 1])
        XCTAssertEqual(run.events(.join).map(\.memberID), ["1007", "1005"])
        XCTAssertEqual(Set(run.events(.join).map(\.actorID)), ["1001"])
        XCTAssertEqual(run.problems, [])

        let array = try importerFile(
            "updates.json",
            """
            [
              {"update_id": 1, "message": {"message_id": 1, "from": {"id": 7, "first_name": "小"}, "chat": {"id": -5, "title": "群", "type": "group"}, "date": 1710201600, "text": "一"}},
              {"update_id": 2, "message": {"message_id": 2, "from": {"id": 7, "first_name": "小"}, "chat": {"id": -5, "title": "群", "type": "group"}, "date": 1710201601, "text": "二"}},
              {"update_id": 3, "message": {"message_id": 3, "chat": {"id": -5, "type": "group"}, "date": 1710201602, "text": "没有 from"}}
            ]
            """)
        let fromArray = try runImporter(array)
        XCTAssertEqual(fromArray.events.map(\.text), ["一", "二"])
        XCTAssertEqual(fromArray.problems, [ImportProblem(position: "update 3", reason: "field \"message.from\": missing")])

        // Pretty-printed updates one after another (as a bot may log them).
        let pretty = try importerFile(
            "updates.log",
            """
            {
              "update_id": 10,
              "message": {"message_id": 1, "from": {"id": 7, "first_name": "小"}, "chat": {"id": -5, "type": "group"}, "date": 1710201600, "text": "甲"}
            }
            {
              "update_id": 11,
              "message": {"message_id": 2, "from": {"id": 7, "first_name": "小"}, "chat": {"id": -5, "type": "group"}, "date": 1710201601, "text": "乙"}
            }
            """)
        XCTAssertEqual(try runImporter(pretty, ImportOptions(format: .telegramBot)).events.map(\.text), ["甲", "乙"])
    }

    func testMapperForALiveFeed() throws {
        var mapper = TelegramUpdateMapper()
        let join = #"{"update_id":1,"message":{"message_id":9,"from":{"id":1001,"first_name":"王芳"},"chat":{"id":-100,"title":"群","type":"supergroup"},"date":1710201600,"new_chat_members":[{"id":1005,"first_name":"赵敏"}]}}"#
        let sameJoin = #"{"update_id":2,"chat_member":{"chat":{"id":-100,"title":"群","type":"supergroup"},"from":{"id":1001,"first_name":"王芳"},"date":1710201600,"old_chat_member":{"status":"left","user":{"id":1005,"first_name":"赵敏"}},"new_chat_member":{"status":"member","user":{"id":1005,"first_name":"赵敏"}}}}"#
        guard case let .events(events) = mapper.map(json: Data(join.utf8)) else { return XCTFail("join not mapped") }
        XCTAssertEqual(events.map(\.kind), [.join])
        XCTAssertEqual(events.first?.actorID, "1001")
        XCTAssertEqual(events.first?.raw, join)
        XCTAssertEqual(mapper.map(json: Data(sameJoin.utf8)), .skipped("already reported by another update"))
        XCTAssertEqual(mapper.map(json: Data(join.utf8)), .skipped("duplicate update_id"))
        guard case let .invalid(reason) = mapper.map(json: Data("{\"update_id\": 3, \"message\": {".utf8)) else {
            return XCTFail("broken JSON accepted")
        }
        XCTAssertTrue(reason.contains("not valid JSON"), reason)
        // A fresh mapper (a restarted bot) gives the same ids.
        var fresh = TelegramUpdateMapper()
        guard case let .events(again) = fresh.map(json: Data(sameJoin.utf8)) else { return XCTFail("chat_member not mapped") }
        XCTAssertEqual(again.map(\.externalID), events.map(\.externalID))
    }

    func testChatMemberTransitions() throws {
        func update(_ id: Int, old: String, new: String, by: Int = 1001, user: Int = 1005, extra: String = "") -> String {
            #"{"update_id":\#(id),"chat_member":{"chat":{"id":-100,"title":"群","type":"supergroup"},"from":{"id":\#(by),"first_name":"甲"},"date":\#(1_710_201_600 + id),"old_chat_member":{"status":"\#(old)","user":{"id":\#(user),"first_name":"乙"}},"new_chat_member":{"status":"\#(new)","is_member":true,"user":{"id":\#(user),"first_name":"乙"}}\#(extra)}}"#
        }
        var mapper = TelegramUpdateMapper()
        func kinds(_ line: String) -> String {
            switch mapper.map(json: Data(line.utf8)) {
            case let .events(events): return events.map { "\($0.kind.rawValue) via=\($0.via?.rawValue ?? "-") actor=\($0.actorID ?? "-") role=\($0.memberRole?.rawValue ?? "-")" }.joined(separator: ",")
            case let .skipped(reason): return "skipped: " + reason
            case let .invalid(reason): return "invalid: " + reason
            }
        }
        XCTAssertEqual(kinds(update(1, old: "left", new: "member", by: 1005)), "join via=- actor=- role=-")
        XCTAssertEqual(kinds(update(2, old: "left", new: "member", by: 1001, extra: #","via_join_request":true"#)), "join via=request actor=1001 role=-")
        XCTAssertEqual(kinds(update(3, old: "left", new: "administrator", by: 1001)), "join via=added actor=1001 role=admin")
        XCTAssertEqual(kinds(update(4, old: "member", new: "administrator")), "skipped: chat_member: role change (member → administrator)")
        XCTAssertEqual(kinds(update(5, old: "member", new: "restricted")), "skipped: chat_member: restrictions changed")
        XCTAssertEqual(kinds(update(6, old: "member", new: "left", by: 1005)), "leave via=- actor=- role=-")
        XCTAssertEqual(kinds(update(7, old: "left", new: "kicked")), "ban via=- actor=1001 role=-")
        XCTAssertEqual(kinds(update(8, old: "kicked", new: "left")), "skipped: chat_member: unbanned")
        XCTAssertTrue(kinds(#"{"update_id":9,"chat_member":{"chat":{"id":-100,"type":"supergroup"},"date":1}}"#).hasPrefix("invalid: field \"chat_member.from\""))
        XCTAssertEqual(kinds(#"{"update_id":10,"poll_answer":{"poll_id":"1"}}"#), "skipped: update type poll_answer")
    }

    func testAFileThatIsNotUpdates() throws {
        let url = try importerFile("config.jsonl", "{\"name\": \"x\"}\n{\"name\": \"y\"}\n")
        XCTAssertThrowsError(try runImporter(url, ImportOptions(format: .telegramBot))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("config.jsonl") && text.contains("not a Telegram Bot API updates file"), text)
        }
    }
}
