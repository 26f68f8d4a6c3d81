import Foundation
import XCTest

import QunIngest

final class ImporterDetectorTests: XCTestCase {
    func testFixturesAreRecognised() throws {
        let expected: [(String, ImportFormat)] = [
            ("qundeck_telegram_supergroup.json", .telegram), ("qundeck_telegram_account_export.json", .telegram),
            ("qundeck_telegram_date_only.json", .telegram), ("chatstyle_result.json", .telegram),
            ("chatminer_test_batch_export.json", .telegram),
            ("WhatsApp Chat with 金水花园骑行群.txt", .whatsapp), ("qundeck_whatsapp_ios_chat.txt", .whatsapp),
            ("WhatsApp Chat - 郑州车友群.zip", .whatsapp), ("chatminer_test_mmddyyyy_12hrs.txt", .whatsapp),
            ("chatminer_test_bracket_mmddyy_24hrs.txt", .whatsapp), ("sodascience_chat_file5.txt", .whatsapp),
            ("qundeck_telegram_bot_updates.jsonl", .telegramBot), ("qundeck_telegram_bot_getupdates.json", .telegramBot),
            ("nutgram_entities.json", .telegramBot), ("nutgram_new_chat_members.json", .telegramBot),
            ("nutgram_chat_join_request.json", .telegramBot),
            ("qundeck_discord_export.json", .discord),
        ]
        for (name, format) in expected {
            XCTAssertEqual(try ImportDetector.detect(url: importFixture(name)), format, name)
        }
    }

    func testPrefixesAndFailures() throws {
        XCTAssertEqual(ImportDetector.detect(prefix: Array("[{\"update_id\": 1, \"message\": {".utf8)), .telegramBot)
        XCTAssertEqual(ImportDetector.detect(prefix: Array("\u{FEFF}{\"guild\": {\"id\": \"1\"}, \"channel\"".utf8)), .discord)
        XCTAssertEqual(ImportDetector.detect(prefix: Array("{\n \"about\": \"Here is the data you requested.\",".utf8)), .telegram)
        XCTAssertEqual(ImportDetector.detect(prefix: Array("\u{200E}[16/03/2022, 15:20:25] A: b\r\n".utf8)), .whatsapp)
        XCTAssertNil(ImportDetector.detect(prefix: Array("hello\nworld\n".utf8)))
        XCTAssertNil(ImportDetector.detect(prefix: []))
        let unknown = try importerFile("data.csv", "a,b\n1,2\n")
        XCTAssertThrowsError(try ImportDetector.detect(url: unknown)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("data.csv") && text.contains("--format"), text)
        }
        XCTAssertThrowsError(try ImportDetector.detect(url: URL(fileURLWithPath: "/nonexistent/qundeck/export.json"))) { error in
            XCTAssertTrue("\(error)".contains("no such file"), "\(error)")
        }
    }

    func testAFileForcedIntoTheWrongFormatIsRejectedByName() throws {
        let pairs: [(String, ImportFormat)] = [
            ("qundeck_discord_export.json", .telegram), ("qundeck_telegram_supergroup.json", .discord),
            ("qundeck_telegram_supergroup.json", .telegramBot), ("qundeck_telegram_bot_updates.jsonl", .whatsapp),
            ("WhatsApp Chat with 金水花园骑行群.txt", .telegram),
        ]
        for (name, format) in pairs {
            XCTAssertThrowsError(try runImporter(importFixture(name), ImportOptions(format: format)), "\(name) as \(format)") { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(name) && text.contains("not a \(format.displayName)"), text)
            }
        }
    }
}
