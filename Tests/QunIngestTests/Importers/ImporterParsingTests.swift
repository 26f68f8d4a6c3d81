import Foundation
import XCTest

@testable import QunIngest

/// The building blocks: the streaming JSON reader, the slice parser, WhatsApp headers, Bot API
/// entities, the stable hash.
final class ImporterParsingTests: XCTestCase {
    func testSliceParser() throws {
        let value = try JSONSliceParser.parse(Array(#"{"a": [1, -2, 3.5, 1e3, true, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00", "o": {}}"#.utf8))
        XCTAssertEqual(value["a"], .array([.integer(1), .integer(-2), .number(3.5), .number(1000), .bool(true), .null]))
        XCTAssertEqual(value["s"], .string("x\"\\/\né😀"))
        XCTAssertEqual(value["o"], .object([:]))
        XCTAssertEqual(try JSONSliceParser.parse(Array(#""\ud83d""#.utf8)), .string("\u{FFFD}"))
        for bad in [#"{"a": 1"#, #"{"a" 1}"#, "[1,]", #""a"#, "tru", "{} x", "\"a\nb\""] {
            XCTAssertThrowsError(try JSONSliceParser.parse(Array(bad.utf8)), bad) { error in
                XCTAssertTrue("\(error)".hasPrefix("not valid JSON ("), "\(error)")
            }
        }
    }

    func testByteStreamAcrossChunkBoundaries() throws {
        let text = #"""
            {"skip": {"x": "}]\"{"}, "name": "群\"名", "list": [ {"id": 1, "t": "a,b]"}, [2, 3] ,"s", 4.5, null ], "end": true}
            """#
        let url = try importerFile("stream.json", text)
        for chunk in [1, 3, 7, 64, 1 << 20] {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let stream = JSONByteStream(handle: handle, chunkSize: chunk)
            try stream.beginObject()
            var seen: [String] = []
            var items: [String] = []
            while let key = try stream.nextKey() {
                seen.append(key)
                switch key {
                case "name": XCTAssertEqual(try stream.readValue(), .string("群\"名"))
                case "list":
                    try stream.beginArray()
                    while try stream.nextElement() { items.append(String(decoding: try stream.captureValue(), as: UTF8.self)) }
                default: try stream.skipValue()
                }
            }
            XCTAssertEqual(seen, ["skip", "name", "list", "end"], "chunk \(chunk)")
            XCTAssertEqual(items, [#"{"id": 1, "t": "a,b]"}"#, "[2, 3]", #""s""#, "4.5", "null"], "chunk \(chunk)")
            XCTAssertNil(stream.peek())
        }
    }

    func testByteStreamReportsTruncation() throws {
        let url = try importerFile("cut.json", #"{"messages": [{"id": 1}, {"id": 2, "text": "cut"#)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let stream = JSONByteStream(handle: handle, chunkSize: 5)
        try stream.beginObject()
        XCTAssertEqual(try stream.nextKey(), "messages")
        try stream.beginArray()
        XCTAssertTrue(try stream.nextElement())
        XCTAssertEqual(String(decoding: try stream.captureValue(), as: UTF8.self), #"{"id": 1}"#)
        XCTAssertTrue(try stream.nextElement())
        XCTAssertThrowsError(try stream.captureValue()) { error in
            guard case JSONStreamError.truncated = error else { return XCTFail("\(error)") }
        }
    }

    func testWhatsAppHeaders() throws {
        struct Case {
            var line: String
            var fields: [Int]
            var time: [Int]
            var body: String
        }
        let cases = [
            Case(line: "16/03/2022, 15:20 - Anna: hi", fields: [16, 3, 2022], time: [15, 20, 0], body: "Anna: hi"),
            Case(line: "3/16/22, 3:20 PM - Anna: hi", fields: [3, 16, 22], time: [15, 20, 0], body: "Anna: hi"),
            Case(line: "3/16/22, 3:20\u{202F}pm - Anna: hi", fields: [3, 16, 22], time: [15, 20, 0], body: "Anna: hi"),
            Case(line: "01/30/2019, 08:49 p. m. - Jahn Doe: x", fields: [1, 30, 2019], time: [20, 49, 0], body: "Jahn Doe: x"),
            Case(line: "01/30/2019, 12:05 a.m. - J: x", fields: [1, 30, 2019], time: [0, 5, 0], body: "J: x"),
            Case(line: "[16/03/2022, 15:20:25] Anna: hi", fields: [16, 3, 2022], time: [15, 20, 25], body: "Anna: hi"),
            Case(line: "\u{200E}[16/03/2022, 03:20:25 PM] Anna: hi", fields: [16, 3, 2022], time: [15, 20, 25], body: "Anna: hi"),
            Case(line: "[01/20/19 11:23] John Doe:.", fields: [1, 20, 19], time: [11, 23, 0], body: "John Doe:."),
            Case(line: "16.03.22, 15:20 - Anna: hi", fields: [16, 3, 22], time: [15, 20, 0], body: "Anna: hi"),
            Case(line: "2022/3/16 下午3:20 - 安娜: 你好", fields: [2022, 3, 16], time: [15, 20, 0], body: "安娜: 你好"),
            Case(line: "16/03/2022, 15:20\u{00A0}- Anna joined", fields: [16, 3, 2022], time: [15, 20, 0], body: "Anna joined"),
        ]
        for c in cases {
            let h = try XCTUnwrap(WhatsAppHeader.parse(c.line), c.line)
            XCTAssertEqual([h.fields.0, h.fields.1, h.fields.2], c.fields, c.line)
            XCTAssertEqual([h.hour24, h.minute, h.second], c.time, c.line)
            XCTAssertEqual(String(h.body), c.body, c.line)
        }
        XCTAssertEqual(WhatsAppHeader.parse("\u{200E}[3/16/22, 3:20:05\u{202F}PM] A: b")?.stamp, "3/16/22, 3:20:05 PM")
        XCTAssertEqual(WhatsAppHeader.parse("01/30/2019, 08:49 p. m. - A: b")?.stamp, "01/30/2019, 08:49 p. m.")
        for notHeader in ["hello", "12 apples - fine", "1/2 - x", "16/03/2022 - x", "16/03/2022, 25:00 - x", "[16/03/2022, 15:20 x", "3:20 PM - x"] {
            XCTAssertNil(WhatsAppHeader.parse(notHeader), notHeader)
        }
    }

    func testBotEntitiesUseUTF16Offsets() {
        let text = "👍🏻 看 这里 and there"
        let units = Array(text.utf16)
        func offset(of s: String) -> Int {
            let r = text.range(of: s)!
            return text.utf16.distance(from: text.utf16.startIndex, to: r.lowerBound)
        }
        XCTAssertEqual(units.count, text.utf16.count)
        let entities: JSONValue = .array([
            .object(["type": .string("text_link"), "offset": .integer(Int64(offset(of: "这里"))), "length": .integer(2), "url": .string("https://a.cn")]),
            .object(["type": .string("text_link"), "offset": .integer(Int64(offset(of: "there"))), "length": .integer(5), "url": .string("https://b.cn")]),
            .object(["type": .string("text_link"), "offset": .integer(99), "length": .integer(5), "url": .string("https://bad")]),
        ])
        XCTAssertEqual(TelegramText.botText(text, entities: entities), "👍🏻 看 这里 (https://a.cn) and there (https://b.cn)")
        XCTAssertEqual(TelegramText.botLinks(text, entities: entities), ["https://a.cn", "https://b.cn"])
    }

    func testStableHash() {
        XCTAssertEqual(
            StableHash.sha256(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            StableHash.sha256([]).map { String(format: "%02x", $0) }.joined(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(StableHash.hex(["a", "b"]), StableHash.hex(["a", "b"]))
        XCTAssertNotEqual(StableHash.hex(["ab", ""]), StableHash.hex(["a", "b"]))
    }

    func testDateVote() throws {
        func vote(_ lines: [String]) -> (DateOrder, String?) {
            var v = WhatsAppDateVote()
            for line in lines { v.add(WhatsAppHeader.parse(line + " - a: b")!) }
            let d = v.decide(override: nil)
            return (d.order, d.warning)
        }
        XCTAssertEqual(vote(["13/01/2024, 10:00"]).0, .dmy)
        XCTAssertNil(vote(["13/01/2024, 10:00"]).1)
        XCTAssertEqual(vote(["01/13/2024, 10:00"]).0, .mdy)
        let conflict = vote(["13/01/2024, 10:00", "01/13/2024, 10:00", "14/01/2024, 10:00"])
        XCTAssertEqual(conflict.0, .dmy)
        XCTAssertTrue(conflict.1?.contains("--date-order") ?? false)
        // 01/02 then 02/01 runs backwards as dmy (1 Feb → 2 Jan), forwards as mdy.
        let ordered = vote(["01/02/2024, 10:00", "02/01/2024, 10:00"])
        XCTAssertEqual(ordered.0, .mdy)
        XCTAssertTrue(ordered.1?.contains("--date-order") ?? false)
    }
}
