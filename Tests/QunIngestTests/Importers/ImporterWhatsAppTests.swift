import Foundation
import XCTest

import QunCore
import QunIngest

/// WhatsApp `.txt` / `.zip` exports: the project's Android and iOS samples, chat-miner's Spanish-style
/// 12-hour and bracketed 24-hour files, sodascience's iOS file, and edge cases written inline.
final class ImporterWhatsAppTests: XCTestCase {
    private let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// Seconds since 1970 of a wall-clock time in `zone`.
    private func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0, in zone: TimeZone? = nil) -> TimeInterval {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone ?? shanghai
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!.timeIntervalSince1970
    }

    func testAndroidSample() throws {
        let run = try runImporter(importFixture("WhatsApp Chat with 金水花园骑行群.txt"))
        // By hand: 王芳 1 (a three-line message), 李雷 2 ("早" twice in one minute), 张伟 1, 韩梅梅 2
        // (<Media omitted> and a deleted message), +86 138 0013 8000 1.
        XCTAssertEqual(
            run.messageCounts, ["name:王芳": 1, "name:李雷": 2, "name:张伟": 1, "name:韩梅梅": 2, "tel:+8613800138000": 1])
        XCTAssertEqual(run.summary.groups, ["whatsapp:金水花园骑行群"])
        XCTAssertEqual(Set(run.events.map(\.groupName)), ["金水花园骑行群"])
        XCTAssertEqual(Set(run.events.map(\.groupPlatform)), [.whatsapp])
        XCTAssertEqual(Set(run.events.map(\.source)), ["whatsapp"])
        XCTAssertEqual(run.problems, [])

        let first = try XCTUnwrap(run.message(containing: "骑行路线"))
        XCTAssertEqual(first.text, "早安☀️ 今天骑行路线：\n金水路 → 龙子湖\n集合时间 8:30")
        XCTAssertEqual(first.raw, "12/03/2024, 08:00 - 王芳: 早安☀️ 今天骑行路线：\n金水路 → 龙子湖\n集合时间 8:30")
        // 13/03 can only be day/month: the whole file is read as dmy, in Asia/Shanghai by default.
        XCTAssertEqual(first.timestamp.timeIntervalSince1970, at(2024, 3, 12, 8, 0))
        XCTAssertEqual(run.message(containing: "wx12345")?.timestamp.timeIntervalSince1970, at(2024, 3, 13, 9, 16))
        XCTAssertTrue(run.summary.warnings.contains { $0.contains("Asia/Shanghai") && $0.contains("--tz") }, "\(run.summary.warnings)")
        XCTAssertFalse(run.summary.warnings.contains { $0.contains("--date-order") })

        let morning = run.events.filter { $0.text == "早" }
        XCTAssertEqual(morning.count, 2)
        XCTAssertNotEqual(morning[0].externalID, morning[1].externalID)
        XCTAssertEqual(run.events.filter { $0.memberID == "name:韩梅梅" && $0.kind == .message }.map(\.text), ["[media: omitted]", "[deleted]"])
    }

    func testAndroidSystemLinesBecomeEvents() throws {
        let run = try runImporter(importFixture("WhatsApp Chat with 金水花园骑行群.txt"))
        let joins = run.events(.join)
        XCTAssertEqual(joins.map(\.memberID), ["name:王芳", "name:李雷", "name:韩梅梅", "tel:+8613800138000", "name:张伟"])
        XCTAssertEqual(joins[0].memberRole, .owner)  // created group
        for added in joins[1...3] {
            XCTAssertEqual(added.via, .added)
            XCTAssertEqual(added.actorID, "name:王芳")
        }
        XCTAssertEqual(joins[3].memberName, "+86 138 0013 8000")
        XCTAssertEqual(joins[4].via, .inviteLink)
        XCTAssertEqual(run.events(.remove).map(\.memberID), ["name:张伟"])
        XCTAssertEqual(run.events(.remove).first?.actorID, "name:王芳")
        XCTAssertEqual(run.events(.leave).map(\.memberID), ["name:李雷"])
        XCTAssertEqual(
            run.summary.skippedReasons, ["encryption notice": 1, "group subject changed": 1, "group icon changed": 1])
        // "王芳 added 李雷, 韩梅梅 and …" is one line, three events with their own ids.
        XCTAssertEqual(Set(joins[1...3].map { String($0.externalID.suffix(2)) }), ["#0", "#1", "#2"])
    }

    func testIOSSampleWithCRLFBOMMarksAndTwelveHourClock() throws {
        let run = try runImporter(importFixture("qundeck_whatsapp_ios_chat.txt"))
        // By hand: 王芳 3 (a three-line message, 中午好, 早安 after a U+200E), 李雷 3 (image omitted, a
        // two-line list, 夜猫子), 陈静 1 (written "~ 陈静" with U+202F).
        XCTAssertEqual(run.messageCounts, ["name:王芳": 3, "name:李雷": 3, "name:陈静": 1])
        XCTAssertEqual(run.problems, [])
        // System lines are written as if the group sent them; the group's name comes from them.
        XCTAssertEqual(run.summary.groups, ["whatsapp:郑州车友群"])
        XCTAssertEqual(run.events(.join).map(\.memberID), ["name:王芳", "name:李雷", "name:陈静"])
        XCTAssertEqual(run.events(.join).map(\.via), [nil, .added, .inviteLink])
        XCTAssertEqual(run.events(.join).first?.memberRole, .owner)
        XCTAssertEqual(run.events(.leave).map(\.memberID), ["name:陈静"])
        XCTAssertEqual(run.summary.skippedReasons, ["encryption notice": 1])
        XCTAssertFalse(run.events.contains { $0.memberID == "name:郑州车友群" })
        // 3/14/24: month/day. "7:58:01 PM" with U+202F; 12 PM is noon, 12:30 AM half past midnight.
        XCTAssertEqual(run.events.first?.timestamp.timeIntervalSince1970, at(2024, 3, 14, 19, 58, 1))
        XCTAssertEqual(run.message(containing: "中午好")?.timestamp.timeIntervalSince1970, at(2024, 3, 15, 12, 0))
        XCTAssertEqual(run.message(containing: "夜猫子")?.timestamp.timeIntervalSince1970, at(2024, 3, 15, 0, 30))
        XCTAssertEqual(run.message(containing: "接龙")?.text, "欢迎大家！周六自驾去嵩山 🚗\n报名请接龙：\n1. 王芳")
        XCTAssertEqual(run.message(containing: "2. 李雷")?.text, "1. 王芳\n2. 李雷")
        XCTAssertEqual(run.events.filter { $0.memberID == "name:李雷" && $0.kind == .message }.first?.text, "[media: photo]")
        XCTAssertEqual(run.message(containing: "新来的")?.memberName, "陈静")
        XCTAssertFalse(run.summary.warnings.contains { $0.contains("--date-order") })
        XCTAssertFalse(run.events.contains { ($0.text ?? "").unicodeScalars.contains { $0.value == 0x200E || $0 == "\r" } })
    }

    func testZipExportReadsItsChatText() throws {
        try XCTSkipIf(!FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") && !FileManager.default.isExecutableFile(atPath: "/bin/unzip"),
            "unzip is not installed")
        let zipped = try runImporter(importFixture("WhatsApp Chat - 郑州车友群.zip"))
        let plain = try runImporter(importFixture("qundeck_whatsapp_ios_chat.txt"))
        XCTAssertEqual(zipped.summary.format, .whatsapp)
        XCTAssertEqual(zipped.summary.groups, ["whatsapp:郑州车友群"])
        XCTAssertEqual(zipped.events, plain.events)
    }

    func testABrokenZipIsAClearError() throws {
        let url = try importerFile("WhatsApp Chat - 坏的.zip", "this is not a zip archive")
        XCTAssertThrowsError(try runImporter(url)) { error in
            XCTAssertTrue("\(error)".contains("坏的.zip"), "\(error)")
        }
    }

    func testChatMinerSpanishMeridiem() throws {
        let run = try runImporter(importFixture("chatminer_test_mmddyyyy_12hrs.txt"))
        // By hand: John Doe 3 (one is "John Doe:." with no space after the colon), Jahn Doe 1,
        // John-John Doe 1, "John Doe 🤓" 1, "🤓" 1; the last message has no final newline.
        XCTAssertEqual(
            run.messageCounts,
            ["name:John Doe": 3, "name:Jahn Doe": 1, "name:John-John Doe": 1, "name:John Doe 🤓": 1, "name:🤓": 1])
        // 01/20/2019 and 01/30/2019: month/day, found without a warning.
        XCTAssertFalse(run.summary.warnings.contains { $0.contains("--date-order") })
        XCTAssertEqual(run.message(containing: "Lorem ipsum dolor sit amet,\nconsectetur")?.timestamp.timeIntervalSince1970,
            at(2019, 1, 30, 20, 49))  // 08:49 p. m.
        XCTAssertEqual(run.message(containing: "Lorem ipsum :")?.timestamp.timeIntervalSince1970, at(2020, 6, 10, 15, 55))
        XCTAssertEqual(run.events.first?.timestamp.timeIntervalSince1970, at(2019, 1, 1, 11, 25))  // 11:25 a. m.
        // "+12 345 578 created group" at 00:08 a. m.; "You were added".
        let joins = run.events(.join)
        XCTAssertEqual(joins.map(\.memberID), ["tel:+12345578", "self"])
        XCTAssertEqual(joins[0].memberRole, .owner)
        XCTAssertEqual(joins[0].timestamp.timeIntervalSince1970, at(2020, 6, 20, 0, 8))
        XCTAssertEqual(run.summary.groups, ["whatsapp:Groupname"])
        XCTAssertEqual(run.events.last?.text, "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.")
    }

    func testChatMinerBracketsWithoutComma() throws {
        let run = try runImporter(importFixture("chatminer_test_bracket_mmddyy_24hrs.txt"))
        XCTAssertEqual(
            run.messageCounts,
            ["name:John Doe": 3, "name:Jahn Doe": 1, "name:John-John Doe": 1, "name:John Doe 🤓": 1, "name:🤓": 1])
        XCTAssertEqual(run.message(containing: "consectetur")?.timestamp.timeIntervalSince1970, at(2019, 1, 30, 20, 49))
        XCTAssertEqual(run.events.last?.timestamp.timeIntervalSince1970, at(2021, 12, 30, 22, 1))
        XCTAssertEqual(run.summary.joins, 2)
    }

    func testSodascienceIOSExport() throws {
        let run = try runImporter(importFixture("sodascience_chat_file5.txt"))
        XCTAssertEqual(run.messageCounts, ["name:person1": 3, "name:person2": 3, "name:person3": 1, "name:person4": 2])
        XCTAssertEqual(run.summary.skippedReasons, ["encryption notice": 1])
        XCTAssertEqual(run.problems, [])
        // A blank line inside a message, CRLF line ends.
        XCTAssertEqual(run.events.first?.text, "Hi \n\nshiva!")
        XCTAssertEqual(run.events.first?.timestamp.timeIntervalSince1970, at(2022, 3, 16, 15, 20, 25))
        // Lines out of time order are kept as they are (the store orders by time).
        XCTAssertEqual(run.message(containing: "Bedankt")?.timestamp.timeIntervalSince1970, at(2020, 7, 14, 22, 5, 54))
        XCTAssertEqual(run.message(containing: "Location:")?.text, "Location: https://maps.google.com/?q=52.089451,5.108469")
        // Headers behind a U+200E are still headers.
        XCTAssertNotNil(run.message(containing: "random messages"))
        XCTAssertFalse(run.summary.warnings.contains { $0.contains("--date-order") })
    }

    func testDateOrderIsInferredFromTheWholeFileAndCanBeOverridden() throws {
        let ambiguous = try importerFile(
            "WhatsApp Chat with 棋友群.txt",
            "03/04/2024, 10:00 - 甲: 你好\n05/04/2024, 10:00 - 乙: 好久不见\n")
        let guessed = try runImporter(ambiguous)
        XCTAssertTrue(guessed.summary.warnings.contains { $0.contains("--date-order") }, "\(guessed.summary.warnings)")
        XCTAssertEqual(guessed.events.first?.timestamp.timeIntervalSince1970, at(2024, 4, 3, 10, 0))
        let told = try runImporter(ambiguous, ImportOptions(dateOrder: .mdy))
        XCTAssertFalse(told.summary.warnings.contains { $0.contains("--date-order") })
        XCTAssertEqual(told.events.map(\.timestamp.timeIntervalSince1970), [at(2024, 3, 4, 10, 0), at(2024, 5, 4, 10, 0)])
        // The ids do not depend on how the dates were read: re-importing with the right order adds nothing.
        XCTAssertEqual(told.events.map(\.externalID), guessed.events.map(\.externalID))

        // One line anywhere in the file settles it.
        let settled = try importerFile(
            "WhatsApp Chat with 棋友群.txt",
            "03/04/2024, 10:00 - 甲: 你好\n04/04/2024, 10:00 - 乙: 好\n04/25/2024, 10:00 - 甲: 月底见\n")
        let run = try runImporter(settled)
        XCTAssertFalse(run.summary.warnings.contains { $0.contains("--date-order") })
        XCTAssertEqual(run.events.first?.timestamp.timeIntervalSince1970, at(2024, 3, 4, 10, 0))
    }

    func testTimeZoneOption() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let run = try runImporter(importFixture("WhatsApp Chat with 金水花园骑行群.txt"), ImportOptions(timeZone: berlin))
        XCTAssertEqual(run.message(containing: "骑行路线")?.timestamp.timeIntervalSince1970, at(2024, 3, 12, 8, 0, in: berlin))
        XCTAssertEqual(Set(run.events.map(\.groupTimeZoneID)), ["Europe/Berlin"])
        XCTAssertFalse(run.summary.warnings.contains { $0.contains("time zone") })
    }

    func testLocaleVariants() throws {
        let nbsp = "\u{00A0}"
        let url = try importerFile(
            "WhatsApp Chat with 变体.txt",
            [
                "2024/3/12 下午3:05 - 王芳: 下午好",  // Chinese locale: year first, 下午 before the time
                "2024/3/12 上午12:10 - 李雷: 半夜",
                "2024-03-13, 07:00\(nbsp)- 王芳: 早",  // U+00A0 before the dash
                "[2024/3/13 19:00:05] 李雷: <attached: 00000012-PHOTO-2024-03-13-19-00-05.jpg>",
                "2024/3/13 19:01 - 李雷: IMG-20240313-WA0001.jpg (file attached)",
                "聚餐照片",
                "2024/3/13 19:02 - 王芳: 周末一起吃饭 <This message was edited>",
            ].joined(separator: "\n"))
        let run = try runImporter(url)
        XCTAssertEqual(run.problems, [])
        XCTAssertEqual(run.messageCounts, ["name:王芳": 3, "name:李雷": 3])
        XCTAssertEqual(run.events.map(\.timestamp.timeIntervalSince1970), [
            at(2024, 3, 12, 15, 5), at(2024, 3, 12, 0, 10), at(2024, 3, 13, 7, 0), at(2024, 3, 13, 19, 0, 5), at(2024, 3, 13, 19, 1),
            at(2024, 3, 13, 19, 2),
        ])
        XCTAssertEqual(run.events.map { $0.text ?? "" }, ["下午好", "半夜", "早", "[media: photo]", "[media: photo] 聚餐照片", "周末一起吃饭"])
        XCTAssertFalse(run.summary.warnings.contains { $0.contains("--date-order") })
    }

    func testSystemLineVariants() throws {
        let url = try importerFile(
            "WhatsApp Chat with 健身群.txt",
            [
                "01/02/2024, 09:00 - You created group \"健身群\"",
                "01/02/2024, 09:01 - You added 小陈 and 小刘",
                "01/02/2024, 09:02 - 小陈 added you",
                "13/02/2024, 09:03 - 小刘 removed 小刘",
                "13/02/2024, 09:04 - You removed 小陈",
                "13/02/2024, 09:05 - 老赵 joined using this group’s invite link",
                "13/02/2024, 09:06 - 老钱 requested to join.",
                "13/02/2024, 09:07 - 老赵 changed the subject to \"健身: 每日打卡\"",
                "13/02/2024, 09:08 - 老赵: 老钱 left",
                "13/02/2024, 09:09 - Some future notice nobody knows",
            ].joined(separator: "\r\n"))
        let run = try runImporter(url)
        XCTAssertEqual(run.problems, [])
        XCTAssertEqual(run.events(.join).map(\.memberID), ["self", "name:小陈", "name:小刘", "self", "name:老赵"])
        XCTAssertEqual(run.events(.join)[3].actorID, "name:小陈")
        XCTAssertEqual(run.events(.leave).map(\.memberID), ["name:小刘"])  // removing oneself is leaving
        XCTAssertEqual(run.events(.remove).map(\.memberID), ["name:小陈"])
        XCTAssertEqual(run.events(.remove).first?.actorID, "self")
        XCTAssertEqual(run.events(.joinRequest).map(\.memberID), ["name:老钱"])
        // A member who types "老钱 left" sent a message; it is not a system line.
        XCTAssertEqual(run.events(.message).map(\.text), ["老钱 left"])
        XCTAssertEqual(run.summary.skippedReasons, ["group subject changed": 1, "WhatsApp system line not recognised": 1])
    }

    func testAnInvalidDateIsReportedAndTheRestImported() throws {
        let url = try importerFile(
            "WhatsApp Chat with 坏日期.txt",
            "28/02/2024, 10:00 - 甲: 一\n31/02/2024, 10:01 - 乙: 二月没有三十一号\n续行\n29/02/2024, 10:02 - 甲: 三\n")
        let run = try runImporter(url)
        XCTAssertEqual(run.problems.map(\.position), ["line 2"])
        XCTAssertTrue(run.problems[0].reason.contains("31/02/2024"), run.problems[0].reason)
        XCTAssertEqual(run.messageCounts, ["name:甲": 2])
        XCTAssertEqual(run.summary.problems, 1)
    }

    func testIDsAreStableAcrossImportsAndLineMoves() throws {
        let lines = [
            "12/03/2024, 08:00 - 王芳: 早安", "12/03/2024, 08:01 - 李雷: 早", "12/03/2024, 08:01 - 李雷: 早",
            "13/03/2024, 09:00 - 韩梅梅: 多行", "第二行",
        ]
        let a = try runImporter(importerFile("WhatsApp Chat with 同一群.txt", lines.joined(separator: "\n")))
        let again = try runImporter(importerFile("WhatsApp Chat with 同一群.txt", lines.joined(separator: "\n")))
        XCTAssertEqual(a.events.map(\.externalID), again.events.map(\.externalID))
        // The same chat exported with the messages in another order: the same ids.
        let moved = [lines[3], lines[4], lines[0], lines[1], lines[2]]
        let b = try runImporter(importerFile("WhatsApp Chat with 同一群.txt", moved.joined(separator: "\n")))
        XCTAssertEqual(Set(a.events.map(\.externalID)), Set(b.events.map(\.externalID)))
        XCTAssertEqual(Set(a.events.map(\.externalID)).count, 4)
    }

    func testATextFileThatIsNotWhatsAppIsRejected() throws {
        let url = try importerFile("notes.txt", "买菜\n牛奶 2 盒\n草莓\n")
        XCTAssertThrowsError(try runImporter(url)) { error in
            XCTAssertTrue("\(error)".contains("notes.txt"), "\(error)")
        }
        XCTAssertThrowsError(try runImporter(url, ImportOptions(format: .whatsapp))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("notes.txt") && text.contains("not a WhatsApp chat export"), text)
        }
    }
}
