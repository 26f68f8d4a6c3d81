import Foundation
import XCTest

@testable import QunIngest

/// Splitting a feed into lines with exact byte offsets, which the follower stores as its cursor.
final class LineReaderTests: XCTestCase {
    struct ReadLine: Equatable {
        var number: Int
        var text: String
        var endOffset: Int64
    }

    func write(_ bytes: [UInt8]) throws -> URL {
        let url = try makeTemporaryDirectory().appendingPathComponent("feed.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data(bytes)))
        return url
    }

    func write(_ text: String) throws -> URL { try write(Array(text.utf8)) }

    func readAll(
        _ url: URL, acceptPartial: Bool, chunkSize: Int = 1 << 20, startOffset: Int64 = 0, startLine: Int = 0
    ) throws -> (lines: [ReadLine], reader: LineReader) {
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: url.path))
        addTeardownBlock { try? handle.close() }
        try handle.seek(toOffset: UInt64(startOffset))
        let reader = LineReader(handle: handle, startOffset: startOffset, startLine: startLine, chunkSize: chunkSize)
        var lines: [ReadLine] = []
        while let line = reader.next(acceptPartial: acceptPartial) {
            lines.append(ReadLine(number: line.number, text: String(decoding: line.bytes, as: UTF8.self), endOffset: line.endOffset))
        }
        return (lines, reader)
    }

    func testPlainLines() throws {
        let (lines, reader) = try readAll(try write("a\nbc\n\ndef\n"), acceptPartial: false)
        XCTAssertEqual(lines, [
            ReadLine(number: 1, text: "a", endOffset: 2), ReadLine(number: 2, text: "bc", endOffset: 5),
            ReadLine(number: 3, text: "", endOffset: 6), ReadLine(number: 4, text: "def", endOffset: 10),
        ])
        XCTAssertEqual(reader.offset, 10)
        XCTAssertEqual(reader.lineNumber, 4)
    }

    func testEmptyFile() throws {
        let (lines, reader) = try readAll(try write(""), acceptPartial: true)
        XCTAssertEqual(lines, [])
        XCTAssertEqual(reader.offset, 0)
    }

    func testByteOrderMarkIsStrippedFromTheFirstLineOnly() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let url = try write(bom + Array("{\"a\":1}\n".utf8) + bom + Array("x\n".utf8))
        let (lines, _) = try readAll(url, acceptPartial: false)
        XCTAssertEqual(lines.map(\.text), ["{\"a\":1}", "\u{FEFF}x"])
        // The BOM's three bytes still count towards the offsets.
        XCTAssertEqual(lines.map(\.endOffset), [11, 16])
    }

    func testCRLFLineEndings() throws {
        let (lines, _) = try readAll(try write("a\r\nbc\r\n\r\nd\n"), acceptPartial: false)
        XCTAssertEqual(lines.map(\.text), ["a", "bc", "", "d"])
        XCTAssertEqual(lines.map(\.endOffset), [3, 7, 9, 11])
    }

    func testOnlyTheFinalCarriageReturnIsALineEnding() throws {
        let (lines, _) = try readAll(try write("a\rb\r\n"), acceptPartial: false)
        XCTAssertEqual(lines.map(\.text), ["a\rb"])
    }

    func testFinalLineWithoutNewlineNeedsAcceptPartial() throws {
        let url = try write("a\nlast")
        let follower = try readAll(url, acceptPartial: false)
        XCTAssertEqual(follower.lines.map(\.text), ["a"])
        XCTAssertEqual(follower.reader.offset, 2, "the cursor stays before the unfinished line")
        let wholeFile = try readAll(url, acceptPartial: true)
        XCTAssertEqual(wholeFile.lines, [
            ReadLine(number: 1, text: "a", endOffset: 2), ReadLine(number: 2, text: "last", endOffset: 6),
        ])
    }

    func testPartialLineIsCompletedByALaterWrite() throws {
        // What a follower sees when it polls in the middle of the writer's line.
        let url = try write("a\n{\"half\":")
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: url.path))
        defer { try? handle.close() }
        let reader = LineReader(handle: handle)
        XCTAssertEqual(reader.next(acceptPartial: false).map { String(decoding: $0.bytes, as: UTF8.self) }, "a")
        XCTAssertNil(reader.next(acceptPartial: false))
        XCTAssertNil(reader.next(acceptPartial: false), "still unfinished")
        try append("1}\nb\n", to: url)
        let completed = try XCTUnwrap(reader.next(acceptPartial: false))
        XCTAssertEqual(String(decoding: completed.bytes, as: UTF8.self), "{\"half\":1}")
        XCTAssertEqual(completed.number, 2)
        XCTAssertEqual(completed.endOffset, 13)
        XCTAssertEqual(reader.next(acceptPartial: false).map(\.endOffset), 15)
        XCTAssertNil(reader.next(acceptPartial: false))
    }

    func testOffsetsCountBytesNotCharacters() throws {
        // 签到 is 6 bytes, 🌞 is 4, é is 2.
        let (lines, _) = try readAll(try write("签到\n早安🌞\ncafé\n"), acceptPartial: false)
        XCTAssertEqual(lines.map(\.text), ["签到", "早安🌞", "café"])
        XCTAssertEqual(lines.map(\.endOffset), [7, 18, 24])
    }

    func testSmallChunksGiveTheSameLinesAsLargeOnes() throws {
        // Lines longer and shorter than the chunk, multi-byte characters split across chunks, a BOM, CRLF,
        // blank lines and a final line without newline.
        var text = "\u{FEFF}{\"text\":\"早安☀️ 今天也要加油\"}\r\n\n"
        for i in 0..<40 {
            text += String(repeating: "签", count: i % 9) + "line \(i)" + (i % 3 == 0 ? "\r\n" : "\n")
        }
        text += "末行没有换行"
        let url = try write(text)
        for acceptPartial in [false, true] {
            let large = try readAll(url, acceptPartial: acceptPartial).lines
            for chunkSize in [1, 2, 3, 7, 64] {
                XCTAssertEqual(try readAll(url, acceptPartial: acceptPartial, chunkSize: chunkSize).lines, large, "chunk \(chunkSize)")
            }
        }
        let all = try readAll(url, acceptPartial: true).lines
        XCTAssertEqual(all.count, 43)
        XCTAssertEqual(all.first?.text, "{\"text\":\"早安☀️ 今天也要加油\"}")
        XCTAssertEqual(all.last?.text, "末行没有换行")
        XCTAssertEqual(all.last?.endOffset, Int64(text.utf8.count))
    }

    func testResumingFromAStoredOffset() throws {
        let url = try write("one\ntwo\nthree\n")
        let (lines, _) = try readAll(url, acceptPartial: false, startOffset: 4, startLine: 1)
        XCTAssertEqual(lines, [
            ReadLine(number: 2, text: "two", endOffset: 8), ReadLine(number: 3, text: "three", endOffset: 14),
        ])
    }
}
