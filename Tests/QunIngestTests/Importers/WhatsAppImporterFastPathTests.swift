import Foundation
import XCTest

import QunCore
@testable import QunIngest

/// The WhatsApp importer reads the common case from UTF-8 bytes and hands anything unusual to the
/// Character- and Foundation-based code it had before. These lines sit on both sides of that line; the
/// ids and texts are the ones the importer produced before it read bytes, so stored events still dedupe.
final class WhatsAppImporterFastPathTests: XCTestCase {
    func testIDsAndTextsMatchTheCharacterLevelReading() throws {
        let lines = [
            "12/03/2024, 08:00 - 王芳: café",
            "12/03/2024, 08:00 - 王芳: cafe\u{301}",  // canonically the same message: the second occurrence
            "12/03/2024, 08:01 - 李雷: \u{301}accent after the colon-space",  // Foundation does not match this ": "
            "12/03/2024, 08:01 - 李雷: x: \u{301}y: z",
            "12/03/2024, 08:02 - \"引号\": 不是消息",
            "12/03/2024, 08:02 - " + String(repeating: "长", count: 40) + ": 名字太长",
            "12/03/2024, 08:03 - ~\u{202F}陈静: 早安☀️",
            "12/03/2024, 08:03 - 陈静: \u{200E}image omitted",
            "12/03/2024, 08:04 - 陈静: IMG-0001.jpg (file attached)",
            "照片说明",
            "12/03/2024, 08:04 - 陈静: <attached: 00000012-PHOTO-2024-03-13.jpg>",
            "12/03/2024, 08:05 - 王芳: 改过了 <This message was edited>",
            "12/03/2024, 08:05 - 王芳: 两行\r",
            "第二行",
            "12/03/2024, 08:06 - 王芳: This message was deleted",
            "12/03/2024, 08:06 - 王芳 left",
            "13/03/2024, 08:07 - 王芳:没有空格",
        ]
        let url = try importerFile("WhatsApp Chat with 快路.txt", lines.joined(separator: "\n") + "\n")
        let run = try runImporter(url, ImportOptions(timeZone: TimeZone(identifier: "Asia/Shanghai")))
        let long = "name:" + String(repeating: "长", count: 40)
        let expected: [(String, String, EventKind, String?)] = [
            ("wa:81782c138a0310a1c7b8e43c", "name:王芳", .message, "café"),
            ("wa:4bc73457a1c16b90fd63f73f", "name:王芳", .message, "cafe\u{301}"),
            ("wa:eaad0d239f457d774b0f7aeb", "name:李雷", .message, "\u{301}accent after the colon-space"),
            ("wa:8274bddf1607b9c80259e0eb", "name:李雷", .message, "x: \u{301}y: z"),
            ("wa:6cb321a8680004a981c42101", long, .message, "名字太长"),
            ("wa:8060347edad3d3e3c524cd63", "name:陈静", .message, "早安☀️"),
            ("wa:90c2406b700b901caced0cc7", "name:陈静", .message, "[media: photo]"),
            ("wa:d6d9c42fb8e067ce738b9bee", "name:陈静", .message, "[media: photo] 照片说明"),
            ("wa:7d1ff6d946efc9c415a29e31", "name:陈静", .message, "[media: photo]"),
            ("wa:9b67f54d809325f6a483fe19", "name:王芳", .message, "改过了"),
            ("wa:7d708f727e1aeac8b30774f5", "name:王芳", .message, "两行\n第二行"),
            ("wa:b34350bd1a165eb0b3c01af4", "name:王芳", .message, "[deleted]"),
            ("wa:a429178b21d4d634386fc947", "name:王芳", .leave, nil),
            ("wa:c188ca217c376a46bfb24df4", "name:王芳", .message, "没有空格"),
        ]
        XCTAssertEqual(run.events.count, expected.count)
        for (event, want) in zip(run.events, expected) {
            XCTAssertEqual(event.externalID, want.0)
            XCTAssertEqual(event.memberID, want.1)
            XCTAssertEqual(event.kind, want.2)
            XCTAssertEqual(event.text.map { Array($0.unicodeScalars) }, want.3.map { Array($0.unicodeScalars) }, want.0)
        }
        XCTAssertEqual(run.summary.skippedReasons, ["WhatsApp system line not recognised": 1])
    }

    func testTextLinesAreTheDecodedByteLines() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("第一行\r\n\r\n".utf8) + [0x61, 0xFF, 0xE2, 0x80, 0x0A] + Array("最后一行没有换行\r".utf8)
        let url = try importerFile("lines.txt", "")
        try Data(bytes).write(to: url)
        func lines(_ read: (LineReader) -> (Int, String)?) throws -> [String] {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let reader = LineReader(handle: handle, chunkSize: 5)
            var out: [String] = []
            while let (number, text) = read(reader) { out.append("\(number) \(text)") }
            return out
        }
        let viaData = try lines { reader in
            reader.next(acceptPartial: true).map { ($0.number, String(decoding: $0.bytes, as: UTF8.self)) }
        }
        let viaText = try lines { $0.nextText(acceptPartial: true) }
        XCTAssertEqual(viaText, viaData)
        XCTAssertEqual(viaText, ["1 第一行", "2 ", "3 a\u{FFFD}\u{FFFD}", "4 最后一行没有换行"])
    }
}
